"""The guide checker against a rehearsal recorded from a real follow (no browser): findings, mapping, verdicts."""

from __future__ import annotations

import ast
import time
from pathlib import Path

import pytest

from mock_sites.labels import fr
from rehearse.check.verify import check_guide, check_guides, map_instructions
from rehearse.guide import BUNDLED_GUIDE, load_guide, parse_guide
from tests.guides.revisions.expected import EXPECTED, REVISIONS, revision_paths
from tests.guides.revisions.recorded import (
    RECORD_COMMAND,
    recorded_digest,
    recorded_facts,
    recorded_rehearsal,
    sources_digest,
)

FACTS = recorded_facts()

ROOT = Path(__file__).resolve().parents[1]
BUNDLED_TEXT = BUNDLED_GUIDE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def bundled():
    return load_guide(BUNDLED_GUIDE)


@pytest.fixture(scope="module")
def rehearsal():
    return recorded_rehearsal()


def test_the_recorded_rehearsal_is_current():
    """The recorded follow was made from today's labels, rules and templates; else record it again."""
    assert recorded_digest() == sources_digest(), (
        f"tests/guides/revisions/recorded_rehearsal.json is stale: the screens changed since it was recorded; "
        f"run {RECORD_COMMAND}")


def mismatches(result) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for finding in result.findings:
        if finding.verdict == "mismatch":
            found.setdefault(finding.instruction, []).append(finding.detail)
    return found


def check_text(text: str, rehearsal, bundled, name: str = "revision.txt"):
    return check_guide(parse_guide(text, name), rehearsal, bundled=bundled)


def with_facts(**changes):
    facts = {**FACTS, **changes}
    return recorded_rehearsal(facts=facts)


def without_box_formats(rehearsal):
    """The rehearsal as if the code boxes had not been measured on the screens: only the messages' codes."""
    for screen in rehearsal.screens.values():
        screen.data.pop("code_format", None)
    return rehearsal


# --------------------------------------------------------------------------- the bundled guide


def test_the_bundled_guide_passes(bundled, rehearsal):
    result = check_guide(BUNDLED_GUIDE, rehearsal, bundled=bundled)
    assert result.error is None
    assert result.ok, mismatches(result)
    assert {f.verdict for f in result.findings} == {"ok", "unchecked", "note"}
    assert [f.instruction for f in result.findings if f.verdict == "note"] == ["2.18"]
    assert {f.instruction for f in result.findings} == set(bundled.ids)
    assert all(f.detail.endswith("mapped by id") for f in result.findings)
    assert result.mapping == []


def test_each_checkable_claim_of_the_bundled_guide_is_confirmed(bundled, rehearsal):
    result = check_guide(bundled, rehearsal, bundled=bundled)
    unchecked = {f.kind for f in result.findings if f.verdict == "unchecked"}
    # a term is confirmed where its screens use the word ("challenge"), else unchecked ("token")
    assert "prose" in unchecked and unchecked <= {"prose", "term"}, [
        f for f in result.findings if f.verdict == "unchecked" and f.kind not in ("prose", "term")]
    assert ("1.9", "term") in {(f.instruction, f.kind) for f in result.findings if f.verdict == "ok"}
    confirmed = {(f.instruction, f.kind) for f in result.findings if f.verdict == "ok"}
    for expected in [("1.1", "url"), ("1.1", "label"), ("1.3", "password_rule"), ("1.3", "example_password"),
                     ("1.8", "phone_rule"), ("1.9", "code_format"), ("1.9", "case_insensitive"),
                     ("2.15", "gesture"), ("3.4", "code_format")]:
        assert expected in confirmed


def test_findings_name_the_screen_and_element_for_the_illustrated_guide(bundled, rehearsal):
    result = check_guide(bundled, rehearsal, bundled=bundled)
    suivant = next(f for f in result.findings if f.instruction == "1.1" and f.kind == "label")
    assert suivant.screen == "eulogin:whoami_title"
    assert (suivant.element.role, suivant.element.name) == ("button", "Suivant")
    assert suivant.element.box is not None
    assert (suivant.line, suivant.bundled) == (16, "1.1")
    link = next(f for f in result.findings if f.instruction == "1.3" and f.kind == "label" and "lien" in f.claim)
    assert link.screen in ("email:registration", "mailbox:mail_register_subject")  # the message, or its page
    assert "« this link »" in link.detail  # the e-mail came in English: the guide's alternative holds


