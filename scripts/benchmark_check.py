"""Time ``rehearse check`` on one guide and on ten: several guides share one rehearsal of the screens.

Run from the project (after ``make setup``)::

    .venv/bin/python scripts/benchmark_check.py              # one run of each
    .venv/bin/python scripts/benchmark_check.py --repeat 3   # the median of three runs of each

Each run is the real command in a subprocess (``python -m rehearse.cli check … --json``), browser launch
included. The ten guides are the bundled guide and readable revisions from ``tests/guides/revisions``, topped
up with copies of the bundled guide. It prints both times in seconds, the time the rehearsal itself took, and
the ratio; it asserts nothing (a revision with a mismatch exits 1, which is expected here).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "guides" / "acces-rcam-eu-login.txt"
REVISIONS = ROOT / "tests" / "guides" / "revisions"
TEN = 10


def ten_guides(scratch: Path) -> list[Path]:
    guides = [BUNDLED]
    for path in sorted(REVISIONS.glob("*")):
        if path.suffix in (".txt", ".md") and path.name != "no_stages.txt" and len(guides) < TEN:
            guides.append(path)
    copy = 1
    while len(guides) < TEN:
        target = scratch / f"copy-{copy}.txt"
        shutil.copyfile(BUNDLED, target)
        guides.append(target)
        copy += 1
    return guides


def time_check(guides: list[Path], report_dir: Path) -> tuple[float, float | None, int]:
    """Wall-clock seconds of one ``rehearse check``, the rehearsal's own seconds, and the exit code."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "rehearse.cli", "check", *map(str, guides), "--json",
               "--report-dir", str(report_dir)]
    started = time.perf_counter()
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if run.returncode not in (0, 1):
        print(run.stderr[-2000:], file=sys.stderr)
    rehearsal = report_dir / "rehearsal.json"
    rehearsed = json.loads(rehearsal.read_text(encoding="utf-8")).get("seconds") if rehearsal.is_file() else None
    return seconds, rehearsed, run.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each (the median is printed; default 1)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="benchmark-check-") as scratch:
        scratch_dir = Path(scratch)
        sets = {"1 guide": [BUNDLED], f"{TEN} guides": ten_guides(scratch_dir)}
        medians: dict[str, float] = {}
        for label, guides in sets.items():
            totals, rehearsals = [], []
            for run in range(args.repeat):
                seconds, rehearsed, code = time_check(guides, scratch_dir / f"report-{len(guides)}-{run}")
                totals.append(seconds)
                if rehearsed is not None:
                    rehearsals.append(rehearsed)
                print(f"  {label:<10} run {run + 1}: {seconds:6.1f} s (rehearsal {rehearsed or 0:.1f} s, "
                      f"exit {code})", file=sys.stderr, flush=True)
            medians[label] = statistics.median(totals)
            rehearsal = f", of which the rehearsal {statistics.median(rehearsals):.1f} s" if rehearsals else ""
            print(f"rehearse check, {label:<10}: {medians[label]:6.1f} s{rehearsal}")
        one, ten = medians["1 guide"], medians[f"{TEN} guides"]
        print(f"ratio {TEN} guides / 1 guide: {ten / one:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
