"""The guide is the test: ``rehearse check`` follows each revision's own words in the browser.

Every test reads the session's one check run (``tests/conftest.py``): the bundled guide, the follower's trip-ups
(each caught at its instruction, with its verdict) and harmless rewrites (each passes).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import rehearse.check.rehearsal as rehearsal_module
from rehearse.check import phrases
from rehearse.check.claims import normalise_label
from rehearse.guide import BUNDLED_GUIDE, load_guide
from tests.conftest import run_check
from tests.guides.follow.expected import FOLLOW, HARMLESS, TRIP_UPS

browser = pytest.mark.browser
FAILING = ("mismatch", "stuck")

# What a careful reader has to guess where the bundled guide is silent: instruction -> words of each gap, exactly.
EXPECTED_GAPS = {
    "1.2": ["security code", "box"],  # the captcha, and the privacy box
    "1.3": ["Confirmez le nouveau mot de passe"],
    "1.11": ["Retour à mes numéros"],  # the way back to the list of numbers
    "3.1": ["days later"],  # « A EFFECTUER QUAND VOUS AUREZ RECU LE CODE FINAL »: a fresh browser, days later
    "3.2": ["single way forward « Suivant »", "adresse électronique", "« Mot de passe »"],
    "3.4": ["validez-le", "Déconnectez-vous"],  # « Valider », and RCAM's « Déconnexion »
}


def bundled_entry(check_run) -> dict:
    return check_run["guides"][Path(BUNDLED_GUIDE).name]


@browser
def test_the_bundled_guide_is_followed_to_the_end_without_mismatch_or_stuck(check_run):
    entry = bundled_entry(check_run)
    failing = [f for f in entry["findings"] if f["verdict"] in FAILING]
    assert entry["ok"] is True and not failing, failing
    steps = [f for f in entry["findings"] if f["kind"] == "step"]
    assert {f["instruction"] for f in steps} >= {"1.1", "1.12", "2.13", "2.18", "3.1", "3.4"}
    last = [f for f in steps if f["instruction"] == "3.4"][-1]
    assert last["verdict"] == "ok" and "signed in again" in last["detail"]
    access = [f for f in entry["findings"] if f["kind"] == "next_sign_in"]
    assert access and access[0]["verdict"] == "ok", access  # « accès … lors d’une prochaine connexion »


@browser
def test_the_bundled_guide_has_exactly_the_expected_gaps(check_run):
    gaps: dict[str, list[str]] = {}
    for finding in bundled_entry(check_run)["findings"]:
        if finding["verdict"] == "gap":
            gaps.setdefault(finding["instruction"], []).append(finding["detail"])
    assert set(gaps) == set(EXPECTED_GAPS), gaps
    for instruction, words in EXPECTED_GAPS.items():
        assert len(gaps[instruction]) == len(words), (instruction, gaps[instruction])
        for word in words:
            assert any(word.casefold() in detail.casefold() for detail in gaps[instruction]), (word, gaps[instruction])


@browser
def test_the_bundled_guide_leaves_at_most_four_sentences_unchecked(check_run):
    unchecked = [f for f in bundled_entry(check_run)["findings"]
                 if f["verdict"] == "unchecked" and f["kind"] == "prose"]
    assert len(unchecked) <= 4, unchecked
    assert all(f["detail"] for f in unchecked)  # each with its reason


@browser
def test_every_sentence_of_every_instruction_gets_a_finding(check_run):
    findings = bundled_entry(check_run)["findings"]
    for instruction in load_guide(BUNDLED_GUIDE).instructions:
        claims = [normalise_label(f["claim"]) for f in findings if f["instruction"] == instruction.id]
        for sentence in phrases.read_text(instruction.text):
            said = normalise_label(sentence.text)
            assert any(claim and (claim in said or said in claim) for claim in claims), (instruction.id, said)


@browser
@pytest.mark.parametrize("name", list(TRIP_UPS))
def test_each_trip_up_is_caught_at_its_instruction(check_run, name):
    verdict, instruction, words = TRIP_UPS[name]
    entry = check_run["guides"][f"follow/{name}"]
    assert entry["ok"] is False
    failing = [f for f in entry["findings"] if f["verdict"] in FAILING]
    assert {f["instruction"] for f in failing} == {instruction}, failing
    caught = [f for f in failing if f["verdict"] == verdict]
    assert caught, failing
    text = " ".join(f"{f['claim']} {f['detail']} {f.get('looking_for', '')}" for f in caught).casefold()
    for word in words:
        assert word.casefold() in text, (word, caught)


@browser
@pytest.mark.parametrize("name", HARMLESS)
def test_each_harmless_rewrite_passes(check_run, name):
    entry = check_run["guides"][f"follow/{name}"]
    failing = [f for f in entry["findings"] if f["verdict"] in FAILING]
    assert entry["ok"] is True and not failing, failing


@browser
def test_a_true_extra_step_is_no_gap(check_run):
    """« cochez la case de la déclaration de confidentialité »: the privacy box is no longer a guess."""
    entry = check_run["guides"]["follow/privacy_ticked.txt"]
    gaps = [f["detail"] for f in entry["findings"] if f["verdict"] == "gap" and f["instruction"] == "1.2"]
    assert len(gaps) == 1 and "security code" in gaps[0], gaps


@browser
def test_a_stuck_instruction_names_what_was_looked_for_and_what_the_screen_offered(check_run):
    entry = check_run["guides"]["follow/instructions_swapped.txt"]
    stuck = next(f for f in entry["findings"] if f["verdict"] == "stuck")
    assert stuck["instruction"] == "1.5"
    assert "Gérer mes numéros de téléphone portable" in stuck["looking_for"]
    assert "Paramètres" in stuck["offered"]
    assert (check_run["report_dir"] / stuck["screenshot"]).is_file()


@browser
def test_one_broken_instruction_does_not_hide_the_others(check_run):
    """Stuck at 1.1 (no phone field there), the follower recovers from the bundled follow and goes on."""
    entry = check_run["guides"]["follow/field_wrong.txt"]
    later = [f for f in entry["findings"] if f["instruction"] != "1.1" and f["kind"] == "step"]
    assert later and all(f["verdict"] == "ok" for f in later)
    assert {f["instruction"] for f in later} >= {"1.2", "2.17", "3.4"}


@browser
def test_revisions_share_the_bundled_follow_up_to_their_first_difference(check_run):
    lines = check_run["err"].splitlines()

    def own(name: str) -> str:
        at = next(i for i, line in enumerate(lines) if "following" in line and f"follow/{name}" in line)
        return next(line for line in lines[at + 1:] if "of its own" in line)

    assert "followed 0 instructions of its own" in own("quotes_unified.txt")  # the same gestures throughout
    assert "followed 1 instruction of its own (1.2)" in own("privacy_ticked.txt")  # then the same place again
    assert re.search(r"followed \d instructions? of its own \(1\.5", own("instructions_swapped.txt"))


@browser
def test_strict_makes_gaps_fail_the_guide(check_run, monkeypatch, tmp_path):
    monkeypatch.setattr(rehearsal_module, "rehearse", lambda **kwargs: check_run["spy"].rehearsal)
    code, out, err = run_check(str(BUNDLED_GUIDE), "--report-dir", str(tmp_path))
    assert code == 0, out + err
    code, out, err = run_check(str(BUNDLED_GUIDE), "--strict", "--report-dir", str(tmp_path))
    assert code == 1, out + err


def test_the_checker_has_no_journey_of_its_own():
    """The checker's rehearsal is following the bundled guide: no scripted stage in rehearse/check."""
    source = "\n".join(path.read_text(encoding="utf-8") for path in (FOLLOW.parents[2] / "rehearse" / "check")
                       .glob("*.py"))
    for scripted in ("def stage_1", "def stage_2", "def stage_3", "class _Journey", "fr(\"next\")"):
        assert scripted not in source, scripted
