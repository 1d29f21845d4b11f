"""What ``rehearse check`` reports: the text summary, the JSON document, JUnit XML and the exit code."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

from rehearse.check.claims import KINDS
from rehearse.check.output import by_instruction, exit_code, text_summary, to_json, to_junit
from rehearse.check.verify import GuideResult, check_guides
from rehearse.guide import BUNDLED_GUIDE, load_guide
from tests.guides.revisions.expected import REVISIONS
from tests.guides.revisions.recorded import recorded_rehearsal

FINDING_KEYS = ["instruction", "line", "claim", "kind", "verdict", "detail"]


@pytest.fixture(scope="module")
def bundled():
    return load_guide(BUNDLED_GUIDE)


@pytest.fixture(scope="module")
def results(bundled):
    """The bundled guide (passes), a revision with a mismatch in 1.4, an unusable guide."""
    paths = [BUNDLED_GUIDE, REVISIONS / "label_moved.txt", REVISIONS / "no_stages.txt"]
    return check_guides(paths, recorded_rehearsal(), bundled=bundled)


# --------------------------------------------------------------------------- exit code


def test_exit_codes(results):
    passing, failing, unusable = results
    assert exit_code([passing]) == 0
    assert exit_code([passing, failing]) == 1
    assert exit_code([passing, failing, unusable]) == 2
    assert exit_code([unusable]) == 2
    assert exit_code([]) == 0


# --------------------------------------------------------------------------- JSON


def test_json_has_exactly_the_documented_shape(results, bundled):
    document = json.loads(to_json(results))
    assert list(document) == ["guides"]
    passing, failing, unusable = document["guides"]
    assert list(passing) == ["path", "ok", "findings"]
    assert (passing["path"], passing["ok"], failing["ok"]) == (str(BUNDLED_GUIDE), True, False)
    for guide in (passing, failing):
        assert guide["findings"]
        for finding in guide["findings"]:
            assert list(finding) == FINDING_KEYS
            assert isinstance(finding["line"], int) and finding["line"] > 0
            assert isinstance(finding["instruction"], str) and isinstance(finding["claim"], str)
            assert finding["kind"] in KINDS
            assert finding["verdict"] in ("ok", "mismatch", "unchecked", "note")
            assert finding["detail"]
    assert {f["instruction"] for f in passing["findings"]} == set(bundled.ids)
    mismatches = [f for f in failing["findings"] if f["verdict"] == "mismatch"]
    assert [(f["instruction"], f["line"], f["claim"], f["kind"]) for f in mismatches] == [
        ("1.4", 53, "« Connexion »", "label")]
    assert list(unusable) == ["path", "ok", "findings", "error"]
    assert unusable["ok"] is False and unusable["findings"] == []
    assert "no recognisable stage" in unusable["error"]


def test_json_keeps_the_guides_characters(results):
    text = to_json(results)
    assert "« Connexion »" in text and "\\u00ab" not in text


def test_json_of_the_first_finding(results):
    first = json.loads(to_json(results[:1]))["guides"][0]["findings"][1]
    assert first == {
        "instruction": "1.1",
        "line": 15,
        "claim": "https://webgate.ec.europa.eu/cas",
        "kind": "url",
        "verdict": "ok",
        "detail": "https://webgate.ec.europa.eu/cas leads to eulogin:whoami_title; mapped by id",
    }


# --------------------------------------------------------------------------- JUnit


def test_junit_one_suite_per_guide_one_case_per_instruction(results, bundled):
    root = ET.fromstring(to_junit(results))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == [result.path for result in results]
    passing, failing, unusable = suites
    for suite in (passing, failing):
        cases = suite.findall("testcase")
        assert [case.get("name") for case in cases] == list(bundled.ids)
        assert suite.get("tests") == str(len(bundled.ids))
        assert suite.findall("testcase/skipped") == []  # unchecked claims are not skipped tests
    assert passing.get("failures") == "0" and passing.findall("testcase/failure") == []
    failed = [case for case in failing.findall("testcase") if case.find("failure") is not None]
    assert [case.get("name") for case in failed] == ["1.4"]
    failure = failed[0].find("failure")
    assert "« Connexion » is on eulogin:password_title" in failure.text
    assert failure.get("message").startswith("1 mismatch: « Connexion »")
    assert failing.get("failures") == "1"
    assert "[unchecked]" in failed[0].find("system-out").text  # its prose, reported but not as passing
    note = next(case for case in passing.findall("testcase") if case.get("name") == "2.18")
    assert "[note]" in note.find("system-out").text
    assert note.find("failure") is None
    assert unusable.get("errors") == "1"
    error = unusable.find("testcase/error")
    assert "no recognisable stage" in error.get("message")
    assert root.get("failures") == "1" and root.get("errors") == "1"
    assert root.get("tests") == str(2 * len(bundled.ids) + 1)


def test_junit_cases_carry_the_line_of_their_instruction(results):
    case = ET.fromstring(to_junit(results[:1])).find("testsuite/testcase[@name='1.1']")
    assert case.get("line") == "15"
    assert case.get("classname") == "rehearse.check.acces-rcam-eu-login"


def test_junit_mapping_notes_are_properties(bundled):
    [result] = check_guides([REVISIONS / "inserted_instruction.txt"], recorded_rehearsal(), bundled=bundled)
    suite = ET.fromstring(to_junit([result])).find("testsuite")
    notes = [prop.get("value") for prop in suite.findall("properties/property")]
    assert "1.5: new instruction, no matching instruction in the bundled guide: unchecked" in notes
    assert len(suite.findall("testcase")) == 23


# --------------------------------------------------------------------------- text


def test_text_summary(results, bundled):
    text = text_summary(results)
    lines = text.splitlines()
    assert lines[0].startswith(f"{BUNDLED_GUIDE}: ok (22 instructions: ")
    assert any(line.split()[:4] == ["1.1", "line", "15", "ok"] for line in lines)
    assert any(line.split()[:4] == ["1.4", "line", "53", "MISMATCH"] for line in lines)
    assert "MISMATCH line 53 label « Connexion »: « Connexion » is on eulogin:password_title" in text
    assert "NOTE line 126 note" in text
    assert "no_stages.txt: UNUSABLE" in text
    assert lines[-1].startswith("Totals: 3 guides: 1 ok, 1 failing, 1 unusable; claims: ")
    # per instruction, in guide order
    first_guide = lines[1:lines.index("")]
    ids = [line.split()[0] for line in first_guide if re.match(r"^\s+\d+\.\d+\s+line ", line)]
    assert ids == list(bundled.ids)


def test_an_instruction_without_findings_is_still_listed(bundled):
    result = GuideResult(path="x.txt", ok=True, guide=bundled)
    assert [id for id, _ in by_instruction(result)] == list(bundled.ids)
    assert len(ET.fromstring(to_junit([result])).findall("testsuite/testcase")) == len(bundled.ids)
