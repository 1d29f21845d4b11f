"""Bad input on EU Login that the other view tests leave out: names of every alphabet (accepted, shown as
typed and never as HTML), and the sign-in for a service (wrong password, wrong or malformed number, the
3 x 3 challenge: wrong, wrong length, expired, an old code after a new one).

Each refusal is checked whole against the catalogue (``mock_sites/labels.py``) and must leave the world as it
was (``World.snapshot``), apart from what the refusal itself has to record (a wrong try is counted).
"""

from __future__ import annotations

import pytest

from mock_sites import profiles, rules
from mock_sites.labels import fr
from mock_sites.rules import Paths
from tests.helpers import PASSWORD, Client, alerts, form_values, heading, parse, registration
from tests.site_client import (
    Page,
    Visitor,
    challenge_step,
    identify,
    latest_sms_code,
    login_url,
    password_step,
    rcam_service,
)


def field_error(html: str, name: str) -> str | None:
    found = parse(html).find_all(id=f"{name}-error")
    return found[0].text() if found else None


# --------------------------------------------------------------------------- names of every alphabet
NAMES = [
    pytest.param("Marie-Thérèse", "Van den Bossche-Ørsted", id="accents-and-hyphens"),
    pytest.param("Renée", "D'Hondt", id="apostrophe"),
    pytest.param("Jean-Noël", "O’Connor", id="typographic-apostrophe"),
    pytest.param("Σοφία", "Παπαδοπούλου", id="greek"),
    pytest.param("Светлана", "Иванова", id="cyrillic"),
    pytest.param("Zoë", "Ďurović-Łukasiewicz", id="central-european"),
]


@pytest.mark.parametrize(("first", "last"), NAMES)
def test_names_of_any_alphabet_are_accepted_and_shown_as_typed(first, last):
    client = Client()
    person = client.world.new_identity()
    client.get(Paths.REGISTER)
    response = client.post(Paths.REGISTER, registration(client, person, first_name=first, last_name=last))
    assert response.status_code == 200 and alerts(client.html) == []
    account = client.world.account(person.email)
    assert (account.first_name, account.last_name) == (first, last)
    account.password = PASSWORD
    client.get(Paths.LOGIN)
    client.post(Paths.LOGIN, {"step": "whoami", "username": person.email})
    assert heading(client.html) == fr("password_title", name=f"{first} {last}")  # text, not markup
    if "'" in last:
        assert last not in client.html and last.replace("'", "&#39;") in client.html  # escaped in the HTML


HOSTILE = [
    pytest.param('"><img src=x onerror=alert(1)>', id="attribute-break-out"),
    pytest.param("<b>Jean</b>", id="markup"),
    pytest.param("Jean&amp;Marie", id="entity"),
]


@pytest.mark.parametrize("typed", HOSTILE)
def test_a_name_with_markup_is_refused_and_shown_back_as_text(typed):
    client = Client()
    person = client.world.new_identity()
    client.get(Paths.REGISTER)
    before = client.world.snapshot()
    response = client.post(Paths.REGISTER, registration(client, person, last_name=typed))
    assert response.status_code == 400
    assert alerts(client.html) == [fr("err_name")] and field_error(client.html, "last_name") == fr("err_name")
    assert form_values(client.html)["last_name"] == typed  # kept, as text
    page = parse(client.html)
    assert len(page.find_all("img")) == 1 and page.find_all("b") == []  # the captcha only: nothing interpreted
    assert client.world.snapshot() == before


# --------------------------------------------------------------------------- sign-in for a service
@pytest.fixture
def account(site_world):
    identity = site_world.new_identity()
    return site_world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,), language="fr")


def on_password_screen(site_visitor: Visitor, account) -> None:
    identify(site_visitor, login_url(rcam_service(), acceptStrengths=rules.STRENGTH_SMS), account.email)
    assert Page(site_visitor.text).label_for("password") == fr("password")


SIGN_IN = [  # (password, method, mobile, field, message key)
    pytest.param("23-11ukraine", rules.STRENGTH_SMS, None, "password", "err_password_wrong", id="wrong-password"),
    pytest.param("", rules.STRENGTH_SMS, None, "password", "err_password_wrong", id="no-password"),
    pytest.param(PASSWORD, rules.STRENGTH_SMS, "+32400000001", "mobile", "err_phone_unregistered",
                 id="number-not-on-the-account"),
    pytest.param(PASSWORD, rules.STRENGTH_SMS, "+32 470 12 34 56", "mobile", "err_phone_format", id="number-spaces"),
    pytest.param(PASSWORD, rules.STRENGTH_SMS, "+32.470.123456", "mobile", "err_phone_format", id="number-dots"),
    pytest.param(PASSWORD, rules.STRENGTH_SMS, "0470123456", "mobile", "err_phone_country", id="number-no-country"),
    pytest.param(PASSWORD, rules.STRENGTH_SMS, "+32470", "mobile", "err_phone_length", id="number-too-short"),
    pytest.param(PASSWORD, rules.STRENGTH_SMS, "", "mobile", "err_required", id="number-empty"),
    pytest.param(PASSWORD, rules.STRENGTH_PASSWORD, "", "loginStrength", "err_method_sms_required",
                 id="password-only-where-sms-is-asked"),
    pytest.param(PASSWORD, "MOBILE_APP", "", "loginStrength", "err_method_not_offered", id="method-not-offered"),
]


