"""Runs the suite (or the pytest arguments given) twice, in one process (``-n 0``) and on two xdist workers
(``-n 2``), and compares the outcome of every test, read from the two JUnit XMLs. Prints the differences and
the wall times; exits 1 when any test differs (or is in one run only), 2 when a run wrote no JUnit XML.

    .venv/bin/python scripts/compare_workers.py                          # the whole suite (~15 min, 2 cores)
    .venv/bin/python scripts/compare_workers.py tests/test_stage_1.py    # a part
    .venv/bin/python scripts/compare_workers.py -- -m "not browser"      # pytest options after --
    .venv/bin/python scripts/compare_workers.py --store-durations        # and refresh .test_durations

The reports stay in reports/compare/serial and reports/compare/workers. ``--store-durations`` makes the
serial run rewrite ``.test_durations`` (pytest-split's stored durations, which ``--splits N --group I``
balances shards by). It is a script for closing notes, not part of ``make test``.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports" / "compare"


def outcomes(junit: Path) -> dict[str, str]:
    """``classname::name`` → passed / failed / skipped (an error counts as failed: a fixture broke)."""
    result: dict[str, str] = {}
    for case in ET.parse(junit).getroot().iter("testcase"):
        key = f"{case.get('classname')}::{case.get('name')}"
        tags = {child.tag for child in case}
        outcome = "failed" if tags & {"failure", "error"} else "skipped" if "skipped" in tags else "passed"
        if result.get(key) != "failed":  # a test failing at teardown has two entries: the worse one counts
            result[key] = outcome
    return result


def run(label: str, workers: str, args: list[str], extra: list[str]) -> tuple[dict[str, str], float, int]:
    report_dir = REPORTS / label
    junit = report_dir / "junit.xml"
    junit.unlink(missing_ok=True)
    command = [sys.executable, "-m", "pytest", "-q", "-n", workers, f"--report-dir={report_dir}", *extra, *args]
    print("$ " + shlex.join(command), flush=True)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    summary = [line for line in done.stdout.splitlines() if line.strip()][-1:] or ["(no output)"]
    print(f"  {label}: exit {done.returncode}, {wall:.1f} s wall: {summary[0].strip('= ')}", flush=True)
    if not junit.is_file():
        print(done.stdout[-3000:], done.stderr[-3000:], file=sys.stderr)
        raise SystemExit(f"compare_workers: the {label} run wrote no JUnit XML ({junit})")
    return outcomes(junit), wall, done.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workers", default="2", help="xdist workers of the second run (default: 2)")
    parser.add_argument("--store-durations", action="store_true",
                        help="the serial run rewrites .test_durations (pytest-split) with every test's duration")
    parser.add_argument("pytest_args", nargs="*", help="what to run (default: the whole suite)")
    args = parser.parse_args(argv)
    REPORTS.mkdir(parents=True, exist_ok=True)
    # The serial run stores its durations aside: both runs must read the same .test_durations (a test reads it).
    stored = REPORTS / "test_durations.json"
    stored.unlink(missing_ok=True)
    extra = ["--store-durations", "--clean-durations", f"--durations-path={stored}"] if args.store_durations else []
    serial, serial_wall, serial_code = run("serial", "0", args.pytest_args, extra)
    workers, workers_wall, workers_code = run("workers", args.workers, args.pytest_args, [])
    if args.store_durations and stored.is_file():
        shutil.copyfile(stored, ROOT / ".test_durations")

    differences = []
    for key in sorted(serial.keys() | workers.keys()):
        one, other = serial.get(key, "absent"), workers.get(key, "absent")
        if one != other:
            differences.append(f"  {key}: -n 0 {one}, -n {args.workers} {other}")
    counts = {label: {o: list(result.values()).count(o) for o in ("passed", "failed", "skipped")}
              for label, result in (("serial", serial), ("workers", workers))}
    print()
    print(f"-n 0:            {len(serial):5d} tests  {counts['serial']}  exit {serial_code}  {serial_wall:7.1f} s")
    print(f"-n {args.workers}:{' ' * (13 - len(args.workers))}{len(workers):5d} tests  {counts['workers']}  "
          f"exit {workers_code}  {workers_wall:7.1f} s")
    print(f"speed-up:        {serial_wall / workers_wall:.2f}x" if workers_wall else "")
    if args.store_durations:
        print(f"durations stored in {ROOT / '.test_durations'}")
    if differences:
        print(f"{len(differences)} tests differ:")
        print("\n".join(differences))
        return 1
    print("every test has the same outcome in both runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
