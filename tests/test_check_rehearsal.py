"""``rehearse.check.rehearsal``: one real browser run of the whole guide captures what the checker reads.

The rehearsal is the session's one ``rehearse check`` (``check_run`` in ``tests/conftest.py``: the bundled guide,
then every revision, with the revisions' example passwords ``GOOD_PASSWORD`` and ``BAD_PASSWORD`` and their URL
``NOWHERE``); each test reads a different side of it. The expectations come from the mock sites' constants: the
rehearsal itself must have read them off the screens.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from mock_sites import rules
from mock_sites.labels import fr, text
from rehearse.check.capture import Rehearsal
from rehearse.check.rehearsal import EULOGIN_URL, RCAM_URL, code_format, code_in
from rehearse.check.verify import PHONE_PROBES
from rehearse.screens import AFTER_INSTRUCTION

browser = pytest.mark.browser

GOOD_PASSWORD = rules.GUIDE_EXAMPLE_PASSWORD  # the guide's example
BAD_PASSWORD = "ukraine2311"  # two groups of characters only
NOWHERE = "https://webgate.ec.europa.eu/eulogin"


PROGRESS = "rehearse check: "  # how ``rehearse check`` prefixes the rehearsal's progress lines on stderr


@pytest.fixture(scope="module")
def report_dir(check_run) -> Path:
    return check_run["report_dir"]


@pytest.fixture(scope="module")
def progress_lines(check_run) -> list[str]:
    return [line.removeprefix(PROGRESS) for line in check_run["err"].splitlines() if line.startswith(PROGRESS)]


@pytest.fixture(scope="module")
def rehearsal(check_run) -> Rehearsal:
    """The one rehearsal of the session's check run, given the example passwords and URL tried below."""
    call = check_run["spy"].calls[0]
    assert {GOOD_PASSWORD, BAD_PASSWORD} <= set(call["example_passwords"]) and NOWHERE in call["urls"], call
    return check_run["spy"].rehearsal


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


# --------------------------------------------------------------------------- screens


@browser
def test_every_screen_and_message_of_the_map_is_captured(rehearsal: Rehearsal):
    # following the guide's words reaches every screen of the map, and reads every message it speaks of
    for instruction, after in AFTER_INSTRUCTION.items():
        assert after.key in rehearsal.screens, f"{instruction}: {after.key} not captured"
    for key in ("email:registration", "email:phone_added", "email:final_code", "sms:challenge"):
        assert key in rehearsal.messages, key


@browser
def test_each_instruction_concerns_existing_captures_ending_with_its_screen(rehearsal: Rehearsal):
    assert set(rehearsal.by_instruction) == set(AFTER_INSTRUCTION)
    for instruction, keys in rehearsal.by_instruction.items():
        assert keys and len(keys) == len(set(keys)), instruction
        for key in keys:
            assert key in rehearsal.screens or key in rehearsal.messages, f"{instruction}: {key}"
        after = AFTER_INSTRUCTION[instruction].key
        assert any(key.split("@")[0] == after for key in keys), f"{instruction}: no {after} in {keys}"
    # what each instruction starts on, and the messages it reads
    assert rehearsal.by_instruction["1.1"][0] == "eulogin:whoami_title"
    assert "email:registration" in rehearsal.by_instruction["1.3"]
    assert "eulogin:new_password_title" in rehearsal.by_instruction["1.3"]
    assert {"sms:challenge", "eulogin:challenge_title"} <= set(rehearsal.by_instruction["1.9"])
    assert "email:final_code" in rehearsal.by_instruction["3.4"]
    # the 3ème étape's own SMS, not the 1ère's nor the 2ème's
    sms = [k for k in rehearsal.by_instruction["3.3"] if k.startswith("sms:")]
    assert len(sms) == 1 and sms[0] not in rehearsal.by_instruction["1.9"] + rehearsal.by_instruction["2.16"]


@browser
def test_a_screen_seen_again_unchanged_keeps_its_key_and_a_changed_one_gets_its_own(rehearsal: Rehearsal):
    assert "rcam:rcam_welcome_title" in rehearsal.by_instruction["3.1"]  # the same landing page in stage 3
    confirmation = next(screen for key, screen in rehearsal.screens.items()  # same heading as 1.6's list
                        if key.startswith("eulogin:phones_title@1.9"))
    assert confirmation.heading == rehearsal.screens["eulogin:phones_title"].heading
    assert confirmation.text != rehearsal.screens["eulogin:phones_title"].text


@browser
def test_identification_screen_has_suivant_as_a_button(rehearsal: Rehearsal):
    screen = rehearsal.screens["eulogin:whoami_title"]
    assert screen.url == EULOGIN_URL
    assert screen.heading == fr("whoami_title")
    buttons = [e for e in screen.elements if e.role == "button" and e.name == "Suivant"]
    assert len(buttons) == 1 and buttons[0].box is not None
    assert any(e.role == "textbox" and e.name == fr("whoami_email") for e in screen.elements)
    assert any(e.role == "link" and e.name == "Créer un compte" for e in screen.elements)


@browser
def test_lists_options_and_the_gear_menu_are_captured(rehearsal: Rehearsal):
    password = rehearsal.screens["eulogin:password_title"]
    assert any(e.role == "combobox" and e.name == "Méthode d’authentification" for e in password.elements)
    option = next(e for e in password.elements if e.role == "option" and e.name == "Téléphone portable + SMS")
    assert option.box is not None  # the closed list's box
    opened = [{(e.role, e.name) for e in screen.elements} for screen in rehearsal.screens.values()]
    assert any({("button", "Paramètres"), ("link", "Mon compte"), ("link", "Déconnexion")} <= names
               for names in opened), "no screen with the gear menu open"


