"""Times the BDD suite and the dress rehearsal, and prints the figures (no assertion: speed goals live here,
not in timed tests).

    .venv/bin/python scripts/benchmark_suite.py            # journey + every stage feature
    .venv/bin/python scripts/benchmark_suite.py --quick    # the journey only

It runs pytest in a subprocess with the report plugin, then reads ``scenarios.json`` (per-scenario and
per-step durations measured by the plugin) and prints: wall time, scenarios, median and slowest scenario,
steps per scenario and the median step, with and without step screenshots.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = ["tests/test_journey.py", "tests/test_stage_1.py", "tests/test_stage_2.py", "tests/test_stage_3.py"]


def run(targets: list[str], screenshots: str) -> dict:
    report = Path(tempfile.mkdtemp(prefix="bench-"))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *targets,
                           f"--report-dir={report}", f"--step-screenshots={screenshots}"],
                          cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"the suite failed (exit {done.returncode}): no figures")
    scenarios = json.loads((report / "scenarios.json").read_text(encoding="utf-8"))["scenarios"]
    return {"wall": wall, "scenarios": scenarios}


def show(label: str, result: dict) -> None:
    scenarios = result["scenarios"]
    seconds = [s["seconds"] for s in scenarios]
    steps = [st["seconds"] for s in scenarios for st in s["steps"]]
    slowest = max(scenarios, key=lambda s: s["seconds"])
    print(f"{label}:")
    print(f"  wall time               {result['wall']:7.1f} s for {len(scenarios)} scenarios")
    print(f"  scenario median         {statistics.median(seconds):7.2f} s")
    print(f"  slowest scenario        {slowest['seconds']:7.2f} s  {slowest['name']}")
    print(f"  steps per scenario      {len(steps) / len(scenarios):7.1f}")
    print(f"  step median             {statistics.median(steps) * 1000:7.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="time the journey only")
    args = parser.parse_args(argv)
    targets = TARGETS[:1] if args.quick else TARGETS
    show("with a screenshot after every step", run(targets, "all"))
    show("without step screenshots", run(targets, "none"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
