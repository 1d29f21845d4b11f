"""``rehearse check`` end to end: guides in, one real rehearsal, verdicts, JSON, JUnit, HTML and exit codes out.

To keep it cheap, the bundled guide, every revision of ``tests/guides/revisions`` and an unreadable file are
checked in ONE in-process run (one rehearsal); the other exit codes reuse that run's rehearsal. Only the
honesty test rehearses again: a label changed in a template must show up in the verdicts.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import rehearse.check.rehearsal as rehearsal_module
from mock_sites import labels
from rehearse import cli
from rehearse.check.capture import Rehearsal
from rehearse.check.claims import KINDS
from rehearse.guide import BUNDLED_GUIDE, load_guide
from tests.conftest import run_check
from tests.guides.revisions.expected import EXPECTED, REVISIONS

browser = pytest.mark.browser


@pytest.fixture(scope="module")
def full_run(check_run):
    """The session's ONE ``rehearse check`` (``tests/conftest.py``): the bundled guide, every revision, an
    unreadable file, and the follower's trip-up and harmless revisions."""
    return check_run


@pytest.fixture
def reuse(full_run, monkeypatch):
    """Later runs take the full run's rehearsal instead of a new browser run."""
    calls: list[dict] = []

    def cached(**kwargs) -> Rehearsal:
        calls.append(kwargs)
        return full_run["spy"].rehearsal

    monkeypatch.setattr(rehearsal_module, "rehearse", cached)
    return calls


# --------------------------------------------------------------------------- the one run


@browser
def test_every_guide_is_checked_against_one_rehearsal(full_run):
    assert full_run["code"] == 2, full_run["err"][-2000:]  # the unreadable file makes the run exit 2
    assert len(full_run["spy"].calls) == 1
    call = full_run["spy"].calls[0]
    assert "ukraine2311" in call["example_passwords"] and "23-11Ukraine" in call["example_passwords"]
    assert "https://webgate.ec.europa.eu/eulogin" in call["urls"]
    assert len(full_run["document"]["guides"]) == len(full_run["paths"])
    assert re.search(r"^rehearse check: 1\.5 Mon compte$", full_run["err"], re.MULTILINE)  # progress on stderr


@browser
def test_the_bundled_guide_passes_with_every_instruction_in_the_json(full_run):
    entry = full_run["guides"][BUNDLED_GUIDE.name]
    mismatches = [f for f in entry["findings"] if f["verdict"] == "mismatch"]
    assert entry["ok"] is True, mismatches
    assert {f["instruction"] for f in entry["findings"]} == set(load_guide(BUNDLED_GUIDE).ids)
    for finding in entry["findings"]:
        assert set(finding) == {"instruction", "line", "claim", "kind", "verdict", "detail"}
    notes = [f for f in entry["findings"] if f["verdict"] == "note"]
    assert [f["instruction"] for f in notes] == ["2.18"]  # the final code no longer comes by post


@browser
@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_revision_gets_its_expected_verdicts(full_run, name):
    expected = EXPECTED[name]
    entry = full_run["guides"][name]
    if expected.get("error"):
        assert entry["ok"] is False and entry["error"] and entry["findings"] == []
        return
    mismatches = [f for f in entry["findings"] if f["verdict"] == "mismatch"]
    assert entry["ok"] is expected["ok"], mismatches
    assert {f["instruction"] for f in mismatches} == expected["mismatch_in"], mismatches
    for instruction, parts in expected.get("details", {}).items():
        details = [f["detail"] for f in mismatches if f["instruction"] == instruction]
        assert any(all(part in detail for part in parts) for detail in details), (parts, details)
    claims = set(KINDS) - {"prose"}  # what is checked on the bundled instruction's screens, by the mapping
    for instruction in expected.get("unmapped", ()):
        findings = [f for f in entry["findings"] if f["instruction"] == instruction and f["kind"] in claims]
        assert findings and all(f["verdict"] == "unchecked" for f in findings), findings
        followed = [f for f in entry["findings"] if f["instruction"] == instruction and f["kind"] not in claims]
        assert followed and not any(f["verdict"] in ("mismatch", "stuck") for f in followed), followed
    for ours, theirs in expected.get("mapped", {}).items():
        if ours != theirs:
            findings = [f for f in entry["findings"] if f["instruction"] == ours and f["verdict"] != "unchecked"
                        and f["kind"] in claims]
            assert findings and all(f"bundled {theirs}" in f["detail"] for f in findings), (ours, findings)


@browser
def test_junit_has_one_test_case_per_instruction(full_run):
    root = ET.parse(full_run["junit"]).getroot()
    suites = {Path(suite.get("name")).name: suite for suite in root.iter("testsuite")}
    bundled = suites[BUNDLED_GUIDE.name]
    assert [case.get("name") for case in bundled.iter("testcase")] == list(load_guide(BUNDLED_GUIDE).ids)
    assert bundled.get("failures") == "0"
    changed = suites["label_changed.txt"]
    failed = [case.get("name") for case in changed.iter("testcase") if case.find("failure") is not None]
    assert failed == ["1.1"]
    assert suites["no_stages.txt"].get("errors") == "1"