@browser
def test_boxes_lie_within_their_full_page_screenshots(rehearsal: Rehearsal, report_dir: Path):
    for key, screen in rehearsal.screens.items():
        assert screen.screenshot, key
        path = report_dir / screen.screenshot
        assert path.is_file(), f"no screenshot for {key}"
        width, height = png_size(path)
        for element in screen.elements:
            if element.box is None:
                continue
            x, y, w, h = element.box
            assert -1 <= x and x + w <= width + 1 and -1 <= y and y + h <= height + 1, (key, element)
    connect = next(e for e in rehearsal.screens["rcam:rcam_welcome_title"].elements if e.name == "Connecter")
    assert connect.box[1] > 800  # below the fold: the full page, not the window


@browser
def test_screens_keep_their_visible_text_and_data(rehearsal: Rehearsal):
    registered = rehearsal.screens["rcam:rcam_registered_title"]
    assert "courrier postal" in registered.text
    first_access = rehearsal.screens["rcam:rcam_first_access_title"]
    assert set(first_access.data["fields"]) >= {fr("last_name"), fr("first_name")}  # prefilled (2.17)


# --------------------------------------------------------------------------- messages


@browser
def test_messages_are_captured_as_the_devices_show_them(rehearsal: Rehearsal):
    registration = rehearsal.messages["email:registration"]
    assert registration.channel == "email"
    assert registration.subject == text("mail_register_subject", "en")
    anchor, url = registration.links[0]
    assert anchor == "this link" and url.startswith("https://webgate.ec.europa.eu" + rules.Paths.INIT_PASSWORD)
    assert registration.screen in rehearsal.screens
    assert any(e.role == "link" and e.name == "this link" for e in rehearsal.screens[registration.screen].elements)
    for key in ("sms:challenge", "sms:challenge@2.16", "email:phone_added", "email:final_code"):
        assert key in rehearsal.messages, key
    assert code_in(rehearsal.messages["sms:challenge"].text)


@browser
def test_code_formats_are_measured_in_messages_and_on_screens(rehearsal: Rehearsal):
    formats = rehearsal.facts["code_formats"]
    for key, fmt in (("sms:challenge", rules.PHONE_CHALLENGE), ("sms:challenge@2.16", rules.SIGN_IN_CHALLENGE),
                     ("email:final_code", rules.FINAL_CODE), ("eulogin:challenge_title", rules.PHONE_CHALLENGE),
                     ("eulogin:sign_in_challenge_title", rules.SIGN_IN_CHALLENGE),
                     ("rcam:rcam_final_code_title", rules.FINAL_CODE)):
        assert formats[key] == [fmt.groups, fmt.size], key
    assert formats["sms:challenge"] == [2, 4]
    assert formats["sms:challenge@2.16"] == [3, 3]
    assert formats["email:final_code"] == [4, 3]


@browser
def test_codes_typed_in_lower_case_are_accepted(rehearsal: Rehearsal):
    # the guide says so for 1.9 and 2.16: the follower types those codes in lower case
    assert rehearsal.facts["case_insensitive"] == {"sms:challenge": True, "sms:challenge@2.16": True}


# --------------------------------------------------------------------------- rules and examples


@browser
def test_password_policy_is_read_off_the_screen(rehearsal: Rehearsal):
    assert rehearsal.facts["password_policy"] == {
        "min_length": rules.PASSWORD_MIN_LENGTH, "min_groups": rules.PASSWORD_MIN_GROUPS,
        "group_count": len(rules.PASSWORD_GROUPS)}
    policy = rehearsal.screens["eulogin:new_password_title"].data["password_policy"]
    assert policy["below_form"] is True  # « tels que décrits en bas de l’écran »


@browser
def test_example_passwords_are_tried_on_the_password_screen(rehearsal: Rehearsal):
    assert rehearsal.facts["passwords"] == {GOOD_PASSWORD: True, BAD_PASSWORD: False}
    assert "3" in rehearsal.facts["password_errors"][BAD_PASSWORD]  # the screen's own words: groups


@browser
def test_phone_numbers_against_the_guide_are_refused(rehearsal: Rehearsal):
    assert rehearsal.facts["phone_rules"] == dict.fromkeys(PHONE_PROBES, True)
    for number in PHONE_PROBES.values():
        assert rehearsal.facts["phone_errors"][number], number


@browser
def test_typed_urls_lead_to_their_screens(rehearsal: Rehearsal):
    assert rehearsal.urls[EULOGIN_URL] == "eulogin:whoami_title"
    assert rehearsal.urls[RCAM_URL] == "rcam:rcam_welcome_title"
    assert rehearsal.urls[NOWHERE] is None


@browser
def test_progress_names_each_instruction_and_the_run_is_timed(rehearsal: Rehearsal, progress_lines: list[str]):
    lines = progress_lines
    for instruction in AFTER_INSTRUCTION:
        assert any(line.startswith(instruction + " ") for line in lines), instruction
    assert "1.5 Mon compte" in lines
    assert 0 < rehearsal.seconds < 240


# --------------------------------------------------------------------------- helpers, no browser


@pytest.mark.parametrize(("message", "code", "fmt"), [
    ("EU Login : votre code challenge est AB2D-EF3H", "AB2D-EF3H", [2, 4]),
    ("RCAM : votre code final est 123-ABC-4D5-XYZ (valable 30 jours)", "123-ABC-4D5-XYZ", [4, 3]),
    ("Date 2026-01-05, code K2M-9PQ-RS7", "K2M-9PQ-RS7", [3, 3]),  # a date is not the code
])
def test_code_in_and_code_format(message, code, fmt):
    assert code_in(message) == code
    assert code_format(code) == fmt
