"""Time ``rehearse check`` on one guide and on 25 distinct revisions of it: revisions share the bundled follow.

Run from the project (after ``make setup``)::

    .venv/bin/python scripts/benchmark_check.py              # one run of each
    .venv/bin/python scripts/benchmark_check.py --repeat 3   # the median of three runs of each
    .venv/bin/python scripts/benchmark_check.py --count 10   # fewer revisions

Each run is the real command in a subprocess (``python -m rehearse.cli check … --json``), browser launch
included. The revisions are made here, no two alike: revision *k* asks the reader to scroll down at the end of
instruction *k* of the bundled guide ("Faites défiler la page vers le bas."), a gesture the bundled guide does
not have there, so the follower must follow that instruction on its own before it can rejoin the bundled follow;
past the 22 instructions, revisions ask it at two instructions, one in stage 1 and one in stage 3. Their first
differences are thus spread over all three stages. It prints both times in seconds, the follow's own seconds,
how many instructions each set followed on its own, and the ratio (the target: at most 3). It asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rehearse.guide import load_guide  # noqa: E402

BUNDLED = ROOT / "guides" / "acces-rcam-eu-login.txt"
EXTRA = " Faites défiler la page vers le bas."  # a harmless gesture of its own: scroll down
TARGET_RATIO = 3.0


def revisions(scratch: Path, count: int) -> list[Path]:
    """``count`` distinct revisions of the bundled guide, each with its own first difference."""
    guide = load_guide(BUNDLED)
    lines = BUNDLED.read_text(encoding="utf-8").splitlines(keepends=True)
    instructions = list(guide.instructions)
    stage_1 = [i for i in instructions if i.stage == 1]
    stage_3 = [i for i in instructions if i.stage == 3]
    plans: list[list] = [[instruction] for instruction in instructions]
    extra = 0
    while len(plans) < count:
        plans.append([stage_1[extra % len(stage_1)], stage_3[extra % len(stage_3)]])
        extra += 1
    made = []
    for number, plan in enumerate(plans[:count], 1):
        edited = list(lines)
        for instruction in plan:
            index = instruction.last_line - 1
            ending = "\n" if edited[index].endswith("\n") else ""
            text = edited[index].rstrip()
            stop = "" if text.endswith((".", "!", "?", "»", "”", ":")) else "."  # a sentence of its own
            edited[index] = text + stop + EXTRA + " " + ending
        path = scratch / f"revision-{number:02d}-{'-'.join(i.id for i in plan)}.txt"
        path.write_text("".join(edited), encoding="utf-8")
        made.append(path)
    return made


def time_check(guides: list[Path], report_dir: Path) -> tuple[float, float | None, int, int]:
    """Wall-clock seconds of one ``rehearse check``, the follow's own seconds, the exit code, and how many
    instructions the revisions followed on their own."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "rehearse.cli", "check", *map(str, guides), "--json",
               "--report-dir", str(report_dir)]
    started = time.perf_counter()
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if run.returncode not in (0, 1):
        print(run.stderr[-2000:], file=sys.stderr)
    own = sum(int(line.split("followed ", 1)[1].split()[0]) for line in run.stderr.splitlines()
              if "of its own" in line)
    rehearsal = report_dir / "rehearsal.json"
    rehearsed = json.loads(rehearsal.read_text(encoding="utf-8")).get("seconds") if rehearsal.is_file() else None
    return seconds, rehearsed, run.returncode, own


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each (the median is printed; default 1)")
    parser.add_argument("--count", type=int, default=25, help="how many revisions (default 25)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="benchmark-check-") as scratch:
        scratch_dir = Path(scratch)
        many = revisions(scratch_dir, args.count)
        sets = {"1 guide": [BUNDLED], f"{len(many)} revisions": many}
        medians: dict[str, float] = {}
        for label, guides in sets.items():
            totals, follows = [], []
            for run in range(args.repeat):
                seconds, rehearsed, code, own = time_check(guides, scratch_dir / f"report-{len(guides)}-{run}")
                totals.append(seconds)
                if rehearsed is not None:
                    follows.append(rehearsed)
                print(f"  {label:<13} run {run + 1}: {seconds:6.1f} s (follow {rehearsed or 0:.1f} s, {own} "
                      f"instructions followed on their own, exit {code})", file=sys.stderr, flush=True)
            medians[label] = statistics.median(totals)
            follow = f", of which the follow {statistics.median(follows):.1f} s" if follows else ""
            print(f"rehearse check, {label:<13}: {medians[label]:6.1f} s{follow}")
        one, all_ = medians["1 guide"], medians[f"{len(many)} revisions"]
        ratio = all_ / one
        print(f"ratio {len(many)} revisions / 1 guide: {ratio:.2f} (target: at most {TARGET_RATIO:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