@browser
def test_the_illustrated_guide_is_self_contained_with_highlights(full_run):
    report_dir = full_run["report_dir"]
    index = (report_dir / "index.html").read_text(encoding="utf-8")
    pages = re.findall(r"href='(guide-[^']+\.html)'", index)
    # every readable guide: all of the run's but no_stages.txt and the unreadable one
    assert len(pages) == len(full_run["paths"]) - 2
    assert "no_stages.txt" in index and "guide-latin1.txt" in index  # unusable ones listed with their error
    page = next(p for p in pages if "label-changed" in p)
    html = (report_dir / page).read_text(encoding="utf-8")
    assert "1.1" in html and "Poursuivre" in html and "class='box ok'" in html
    assert "<li class='mismatch'>" in html  # marked, with its detail
    sources = re.findall(r"src='([^']+)'", html)
    assert sources and all(s.startswith("screens/") and (report_dir / s).is_file() for s in sources)
    links = re.findall(r"href='([^']+)'", html)
    assert all(not re.match(r"[a-z]+:", link) for link in links), links  # nothing outside the folder
    assert "<script" not in html and "@import" not in html


# --------------------------------------------------------------------------- exit codes, same rehearsal


@browser
def test_the_bundled_guide_alone_exits_0(full_run, reuse, tmp_path):
    code, out, err = run_check(str(BUNDLED_GUIDE), "--report-dir", str(full_run["report_dir"]))
    assert code == 0, out + err
    assert len(reuse) == 1
    assert "Totals: 1 guide: 1 ok" in out


@browser
def test_revisions_with_a_mismatch_exit_1(full_run, reuse):
    broken = [str(REVISIONS / name) for name, entry in EXPECTED.items() if entry.get("ok") is False]
    code, out, err = run_check(*broken, str(BUNDLED_GUIDE), "--report-dir", str(full_run["report_dir"]))
    assert code == 1, out + err
    assert out.count("MISMATCH (") + out.count("STUCK (") == len(broken)


@browser
def test_rehearse_run_with_a_guide_follows_it_and_writes_the_illustrated_guide(full_run, reuse, tmp_path, capsys):
    report = tmp_path / "run"
    assert cli.main(["run", "--guide", str(BUNDLED_GUIDE), "--report-dir", str(report)]) == 0
    assert len(reuse) == 1 and reuse[0]["guides"][0].sha256 == load_guide(BUNDLED_GUIDE).sha256
    out, err = capsys.readouterr()
    assert "Totals: 1 guide: 1 ok" in out and "rehearse run: illustrated guide:" in err
    assert (report / "index.html").is_file() and (report / "junit.xml").is_file()


def test_an_unreadable_guide_exits_2_with_a_clear_message_and_no_browser(unreadable, monkeypatch, tmp_path):
    def no_browser(**kwargs):
        raise AssertionError("no guide to check: the browser must not start")

    monkeypatch.setattr(rehearsal_module, "rehearse", no_browser)
    missing = tmp_path / "missing.txt"
    code, out, err = run_check(str(unreadable), str(missing), "--report-dir", str(tmp_path / "report"))
    assert code == 2
    assert f"{unreadable} is not UTF-8 text" in err and f"cannot read guide {missing}" in err
    assert out.count("UNUSABLE") == 2


def test_help_explains_with_examples(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["check", "--help"])
    assert exit_info.value.code == 0
    shown = capsys.readouterr().out
    for part in ("GUIDE", "--json", "--junit", "--report-dir", "--headed", "examples", "reports/check",
                 "exit status"):
        assert part in shown


# --------------------------------------------------------------------------- honesty


@browser
def test_a_label_changed_in_a_template_turns_the_bundled_guide_into_a_mismatch(monkeypatch, tmp_path):
    """The checker reads the rendered screens: « Suivant » renamed in the templates fails instruction 1.1."""
    monkeypatch.setitem(labels.TEXTS["next"], "fr", "Poursuivre")
    code, out, err = run_check(str(BUNDLED_GUIDE), "--json", "--report-dir", str(tmp_path))
    assert code == 1, err[-3000:]
    findings = json.loads(out)["guides"][0]["findings"]
    at_1_1 = [f for f in findings if f["instruction"] == "1.1" and f["verdict"] == "mismatch"]
    assert at_1_1, [f for f in findings if f["instruction"] == "1.1"]
    assert "Suivant" in at_1_1[0]["claim"] and "« Suivant »" in at_1_1[0]["detail"]
    assert "did you mean « Poursuivre »" in at_1_1[0]["detail"]
    # and a reader who does what 1.1 says is stuck there, shown what the screen offers instead
    stuck = [f for f in findings if f["instruction"] == "1.1" and f["verdict"] == "stuck"]
    assert stuck and "« Suivant »" in stuck[0]["looking_for"] and "Poursuivre" in stuck[0]["offered"], stuck
