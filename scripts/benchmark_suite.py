"""Where the suite's time goes, from one run, and the journey against a bare Playwright script.

    .venv/bin/python scripts/benchmark_suite.py            # the whole suite once, then journey vs bare script
    .venv/bin/python scripts/benchmark_suite.py --quick    # journey vs bare script only
    .venv/bin/python scripts/benchmark_suite.py --rounds 5 # more alternating rounds

It prints figures and asserts nothing: speed goals live here, not in timed tests.

1. The suite: ``pytest`` as ``make test`` runs it (Hypothesis ``ci`` profile, reports included), with the
   ``rehearse.timing`` plugin. Printed: the wall time, split into the unit tests, the browser tests and what
   neither accounts for (start-up, collection); the median browser scenario broken into its parts (new or
   cleared context and tab, seeding, navigation, actions, step screenshots, the rest, report writing); the
   journey's time.
2. The journey against ``scripts/bare_journey.py``, the same clicks, locators and screenshots with bare
   Playwright: the two alternate, each in a fresh process, and the test's (or script's) own time is compared,
   browser start-up excluded for both. The median of the rounds and their ratio are printed.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = ("context", "seeding", "navigation", "actions", "screenshots", "other")
PART_NAMES = {"context": "new/cleared context and tab", "seeding": "seeding the world", "navigation": "navigation",
              "actions": "actions and assertions", "screenshots": "step screenshots", "other": "the rest"}


def pytest(*args: str, timing: Path, report: Path) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "rehearse.timing", f"--timing-json={timing}",
                           f"--report-dir={report}", "--hypothesis-profile=ci", *args],
                          cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"pytest {' '.join(args)} failed (exit {done.returncode}): no figures")
    return wall, done


def suite() -> dict:
    work = Path(tempfile.mkdtemp(prefix="bench-suite-"))
    wall, done = pytest(timing=work / "timing.json", report=work / "report")
    timing = json.loads((work / "timing.json").read_text(encoding="utf-8"))
    return {"wall": wall, "summary": done.stdout.strip().splitlines()[-1], **timing}


def show_suite(result: dict) -> None:
    tests = result["tests"]
    unit = [t for t in tests if not t["browser"]]
    browser = [t for t in tests if t["browser"]]
    scenarios = [t for t in browser if t["scenario"] and not t["journey"]]
    unit_s, browser_s = sum(t["seconds"] for t in unit), sum(t["seconds"] for t in browser)
    print(f"suite: {result['summary']}")
    print(f"  wall time                    {result['wall']:7.1f} s")
    print(f"  unit tests                   {unit_s:7.1f} s  ({len(unit)} tests)")
    print(f"  browser tests                {browser_s:7.1f} s  ({len(browser)} tests, {len(scenarios)} scenarios "
          f"besides the journey)")
    print(f"  start-up, collection, rest   {result['wall'] - unit_s - browser_s:7.1f} s")
    print(f"  report writing               {result['report_seconds']:7.1f} s  (once per session)")
    if scenarios:
        median = statistics.median(t["seconds"] for t in scenarios)
        print(f"  median browser scenario      {median * 1000:7.0f} ms, of which (medians of each part):")
        for part in PARTS:
            print(f"    {PART_NAMES[part]:<27}{statistics.median(t['parts'][part] for t in scenarios) * 1000:7.0f} ms")
        print(f"    {'report writing, shared out':<27}{result['report_seconds'] / len(scenarios) * 1000:7.0f} ms")
    slowest = sorted(browser, key=lambda t: -t["seconds"])[:6]
    print("  slowest browser tests:")
    for t in slowest:
        print(f"    {t['seconds']:6.1f} s  {t['nodeid'][:100]}")
    journey = [t for t in tests if t["journey"]]
    if journey:
        print(f"  journey                      {journey[0]['seconds']:7.1f} s")


WARM_UP = "tests/test_isolation.py::test_the_harness_hands_each_test_a_blank_tab_without_cookies"


def journey_once() -> float:
    """The journey test's own time: a first small test launches the browser, as the bare script's time
    excludes its launch too."""
    work = Path(tempfile.mkdtemp(prefix="bench-journey-"))
    pytest(WARM_UP, "tests/test_journey.py", timing=work / "timing.json", report=work / "report")
    tests = json.loads((work / "timing.json").read_text(encoding="utf-8"))["tests"]
    [journey] = [test for test in tests if test["journey"]]
    return journey["seconds"]


def bare_once() -> float:
    done = subprocess.run([sys.executable, "scripts/bare_journey.py", "--json"], cwd=ROOT, capture_output=True,
                          text=True)
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:], file=sys.stderr)
        raise SystemExit(f"the bare script failed (exit {done.returncode}): no figures")
    return json.loads(done.stdout.strip().splitlines()[-1])["seconds"]


def compare(rounds: int) -> None:
    journeys, bares = [], []
    for n in range(1, rounds + 1):
        journeys.append(journey_once())
        bares.append(bare_once())
        print(f"  round {n}: journey {journeys[-1]:6.2f} s, bare script {bares[-1]:6.2f} s", flush=True)
    journey, bare = statistics.median(journeys), statistics.median(bares)
    print(f"journey vs bare script (median of {rounds} alternating rounds): journey {journey:.2f} s, "
          f"bare {bare:.2f} s, ratio {journey / bare:.2f} (target: at most 1.15)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="journey against the bare script only")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of journey and bare (default 3)")
    args = parser.parse_args(argv)
    print(f"{time.strftime('%Y-%m-%d')}, {platform.node() or 'this machine'}: {platform.system()} "
          f"{platform.machine()}, Python {platform.python_version()}", flush=True)
    if not args.quick:
        show_suite(suite())
    compare(args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
