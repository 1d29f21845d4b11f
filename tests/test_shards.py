"""Shards across machines (pytest-split): ``--splits N --group I`` runs one part of the suite, balanced by the
durations stored in ``.test_durations``. Every test must land in exactly one shard, and the shards must weigh
about the same.

The real collection is split in child pytests (``--collect-only``: nothing runs), the whole and each of three
groups, side by side; a tiny plugin writes each collection's node ids to a file (some ids hold newlines).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
DURATIONS = ROOT / ".test_durations"
SPLITS = 3
PLUGIN = '''import json, os


def pytest_collection_finish(session):
    with open(os.environ["REHEARSE_COLLECTED_IDS"], "w", encoding="utf-8") as out:
        json.dump([item.nodeid for item in session.items], out)
'''
ESTIMATE = re.compile(r"\[pytest-split\] Running group (\d+)/(\d+) \(estimated duration: ([\d.]+)s\)")
REFRESH = "refresh it: .venv/bin/python scripts/compare_workers.py --store-durations (see README, Workers and shards)"


@pytest.fixture(scope="module")
def collections(tmp_path_factory) -> dict:
    """{"all": [ids], 1: [ids], 2: …, "estimates": {group: seconds}} from child collections run side by side."""
    folder = tmp_path_factory.mktemp("shards")
    (folder / "collected_ids.py").write_text(PLUGIN, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PYTEST_XDIST", "PYTEST_CURRENT"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), str(ROOT), env.get("PYTHONPATH")]))
    children = {}
    for group in ["all", *range(1, SPLITS + 1)]:
        split = [] if group == "all" else ["--splits", str(SPLITS), "--group", str(group)]
        children[group] = subprocess.Popen(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "collected_ids", "-n", "0",
             f"--report-dir={folder / f'report-{group}'}", f"--durations-path={DURATIONS}", *split],
            cwd=ROOT, env={**env, "REHEARSE_COLLECTED_IDS": str(folder / f"{group}.json")},
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    result: dict = {"estimates": {}}
    for group, child in children.items():
        output = child.communicate(timeout=300)[0]
        assert child.returncode == 0, output[-3000:]
        result[group] = json.loads((folder / f"{group}.json").read_text(encoding="utf-8"))
        for number, splits, seconds in ESTIMATE.findall(output):
            assert (int(number), int(splits)) == (group, SPLITS)
            result["estimates"][group] = float(seconds)
    return result


def test_every_test_lands_in_exactly_one_shard(collections):
    everything = collections["all"]
    shards = [collections[group] for group in range(1, SPLITS + 1)]
    assert len(everything) > 1000 and len(set(everything)) == len(everything)
    assert all(shards), [len(shard) for shard in shards]
    assert sum(len(shard) for shard in shards) == len(everything)  # no test in two shards…
    assert set().union(*shards) == set(everything)  # …and none in no shard


def test_the_shards_are_balanced_by_the_stored_durations(collections):
    assert DURATIONS.is_file(), f"no {DURATIONS.name}: {REFRESH}"
    stored = json.loads(DURATIONS.read_text(encoding="utf-8"))
    everything = collections["all"]
    known = {nodeid: stored[nodeid] for nodeid in everything if nodeid in stored}
    assert len(known) >= 0.8 * len(everything), f"{DURATIONS.name} knows {len(known)}/{len(everything)}: {REFRESH}"
    mean = sum(known.values()) / len(known)  # what pytest-split assumes for a test it has no duration for
    weights = [sum(known.get(nodeid, mean) for nodeid in collections[group]) for group in range(1, SPLITS + 1)]
    assert weights == pytest.approx([collections["estimates"][g] for g in range(1, SPLITS + 1)], abs=0.05)
    share, heaviest = sum(weights) / SPLITS, max(known.values())
    # Contiguous chunks: each shard but the last closes once it reaches its share, so it passes it by less than one
    # test; the last takes what is left.
    assert all(share <= weight < share + heaviest for weight in weights[:-1]), (weights, share, heaviest)
    assert weights[-1] <= share + 1e-6, (weights, share)
    assert max(weights) - min(weights) <= 0.25 * share + heaviest, (weights, share, heaviest)


def test_the_tests_reading_the_one_check_run_are_in_one_shard(collections):
    """They share one ``rehearse check`` (minutes): with ``--splits`` they come last, together (tests/conftest.py)."""
    modules = ("tests/test_check_cli.py::", "tests/test_follow.py::")
    holding = [group for group in range(1, SPLITS + 1) if any(n.startswith(modules) for n in collections[group])]
    assert holding == [SPLITS], holding