@pytest.mark.parametrize(("password", "method", "mobile", "field", "key"), SIGN_IN)
def test_sign_in_for_a_service_refuses_with_one_message_next_to_the_field(site_visitor, site_world, account, password,
                                                                          method, mobile, field, key):
    on_password_screen(site_visitor, account)
    mobile = account.phones[0] if mobile is None else mobile
    counted = ("failed_attempts",) if field == "password" else ()  # a wrong password is counted (the throttle)
    before = site_world.snapshot(excluding=counted)
    response = password_step(site_visitor, password=password, method=method, mobile=mobile)
    assert response.status_code == 400
    expected = fr(key, **rules.PHONE_FIELDS)
    assert site_visitor.alerts() == [expected]
    assert field_error(site_visitor.text, field) == expected
    page = Page(site_visitor.text)
    assert page.value_of("mobile") == mobile and page.value_of("password") == ""  # kept, the password aside
    assert f'value="{method}" selected' in site_visitor.text or method not in profiles.get("2020").offered
    assert site_world.snapshot(excluding=counted) == before  # no SMS, no session, no ticket


def on_challenge_screen(site_visitor: Visitor, account) -> str:
    """The 3 x 3 challenge screen; returns the code of the SMS."""
    on_password_screen(site_visitor, account)
    assert password_step(site_visitor, mobile=account.phones[0]).status_code == 200
    return latest_sms_code(site_visitor.world, account.phones[0])


def other_than(code: str) -> str:
    return ("Z" if code[0] != "Z" else "Y") + code[1:]


@pytest.mark.parametrize("parts", [["AB", "", ""], ["ABC", "DEF", ""], ["ABC", "DEF", "GHIJ"], ["", "", ""],
                                   ["ABC-DEF-GH"]], ids=["2", "6", "10", "empty", "8-in-one-box"])
def test_sign_in_challenge_of_the_wrong_length(site_visitor, site_world, account, parts):
    on_challenge_screen(site_visitor, account)
    before = site_world.snapshot()
    response = site_visitor.open(site_visitor.action(), method="POST", follow=False,
                            data={"csrf_token": site_visitor.csrf(), "step": "challenge", "challenge": parts})
    assert response.status_code == 400
    assert site_visitor.alerts() == [fr("err_challenge_length", length=rules.SIGN_IN_CHALLENGE.length)]
    assert field_error(site_visitor.text, "challenge") == site_visitor.alerts()[0]
    assert site_world.snapshot() == before  # a typing slip is not a wrong try


def test_wrong_sign_in_challenge_counts_one_try_and_changes_nothing_else(site_visitor, site_world, account):
    code = on_challenge_screen(site_visitor, account)
    before = site_world.snapshot(excluding=("failed_attempts",))
    assert challenge_step(site_visitor, other_than(code)).status_code == 400
    assert site_visitor.alerts() == [fr("err_challenge_wrong")]
    assert site_world.snapshot(excluding=("failed_attempts",)) == before
    assert site_world.failed_attempts == {("sign_in", account.email): 1} and not site_world.sso_sessions


def test_an_old_sign_in_code_is_refused_once_a_new_one_was_sent(site_visitor, site_world, account):
    old = on_challenge_screen(site_visitor, account)
    new = old
    while new == old:  # sign in again: a new SMS, the old code replaced (equal: 1 chance in 32**9)
        new = on_challenge_screen(site_visitor, account)
    assert len(site_world.inbox("sms", account.phones[0])) >= 2
    assert challenge_step(site_visitor, old).status_code == 400
    assert site_visitor.alerts() == [fr("err_challenge_wrong")]
    assert not site_world.sso_sessions and not site_world.tickets
    assert challenge_step(site_visitor, new).status_code == 302


def test_an_expired_sign_in_code_sends_a_new_one_and_opens_nothing(site_visitor, site_world, account):
    old = on_challenge_screen(site_visitor, account)
    site_world.clock.advance(rules.CHALLENGE_LIFETIME)
    assert challenge_step(site_visitor, old).status_code == 400
    assert site_visitor.alerts() == [fr("err_challenge_expired")]
    assert len(site_world.inbox("sms", account.phones[0])) == 2  # the new code
    assert not site_world.sso_sessions and not site_world.tickets and site_world.failed_attempts == {}
    assert challenge_step(site_visitor, latest_sms_code(site_world, account.phones[0])).status_code == 302


def test_sign_in_lock_message_then_lifted(site_visitor, site_world, account):
    code = on_challenge_screen(site_visitor, account)
    for _ in range(rules.CHALLENGE_MAX_ATTEMPTS - 1):
        challenge_step(site_visitor, other_than(code))
    minutes = int(rules.CHALLENGE_LOCK.total_seconds() // 60)
    assert challenge_step(site_visitor, other_than(code)).status_code == 429
    assert site_visitor.alerts() == [fr("err_challenge_locked", minutes=minutes)]
    before = site_world.snapshot()
    on_password_screen(site_visitor, account)
    assert password_step(site_visitor, mobile=account.phones[0]).status_code == 400  # no new SMS while locked
    assert site_visitor.alerts() == [fr("err_challenge_locked", minutes=minutes)]
    assert site_world.snapshot() == before
    site_world.clock.advance(rules.CHALLENGE_LOCK)
    new = on_challenge_screen(site_visitor, account)
    assert challenge_step(site_visitor, new).status_code == 302 and len(site_world.sso_sessions) == 1
