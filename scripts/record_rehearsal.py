"""Record the rehearsal the checker's unit tests read: follow the bundled guide in Chromium, once, and store it.

Run from the project (after ``make setup``), whenever ``mock_sites/labels.py``, ``mock_sites/rules.py`` or a
template changed (the unit test ``test_the_recorded_rehearsal_is_current`` says so)::

    .venv/bin/python scripts/record_rehearsal.py

It writes ``tests/guides/revisions/recorded_rehearsal.json``: every screen, e-mail and SMS the follow saw (as
``rehearse.check.capture`` dataclasses), the captures of each bundled instruction, the URLs opened and the facts
the probes measured for every revision of ``tests/guides/revisions``, with the digest of the sources.
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rehearse.check.claims import example_passwords, example_phones, guide_urls  # noqa: E402
from rehearse.check.rehearsal import rehearse  # noqa: E402
from rehearse.guide import BUNDLED_GUIDE  # noqa: E402
from tests.guides.revisions.expected import revision_paths  # noqa: E402
from tests.guides.revisions.recorded import RECORDED, sources_digest  # noqa: E402


def main() -> int:
    guides = [BUNDLED_GUIDE, *revision_paths()]
    with tempfile.TemporaryDirectory(prefix="record-rehearsal-") as scratch:
        rehearsal = rehearse(example_passwords=sorted(example_passwords(guides)), urls=sorted(guide_urls(guides)),
                             example_phones=sorted(example_phones(guides)), report_dir=Path(scratch),
                             progress=lambda line: print(f"record: {line}", file=sys.stderr, flush=True))
    document = {"sources": sources_digest(), "rehearsal": asdict(rehearsal)}
    RECORDED.write_text(json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {len(rehearsal.screens)} screens and {len(rehearsal.messages)} messages in {RECORDED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