# --------------------------------------------------------------------------- the revisions and their table


@pytest.mark.parametrize("name", list(EXPECTED))
def test_revision_gets_its_expected_verdict(name, bundled, rehearsal):
    expected = EXPECTED[name]
    result = check_guide(REVISIONS / name, rehearsal, bundled=bundled)
    if expected.get("error"):
        assert result.error and not result.ok and result.findings == []
        return
    assert result.error is None
    found = mismatches(result)
    assert result.ok is expected["ok"], found
    assert set(found) == expected["mismatch_in"], found
    for id, pieces in expected.get("details", {}).items():
        assert any(all(piece in detail for piece in pieces) for detail in found[id]), (pieces, found[id])
    if "unmapped" in expected:
        assert {id for id, other in result.mapped.items() if other is None} == expected["unmapped"]
        for finding in result.findings:
            if finding.instruction in expected["unmapped"]:
                assert finding.verdict == "unchecked"
                assert "no matching instruction in the bundled guide" in finding.detail
    for id, other in expected.get("mapped", {}).items():
        assert result.mapped[id] == other, (id, result.mapped[id])
    for id in expected.get("removed", ()):
        assert f"bundled {id} has no counterpart in this guide (removed?)" in result.mapping


def test_the_table_lists_every_revision_file():
    files = {path.name for path in REVISIONS.iterdir() if path.suffix in (".txt", ".md")}
    assert files == set(EXPECTED)
    assert all(path.exists() for path in revision_paths())


def test_renumbered_instructions_say_how_they_were_mapped(bundled, rehearsal):
    result = check_guide(REVISIONS / "inserted_instruction.txt", rehearsal, bundled=bundled)
    finding = next(f for f in result.findings if f.instruction == "1.10" and f.kind == "code_format")
    assert finding.verdict == "ok"
    assert finding.detail.endswith("mapped by content to bundled 1.9 (similarity 1.00)")
    assert finding.line == 73
    first = next(f for f in result.findings if f.instruction == "1.1")
    assert first.detail.endswith("mapped by id")
    assert "1.5: new instruction, no matching instruction in the bundled guide: unchecked" in result.mapping


def test_a_reworded_instruction_keeps_its_id(bundled, rehearsal):
    result = check_guide(REVISIONS / "prose_reworded.txt", rehearsal, bundled=bundled)
    assert all(other == id for id, other in result.mapped.items())
    reworded = [f for f in result.findings if f.instruction == "1.10"]
    assert reworded and all("mapped by id (text differs from bundled 1.10" in f.detail for f in reworded)


# --------------------------------------------------------------------------- the screens change


def test_a_label_changed_on_the_screens_is_a_mismatch(bundled):
    result = check_guide(bundled, recorded_rehearsal(relabel={fr("next"): "Continuer"}), bundled=bundled)
    assert not result.ok
    found = mismatches(result)
    assert set(found) == {"1.1", "2.14", "2.17"}
    assert any("« Suivant » is on none of the screens" in detail for detail in found["1.1"])


def test_a_label_moved_to_another_screen_says_where_it_is(bundled):
    result = check_guide(bundled, recorded_rehearsal(relabel={fr("finalise"): "Valider"}), bundled=bundled)
    found = mismatches(result)
    assert set(found) == {"1.9"}
    assert "did you mean" in found["1.9"][0] or "offer" in found["1.9"][0]
    # and a guide label that is another instruction's button
    text = BUNDLED_TEXT.replace("Clic ensuite sur « Finaliser »", "Clic ensuite sur « Ajouter »")
    found = mismatches(check_text(text, recorded_rehearsal(), bundled))
    assert set(found) == {"1.9"}
    assert found["1.9"][0].startswith("« Ajouter » is on eulogin:add_phone_link (instructions 1.7, 1.8), "
                                      "not on this instruction's screens (eulogin:challenge_title, ")


