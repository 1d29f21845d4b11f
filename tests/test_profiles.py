"""Screen profiles (``mock_sites.profiles``): the guide's screens (2020, the default) and EU Login since 1 July 2025
(2026), one setting that flows through the app factory, the servers, ``rehearse serve``/``check`` and the harness."""

from __future__ import annotations

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
@pytest.mark.browser
def test_the_bundled_guide_gets_stuck_where_it_chooses_sms_on_the_2026_screens(tmp_path):
    """A reader who does what the guide says on today's EU Login: stuck at 2.15 and 3.2, where it chooses
    « Téléphone portable + SMS », and where it waits for the SMS code (2.16, 3.3)."""
    import json

    from tests.conftest import run_check

    code, out, err = run_check("--screens", "2026", "guides/acces-rcam-eu-login.txt", "--json",
                               "--report-dir", str(tmp_path))
    assert code == 1, err[-3000:]
    document = json.loads(out)
    assert document["screens"] == "2026"
    findings = document["guides"][0]["findings"]
    stuck = {f["instruction"] for f in findings if f["verdict"] == "stuck"}
    assert {"2.15", "2.16", "3.2", "3.3"} <= stuck, stuck
    assert not stuck & {"1.1", "1.2", "1.3", "1.9", "1.12", "2.13", "2.14"}
    at_2_15 = [f for f in findings if f["instruction"] == "2.15" and f["verdict"] == "stuck"][0]
    assert "Téléphone portable + SMS" in at_2_15["looking_for"] and fr("method_app_qr") in at_2_15["offered"]
    assert "Screens: 2026" in (tmp_path / "index.html").read_text(encoding="utf-8")
    # each finding stuck on SMS is followed by the one note, from mock_sites.profiles, saying why
    withdrawn = profiles.SMS_WITHDRAWN.note
    noted = {f["instruction"] for f in findings if f["verdict"] == "note" and f["detail"] == withdrawn}
    assert {"2.15", "2.16", "3.2", "3.3"} <= noted, noted
    assert not noted & {"2.18", "3.1"}  # stuck there waiting for the final code, not on SMS itself
