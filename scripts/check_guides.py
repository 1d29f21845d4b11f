"""Check every bundled guide on the screens it is written for (``rehearse.guide.BUNDLED_GUIDES``): the seed guide
on the 2020 screens, the 2026 guide on today's. Each gets its own report folder, ``reports/check/<guide>/``
(illustrated guide, JSON, JUnit XML). Exits 0 when every guide passes its check, else the first failing exit code.

    python scripts/check_guides.py [--report-dir reports/check] [extra rehearse check options…]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rehearse import cli  # noqa: E402
from rehearse.guide import BUNDLED_GUIDES, GUIDES_DIR  # noqa: E402


def unregistered() -> list[str]:
    """Guide files in guides/ that name no profile: each must be in BUNDLED_GUIDES, so that it is checked on the
    screens it is written for."""
    known = {bundled.path for bundled in BUNDLED_GUIDES}
    return sorted(p.name for p in GUIDES_DIR.iterdir()
                  if p.suffix in (".txt", ".md", ".markdown") and p.resolve() not in known)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--report-dir", default=str(ROOT / "reports" / "check"), metavar="DIR")
    args, extra = parser.parse_known_args(argv)
    if stray := unregistered():
        print(f"check_guides: error: {', '.join(stray)} in guides/ names no screen profile: add it to "
              "BUNDLED_GUIDES in rehearse/guide.py", file=sys.stderr)
        return 2
    worst = 0
    for bundled in BUNDLED_GUIDES:
        out = Path(args.report_dir) / bundled.path.stem
        print(f"== {bundled.path.name} on the {bundled.screens} screens -> {out}", flush=True)
        code = cli.main(["check", str(bundled.path), "--screens", bundled.screens, "--report-dir", str(out),
                         "--junit", str(out / "junit.xml"), *extra])
        print(f"== {bundled.path.name}: exit {code}", flush=True)
        worst = worst or code
    return worst


if __name__ == "__main__":
    sys.exit(main())