def test_a_clicked_label_that_is_only_a_heading_is_a_mismatch(bundled, rehearsal):
    text = BUNDLED_TEXT.replace("Clic sur « Continuer » pour", "Clic sur « Mot de passe modifié » pour")
    found = mismatches(check_text(text, rehearsal, bundled))
    assert set(found) == {"1.4"}
    assert "« Mot de passe modifié » is on eulogin:password_changed_title as a heading, not as a button or link" in \
        found["1.4"][0]
    text = BUNDLED_TEXT.replace("Un message indique que", "Le titre « Mot de passe modifié » indique que")
    assert check_text(text, rehearsal, bundled).ok  # named, not clicked: a heading is fine


def test_alternatives_hold_if_one_holds(bundled, rehearsal):
    text = BUNDLED_TEXT.replace("(ou « this link » si vous recevez le message en anglais)", "")
    found = mismatches(check_text(text, rehearsal, bundled))
    assert set(found) == {"1.3"}
    assert "did you mean « this link » ?" in found["1.3"][0]


def test_a_url_that_leads_elsewhere(bundled):
    urls = {"https://webgate.ec.europa.eu/cas": "rcam:rcam_welcome_title",
            "https://webgate.ec.europa.eu/RCAM/": "rcam:rcam_welcome_title"}
    found = mismatches(check_guide(bundled, recorded_rehearsal(urls=urls), bundled=bundled))
    assert set(found) == {"1.1"}
    assert "leads to rcam:rcam_welcome_title (instructions 2.13, 3.1, 3.4)" in found["1.1"][0]
    urls["https://webgate.ec.europa.eu/cas"] = None  # opened, led nowhere
    found = mismatches(check_guide(bundled, recorded_rehearsal(urls=urls), bundled=bundled))
    assert "leads to no screen of the journey" in found["1.1"][0]


def test_measured_facts_that_contradict_the_guide(bundled):
    cases = {
        "1.9": without_box_formats(with_facts(code_formats={"sms:challenge": [2, 5]})),
        "1.3": with_facts(password_policy={"min_length": 12, "min_groups": 3, "group_count": 4}),
        "1.8": with_facts(phone_rules={**FACTS["phone_rules"], "dots_refused": False}),
        "2.16": with_facts(case_insensitive={**FACTS["case_insensitive"], "sms:challenge@2.16": False}),
    }
    for id, rehearsal in cases.items():
        found = mismatches(check_guide(bundled, rehearsal, bundled=bundled))
        assert set(found) == {id}, (id, found)


def test_facts_named_as_the_browser_rehearsal_names_them(bundled):
    rehearsal = with_facts(
        phone_rules={"parentheses": True, "dots": True, "dashes": False, "country_code": True},
        passwords={"23-11Ukraine": False}, password_refusals={"23-11Ukraine": "trop court"},
        code_formats={**FACTS["code_formats"], "sms:challenge": [2, [4, 5]], "eulogin:challenge_title": [2, 5]},
    )
    found = mismatches(check_guide(bundled, rehearsal, bundled=bundled))
    assert found == {
        "1.3": ["'23-11Ukraine' was refused by the password screen: trop court; mapped by id"],
        "1.8": ["the add-phone screen accepted a number with dashes; mapped by id"],
        "1.9": ["the guide says 2 x 4 characters; measured: eulogin:challenge_title 2 x 5, sms:challenge 2 x 4/5; "
                "mapped by id"],
    }


def test_a_code_format_read_off_the_screen_boxes(bundled):
    formats = {"eulogin:challenge_title": [2, 4], "eulogin:sign_in_challenge_title": [3, 3],
               "rcam:rcam_final_code_title": [4, 3]}
    result = check_guide(bundled, with_facts(code_formats=formats), bundled=bundled)
    assert result.ok
    assert {f.screen for f in result.findings if f.kind == "code_format"} == set(formats)


def test_an_example_password_the_screen_refuses(bundled):
    rehearsal = with_facts(passwords={"23-11Ukraine": False}, password_errors={"23-11Ukraine": "trop court"})
    found = mismatches(check_guide(bundled, rehearsal, bundled=bundled))
    assert found == {"1.3": ["'23-11Ukraine' was refused by the password screen: trop court; mapped by id"]}


def test_the_screen_no_longer_announcing_the_post_makes_the_note_a_mismatch(bundled):
    texts = {"par courrier postal": "par courriel ou par SMS"}
    found = mismatches(check_guide(bundled, recorded_rehearsal(relabel=texts), bundled=bundled))
    assert set(found) == {"2.18"}
    assert "no longer mention it" in found["2.18"][0]


