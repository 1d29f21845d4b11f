"""Screen profiles (``mock_sites.profiles``): the guide's screens (2020, the default) and EU Login since 1 July 2025
(2026), one setting that flows through the app factory, the servers, ``rehearse serve``/``check`` and the harness."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from mock_sites import create_app, profiles, rules
from mock_sites.labels import fr
from rehearse import cli
from tests.helpers import PASSWORD, parse
from tests.site_client import Page as Markup
from tests.site_client import french_visitor, identify, password_step

RCAM_LOGIN = "https://webgate.ec.europa.eu" + rules.Paths.RCAM_LOGIN


def visitor_on(screens: str):
    app = create_app(screens=screens)
    visitor = french_visitor(app)
    identity = visitor.world.new_identity()
    account = visitor.world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,), language="fr")
    rcam = visitor.get(rules.Paths.RCAM_LOGIN, follow=False).location  # RCAM's way to EU Login, as it asks
    identify(visitor, rcam, account.email)
    return visitor, rcam


def methods(visitor) -> list[str]:
    return [option.text() for option in parse(visitor.text).find_all("option")]


def test_the_2020_list_offers_sms_and_the_2026_list_does_not():
    old, _ = visitor_on("2020")
    new, _ = visitor_on("2026")
    assert fr("method_sms") in methods(old) and Markup(old.text).by_id("mobile") is not None
    assert fr("method_sms") not in methods(new) and Markup(new.text).by_id("mobile") is None
    assert methods(new) == [fr(key) for _, key in profiles.get("2026").methods]
    for key in ("method_password", "method_app_pin", "method_app_qr", "method_security_key", "method_eid",
                "method_on_mobile"):
        assert fr(key) in methods(new)


def test_rcam_asks_each_profile_for_its_own_strengths():
    _, old = visitor_on("2020")
    _, new = visitor_on("2026")
    assert parse_qs(urlsplit(old).query)["acceptStrengths"] == [rules.STRENGTH_SMS]
    assert parse_qs(urlsplit(new).query)["acceptStrengths"] == [",".join(profiles.get("2026").rcam_strengths)]


def test_on_the_2026_screens_a_password_alone_is_too_weak_for_rcam_and_sms_is_gone():
    visitor, _ = visitor_on("2026")
    response = password_step(visitor, method=rules.STRENGTH_PASSWORD)
    assert response.status_code == 400 and visitor.alerts() == [fr("err_method_stronger_required")]
    response = password_step(visitor, method=rules.STRENGTH_SMS)
    assert response.status_code == 400 and visitor.alerts() == [fr("err_method_not_offered")]
    assert not visitor.world.sso_sessions and not visitor.world.messages


@pytest.mark.parametrize("strength", [profiles.STRENGTH_EID, profiles.STRENGTH_ON_MOBILE])
def test_eid_and_on_mobile_lead_to_a_clear_not_available_screen(strength):
    visitor, _ = visitor_on("2026")
    response = password_step(visitor, method=strength)
    assert response.status_code == 200
    name = fr(dict(profiles.get("2026").methods)[strength])
    assert fr("unavailable_title") in visitor.text and visitor.alerts() == [fr("unavailable", method=name)]
    assert not visitor.world.sso_sessions


def test_an_unknown_profile_is_refused_naming_the_known_ones():
    with pytest.raises(profiles.UnknownProfile, match="2020, 2026"):
        create_app(screens="1999")


def test_rehearse_check_refuses_an_unknown_profile_before_any_browser(tmp_path, capsys):
    code = cli.main(["check", "--screens", "1999", "guides/acces-rcam-eu-login.txt", "--report-dir", str(tmp_path)])
    assert code == 2 and "unknown screen profile '1999': choose one of 2020, 2026" in capsys.readouterr().err


def test_rehearse_serve_names_its_profile():
    server = cli.start_serve(cli.build_parser().parse_args(["serve", "--port", "0", "--screens", "2026"]))
    try:
        assert server.app.config["SCREENS"] == "2026"
        assert "Screens: 2026 (EU Login since 1 July 2025, without sign-in by SMS)" in cli.describe(server, server.room)
    finally:
        server.stop()


def test_rehearse_serve_refuses_an_unknown_profile():
    with pytest.raises(cli.ServeError, match="unknown screen profile"):
        cli.start_serve(cli.build_parser().parse_args(["serve", "--port", "0", "--screens", "1999"]))


# --------------------------------------------------------------------------- the harness: marker, then reset
@pytest.mark.browser
@pytest.mark.screens("2026")
def test_a_test_marked_2026_runs_on_the_2026_screens(page: Page, world, mock_server):
    with page.expect_navigation():
        page.goto(RCAM_LOGIN)
    assert parse_qs(urlsplit(page.url).query)["acceptStrengths"] == [",".join(profiles.get("2026").rcam_strengths)]


@pytest.mark.browser
def test_a_test_without_a_marker_runs_on_the_run_s_profile(page: Page, world, mock_server, pytestconfig):
    page.goto(RCAM_LOGIN)
    asked = parse_qs(urlsplit(page.url).query)["acceptStrengths"]
    assert asked == [",".join(profiles.get(pytestconfig.getoption("--screens")).rcam_strengths)]


# --------------------------------------------------------------------------- the bundled guide on today's screens
@pytest.fixture(scope="module")
def check_2026(tmp_path_factory) -> dict:
    """ONE ``rehearse check --screens 2026`` of the bundled guide for this module's tests (a full run costs ~24 s):
    its exit code, stderr, JSON document and report folder."""
    from tests.conftest import run_check

    report_dir = tmp_path_factory.mktemp("check-2026")
    code, out, err = run_check("--screens", "2026", "guides/acces-rcam-eu-login.txt", "--json",
                               "--report-dir", str(report_dir))
    return {"code": code, "err": err, "document": json.loads(out) if out.strip() else None,
            "report_dir": report_dir}


def findings_of(check: dict) -> list[dict]:
    assert check["document"] is not None, check["err"][-3000:]
    return check["document"]["guides"][0]["findings"]


def steps_of(findings: list[dict], instruction: str) -> list[dict]:
    return [f for f in findings if f["instruction"] == instruction and f["kind"] == "step"]


@pytest.mark.browser
def test_the_bundled_guide_gets_stuck_where_it_chooses_sms_on_the_2026_screens(check_2026):
    """A reader who does what the guide says on today's EU Login: stuck at 2.15 and 3.2, where it chooses
    « Téléphone portable + SMS », and where it waits for the SMS code (2.16, 3.3)."""
    assert check_2026["code"] == 1, check_2026["err"][-3000:]
    assert check_2026["document"]["screens"] == "2026"
    findings = findings_of(check_2026)
    stuck = {f["instruction"] for f in findings if f["verdict"] == "stuck"}
    assert {"2.15", "2.16", "3.2", "3.3"} <= stuck, stuck
    assert not stuck & {"1.1", "1.2", "1.3", "1.9", "1.12", "2.13", "2.14"}
    at_2_15 = [f for f in findings if f["instruction"] == "2.15" and f["verdict"] == "stuck"][0]
    assert "Téléphone portable + SMS" in at_2_15["looking_for"] and fr("method_app_qr") in at_2_15["offered"]
    assert "Screens: 2026" in (check_2026["report_dir"] / "index.html").read_text(encoding="utf-8")
    # each finding stuck on SMS is followed by the one note, from mock_sites.profiles, saying why
    withdrawn = profiles.SMS_WITHDRAWN.note
    noted = {f["instruction"] for f in findings if f["verdict"] == "note" and f["detail"] == withdrawn}
    assert {"2.15", "2.16", "3.2", "3.3"} <= noted, noted
    assert not noted & {"2.18", "3.1"}  # followed after the recovery: neither is stuck


@pytest.mark.browser
def test_after_the_sms_sign_in_is_stuck_on_the_2026_screens_the_follow_goes_on_signed_in_with_the_app(check_2026):
    """There is no bundled follow on the 2026 screens to recover to after 2.15: the rehearsal seeds the person as
    signed in with the EU Login Mobile App (``profiles.STRENGTH_APP_PIN``, which RCAM accepts there), and the
    follow goes on: the first access (2.17), the final code (2.18), and stage 3 up to typing that code (3.4)."""
    findings = findings_of(check_2026)
    for instruction in ("2.17", "2.18", "3.1"):
        steps = steps_of(findings, instruction)
        assert steps and {f["verdict"] for f in steps} == {"ok"}, (instruction, steps)
    assert any(f["detail"].startswith("typed the pension number") for f in steps_of(findings, "2.17"))
    assert any("final_code came" in f["detail"] for f in steps_of(findings, "2.18"))
    typed = [f for f in steps_of(findings, "3.4") if f["detail"].startswith("typed the code of")]
    assert typed and typed[0]["verdict"] == "ok" and "final_code" in typed[0]["detail"], steps_of(findings, "3.4")
    # the SMS challenge of 2.16 and 3.3 never comes: stuck (or refused), noted as withdrawn
    for instruction in ("2.16", "3.3"):
        verdicts = {f["verdict"] for f in findings if f["instruction"] == instruction}
        assert verdicts & {"stuck", "mismatch"} and "note" in verdicts, (instruction, verdicts)
    assert "2.15: recovered: the person signed in with PASSWORD_MOBILE_APP" in check_2026["err"]


@pytest.mark.browser
def test_the_illustrated_guide_shows_the_2026_screen_where_the_reader_got_stuck(check_2026):
    """The illustrated guide of the 2026 check: the stuck instruction 2.15 shows first the screenshot taken where
    the reader got stuck, the 2026 method list (it offers the app, not « Téléphone portable + SMS »), named with
    its screen and the profile."""
    report_dir = check_2026["report_dir"]
    findings = findings_of(check_2026)
    page = parse((report_dir / "index.html").read_text(encoding="utf-8"))
    stuck_at = {f["instruction"]: f for f in findings if f["verdict"] == "stuck"}
    for instruction in ("2.15", "3.2"):
        shot = stuck_at[instruction]["screenshot"]
        assert shot and (report_dir / shot).is_file(), (instruction, shot)
        section = next(s for s in page.find_all("section") if s.find_all("h2", id=f"i{instruction}"))
        first, *_ = section.find_all("figure")
        assert first.attrs["class"] == "stuck"
        image, = first.find_all("img")
        assert image.attrs["src"] == shot
        alt = image.attrs["alt"]
        assert alt.startswith("stuck on « ") and "(eulogin:" in alt and "on the 2026 screens" in alt, alt
        caption = first.find_all("figcaption")[0].text()
        assert "on the 2026 screens" in caption and fr("method_app_qr") in caption, caption
        assert fr("method_sms") not in caption.split("offered", 1)[1], caption
