"""Merging reports: the partial reports of pytest-xdist's workers, and ``rehearse merge`` over shards.

The unit part builds report folders from ScenarioRecords with the Recorder's own writer. The browser part runs two
tiny shards in child pytests, as two machines would: instruction 1.1 of stage 1 on two xdist workers (two
scenarios, one per worker) and 1.5 in one process; then merges them, the later shard given first.
"""

from __future__ import annotations

import html
import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from rehearse import cli
from rehearse.guide import BUNDLED_GUIDE, load_guide, parse_guide
from rehearse.merge import MergeError, merge_cucumber, merge_junit, merge_reports, read_document
from rehearse.report import ScenarioRecord, StepRecord, write_report

ROOT = Path(__file__).parents[1]
GUIDE = load_guide(BUNDLED_GUIDE)


def run_merge(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = cli.main(["merge", *args])
        except SystemExit as exit_:
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


# --------------------------------------------------------------------------- unit: folders made by hand


def junit(tests: int, failures: int, cases: list[str]) -> str:
    body = "".join(f'<testcase classname="tests.test_x" name="{case}" time="1.0" />' for case in cases)
    return (f'<?xml version="1.0" encoding="utf-8"?><testsuites name="pytest tests"><testsuite name="pytest" '
            f'errors="0" failures="{failures}" skipped="0" tests="{tests}" time="{tests}.5" '
            f'timestamp="2026-12-01T10:0{tests}:00" hostname="shard{tests}">{body}</testsuite></testsuites>')


def feature(uri: str, *names: str) -> dict:
    return {"keyword": "Fonctionnalité", "uri": uri, "name": uri, "id": uri, "line": 1, "description": "",
            "language": "fr", "tags": [], "elements": [{"name": name, "steps": []} for name in names]}


def make_shard(folder: Path, records: list[ScenarioRecord], picture: bytes, guide=GUIDE, *, tests: int,
               failures: int = 0, cucumber: list | None = None) -> Path:
    folder.mkdir(parents=True)
    for record in records:
        for step in record.steps:
            if step.screenshot:
                (folder / step.screenshot).parent.mkdir(parents=True, exist_ok=True)
                (folder / step.screenshot).write_bytes(picture)
    write_report(folder, guide, records, started=1_800_000_000.0, seconds=10.0)
    (folder / "junit.xml").write_text(junit(tests, failures, [r.name for r in records]), encoding="utf-8")
    (folder / "cucumber.json").write_text(json.dumps(cucumber or []), encoding="utf-8")
    return folder


def record(nodeid: str, name: str, tags: list[str], outcome: str = "passed", shot: str = "screenshots/s/01.jpg"):
    return ScenarioRecord(nodeid, "feature", name, tags, [StepRecord("Quand", "il clique", outcome, shot)], outcome)


@pytest.fixture
def two_shards(tmp_path):
    # Both shards saved a picture at the same path: the second one's must be renamed, not lost.
    first = make_shard(tmp_path / "a", [record("t::c", "c", ["2.13"]), record("t::a", "a", ["1.1"])], b"A",
                       tests=3, failures=1, cucumber=[feature("features/one.feature", "c", "a")])
    second = make_shard(tmp_path / "b", [record("t::b", "b", ["1.5"], "failed")], b"B", tests=2,
                        cucumber=[feature("features/one.feature", "b"), feature("features/two.feature", "z")])
    return first, second


def test_merged_scenarios_come_once_each_in_the_guides_order(two_shards, tmp_path):
    summary = merge_reports(list(two_shards), tmp_path / "merged")
    merged = read_document(tmp_path / "merged" / "scenarios.json")
    assert [r.name for r in merged.records] == ["a", "b", "c"]  # 1.1, 1.5, 2.13
    assert (summary.scenarios, summary.passed, summary.failed) == (3, 2, 1)
    page = (tmp_path / "merged" / "index.html").read_text(encoding="utf-8")
    assert "Merged from 2 reports" in page and "1 failed" in page


def test_a_picture_at_the_same_path_in_two_shards_is_renamed_and_each_scenario_shows_its_own(two_shards, tmp_path):
    summary = merge_reports(list(two_shards), tmp_path / "merged")
    merged = read_document(tmp_path / "merged" / "scenarios.json")
    shots = {r.name: r.steps[0].screenshot for r in merged.records}
    assert shots["a"] == shots["c"] == "screenshots/s/01.jpg"
    assert shots["b"] == "screenshots/s/01-2.jpg" and summary.renamed == 1
    assert {name: (tmp_path / "merged" / shot).read_bytes() for name, shot in shots.items()} == {
        "a": b"A", "b": b"B", "c": b"A"}


def test_junit_suites_are_summed_and_cucumber_features_merged_by_uri(two_shards, tmp_path):
    merge_reports(list(two_shards), tmp_path / "merged")
    root = ET.parse(tmp_path / "merged" / "junit.xml").getroot()
    (suite,) = root.iter("testsuite")
    assert {k: suite.get(k) for k in ("tests", "failures", "errors", "skipped", "time")} == {
        "tests": "5", "failures": "1", "errors": "0", "skipped": "0", "time": "6.000"}
    assert suite.get("timestamp") == "2026-12-01T10:02:00" and suite.get("hostname") == "shard3,shard2"
    assert [case.get("name") for case in suite.iter("testcase")] == ["c", "a", "b"]
    cucumber = json.loads((tmp_path / "merged" / "cucumber.json").read_text(encoding="utf-8"))
    assert [(f["uri"], [e["name"] for e in f["elements"]]) for f in cucumber] == [
        ("features/one.feature", ["c", "a", "b"]), ("features/two.feature", ["z"])]


def test_merge_functions_on_their_own():
    bare = ET.fromstring('<testsuite tests="2" failures="1" errors="1" skipped="0" time="1"><testcase/></testsuite>')
    merged = merge_junit([bare, ET.fromstring(junit(1, 0, ["x"]))])
    assert merged.find("testsuite").get("tests") == "3" and len(merged.findall("testsuite/testcase")) == 2
    assert merge_cucumber([]) == []


def test_a_scenario_in_two_shards_is_kept_once_and_said(tmp_path):
    make_shard(tmp_path / "a", [record("t::a", "a", ["1.1"])], b"A", tests=1)
    make_shard(tmp_path / "b", [record("t::a", "a again", ["1.1"])], b"A", tests=1)
    logged: list[str] = []
    summary = merge_reports([tmp_path / "a", tmp_path / "b"], tmp_path / "m", log=logged.append)
    assert summary.duplicates == ["t::a"] and summary.scenarios == 1 and "already in an earlier report" in logged[0]


def test_reports_of_different_guides_are_not_merged(tmp_path):
    other = parse_guide("1ère étape\n1. Clic sur « Suivant »\n", "other.txt")
    make_shard(tmp_path / "a", [record("t::a", "a", ["1.1"])], b"A", tests=1)
    make_shard(tmp_path / "b", [record("t::b", "b", ["1.1"])], b"B", other, tests=1)
    with pytest.raises(MergeError, match="different guides"):
        merge_reports([tmp_path / "a", tmp_path / "b"], tmp_path / "m")


def test_merge_command_errors_and_exit_codes(two_shards, tmp_path):
    first, second = map(str, two_shards)
    code, out, err = run_merge(first, str(tmp_path / "missing"), "--out", str(tmp_path / "m"))
    assert code == 2 and "missing: no such folder" in err and not out
    (tmp_path / "empty").mkdir()
    code, _, err = run_merge(first, str(tmp_path / "empty"), "--out", str(tmp_path / "m"))
    assert code == 2 and "empty: no report in it" in err
    code, out, err = run_merge(first, second, "--out", str(tmp_path / "m"))
    assert code == 0 and "3 scenarios (2 passed, 1 failed)" in out and "5 JUnit test cases" in out, err
    code, _, err = run_merge(first, second, "--out", str(tmp_path / "m"))
    assert code == 2 and "already holds a report" in err and "--force" in err
    assert run_merge(first, second, "--out", str(tmp_path / "m"), "--force")[0] == 0
    code, _, err = run_merge(first, second, "--out", first)
    assert code == 2 and "cannot go into one of the folders being merged" in err
    code, out, _ = run_merge("--help")
    assert code == 0 and "REPORT_DIR" in out and "exit status" in out


# --------------------------------------------------------------------------- browser: real shards, xdist


def child_pytest(report_dir: Path, *args: str) -> subprocess.Popen:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("PYTEST_XDIST", "PYTEST_CURRENT_TEST"))}  # the child is not our worker
    return subprocess.Popen([sys.executable, "-m", "pytest", "-q", "tests/test_stage_1.py",
                             f"--report-dir={report_dir}", *args],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


@pytest.fixture(scope="module")
def real_shards(tmp_path_factory):
    base = tmp_path_factory.mktemp("shards")
    on_workers, in_one = base / "shard-1.1-xdist", base / "shard-1.5"
    children = [child_pytest(on_workers, "-m", "1.1", "-n", "2"), child_pytest(in_one, "-m", "1.5")]
    outputs = [child.communicate(timeout=600)[0] for child in children]
    for child, output in zip(children, outputs, strict=True):
        assert child.returncode == 0, output[-3000:]
    return on_workers, in_one, outputs


def scenario_names(folder: Path) -> list[str]:
    return [r.name for r in read_document(folder / "scenarios.json").records]


FIRST_1_1 = "1.1 — l'adresse d'un nouveau venu mène à « Créer un compte », adresse déjà ajoutée"
SECOND_1_1 = "compte existant — après « Suivant », l'écran du mot de passe et non « Créer un compte »"
ONLY_1_5 = "1.5 — la roue dentée en haut à droite puis « Mon compte »"


@pytest.mark.browser
def test_under_xdist_the_workers_scenarios_screenshots_and_cucumber_make_one_report(real_shards):
    on_workers, _, outputs = real_shards
    assert "bringing up nodes" in outputs[0] and "2 passed" in outputs[0], outputs[0][-2000:]
    document = read_document(on_workers / "scenarios.json")
    assert [r.name for r in document.records] == [FIRST_1_1, SECOND_1_1]
    assert all(r.outcome == "passed" and r.steps for r in document.records)
    for shot in (step.screenshot for r in document.records for step in r.steps):
        assert shot and (on_workers / shot).stat().st_size > 0, shot
    cucumber = json.loads((on_workers / "cucumber.json").read_text(encoding="utf-8"))
    assert [(f["uri"], sorted(e["name"] for e in f["elements"])) for f in cucumber] == [
        ("features/stage_1.feature", sorted([FIRST_1_1, SECOND_1_1]))]
    assert ET.parse(on_workers / "junit.xml").getroot().find("testsuite").get("tests") == "2"
    assert not (on_workers / "parts").exists()  # the workers' partials are merged, then removed
    page = (on_workers / "index.html").read_text(encoding="utf-8")
    assert page.index("2 passed") < page.index(html.escape(FIRST_1_1)) < page.index(html.escape(SECOND_1_1))


@pytest.mark.browser
def test_rehearse_merge_of_two_real_shards(real_shards, tmp_path):
    on_workers, in_one, _ = real_shards
    code, out, err = run_merge(str(in_one), str(on_workers), "--out", str(tmp_path / "merged"))
    assert code == 0, err
    merged = tmp_path / "merged"
    assert scenario_names(merged) == [FIRST_1_1, SECOND_1_1, ONLY_1_5]  # the guide's order, each once
    shots = [s.screenshot for r in read_document(merged / "scenarios.json").records for s in r.steps]
    assert shots and all(shot and (merged / shot).is_file() for shot in shots)
    (suite,) = ET.parse(merged / "junit.xml").getroot().iter("testsuite")
    assert (suite.get("tests"), suite.get("failures"), len(suite.findall("testcase"))) == ("3", "0", 3)
    cucumber = json.loads((merged / "cucumber.json").read_text(encoding="utf-8"))
    assert [(f["uri"], len(f["elements"])) for f in cucumber] == [("features/stage_1.feature", 3)]
    page = (merged / "index.html").read_text(encoding="utf-8")
    assert page.count("<section") == 3 and "3 passed" in page
    assert "3 scenarios (3 passed, 0 failed)" in out