def test_what_the_rehearsal_did_not_measure_is_unchecked_not_a_mismatch(bundled):
    rehearsal = without_box_formats(recorded_rehearsal(facts={}))
    del rehearsal.by_instruction["1.7"]
    result = check_guide(bundled, rehearsal, bundled=bundled)
    assert result.ok, mismatches(result)
    unchecked = {(f.instruction, f.kind) for f in result.findings if f.verdict == "unchecked"}
    for expected in [("1.9", "code_format"), ("1.9", "case_insensitive"), ("1.8", "phone_rule"),
                     ("1.3", "example_password"), ("1.7", "label")]:
        assert expected in unchecked
    assert ("1.3", "password_rule") not in unchecked  # read off the password screen's data
    label = next(f for f in result.findings if f.instruction == "1.7" and f.kind == "label")
    assert "captured no screen for bundled instruction 1.7" in label.detail


# --------------------------------------------------------------------------- mapping


def test_identical_guides_map_by_id(bundled):
    assert all(m.how == "id" and m.bundled == m.instruction for m in map_instructions(bundled, bundled))


def test_similar_instructions_of_different_stages_do_not_cross(bundled):
    # 2.13 and 3.1 are nearly the same text: removing 2.13 must not map 3.1 onto it
    lines = BUNDLED_TEXT.split("\n")
    text = "\n".join(lines[:87] + lines[89:])  # lines 88-89: instruction 13
    text = text.replace("14.  Sur", "13.  Sur").replace("15.  Ensuite", "14.  Ensuite")
    text = text.replace(" 16.   Un", " 15.   Un").replace("17. Sur", "16. Sur").replace("18. C’est", "17. C’est")
    mappings = {m.instruction: m for m in map_instructions(parse_guide(text), bundled)}
    assert mappings["3.1"].bundled == "3.1" and mappings["3.1"].how == "id"
    assert mappings["2.13"].bundled == "2.14" and mappings["2.13"].how == "content"
    assert "2.13" not in {m.bundled for m in mappings.values()}


def test_a_rewritten_instruction_with_nothing_in_common_is_new(bundled, rehearsal):
    text = BUNDLED_TEXT.replace(
        "11. Il est possible et même conseillé d’ajouter un numéro de téléphone supplémentaire, par \n"
        "exemple d’un proche ou d’un GSM d’un autre pays.",
        "11. Imprimez cette page.")
    result = check_text(text, rehearsal, bundled)
    assert result.ok
    assert result.mapped["1.11"] is None
    assert "bundled 1.11 has no counterpart in this guide (removed?)" in result.mapping


# --------------------------------------------------------------------------- guides in, results out


def test_unusable_guides_are_results_with_an_error(bundled, rehearsal, tmp_path):
    binary = tmp_path / "guide.txt"
    binary.write_bytes(b"\x00\x01\x02")
    results = check_guides([tmp_path / "missing.txt", binary, REVISIONS / "no_stages.txt", BUNDLED_GUIDE],
                           rehearsal, bundled=bundled)
    assert [bool(r.error) for r in results] == [True, True, True, False]
    assert "cannot read guide" in results[0].error
    assert "no recognisable stage" in results[2].error
    assert results[3].ok


def test_a_guide_object_or_a_path(bundled, rehearsal):
    by_path = check_guide(str(BUNDLED_GUIDE), rehearsal)
    by_object = check_guide(bundled, rehearsal, bundled=bundled)
    assert [(f.instruction, f.claim, f.verdict) for f in by_path.findings] == \
        [(f.instruction, f.claim, f.verdict) for f in by_object.findings]
    assert by_path.path == str(BUNDLED_GUIDE)


def test_checking_many_revisions_is_cheap(bundled, rehearsal):
    paths = revision_paths() + [BUNDLED_GUIDE]
    started = time.perf_counter()
    results = check_guides(paths, rehearsal, bundled=bundled)
    assert len(results) == len(paths)
    assert time.perf_counter() - started < 10


def test_the_checker_never_reads_the_label_constants():
    for name in ("claims.py", "verify.py", "output.py"):
        tree = ast.parse((ROOT / "rehearse" / "check" / name).read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not any(module.startswith("mock_sites") for module in imported), name
