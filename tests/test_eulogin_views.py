"""EU Login's views through the test client.

Every message is compared, whole, with the catalogue (``mock_sites/labels.py``) in the browser's language,
and every refused form must leave the world as it was.
"""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from mock_sites import labels, mail, rules
from mock_sites.labels import fr
from mock_sites.rules import Paths
from mock_sites.world import Identity
from tests.helpers import (
    EU_URL,
    PASSWORD,
    Client,
    add_phone,
    alerts,
    captcha_answer,
    enter_challenge,
    form_values,
    heading,
    local,
    mail_link,
    parse,
    register,
    registration,
    signed_in,
    sms_code,
    snapshot,
    statuses,
)

NUMBER = "+32470123456"


def field_error(html: str, name: str) -> str | None:
    """The error tied to field ``name`` (``<p id="name-error" role="alert">``), or None."""
    found = parse(html).find_all(id=f"{name}-error")
    return found[0].text() if found else None


def links(html: str) -> dict[str, str]:
    return {a.text(): a.attrs["href"] for a in parse(html).find_all("a") if "href" in a.attrs}


def wrong(code: str) -> str:
    """A code of the right format that is not ``code``."""
    first = "A" if code[0] != "A" else "B"
    return first + code[1:]


# --------------------------------------------------------------------------- identification (whoami)
def test_whoami_unknown_email_redirects_to_register_with_the_email():
    client = Client()
    client.get(Paths.LOGIN)
    before = snapshot(client.world)
    response = client.post(Paths.LOGIN, {"step": "whoami", "username": " Jean.Dupont@example.org "})
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == Paths.REGISTER
    assert parse_qs(location.query) == {"email": ["Jean.Dupont@example.org"]}
    assert snapshot(client.world) == before
    client.get(local(response.headers["Location"]))
    assert heading(client.html) == fr("register_title")
    assert form_values(client.html)["email"] == "Jean.Dupont@example.org"  # the guide: « Déjà ajouté »


def test_whoami_existing_account_asks_for_the_password():
    client = Client()
    person = client.world.new_identity()
    client.world.seed_account(person, password=PASSWORD)
    client.get(Paths.LOGIN)
    before = snapshot(client.world)
    response = client.post(Paths.LOGIN, {"step": "whoami", "username": person.email.upper()})
    assert response.status_code == 200
    assert heading(client.html) == fr("password_title", name=person.full_name)
    assert "password" in form_values(client.html)
    assert alerts(client.html) == []
    assert snapshot(client.world) == before


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("typed", "key"), [
    pytest.param("", "err_required", id="empty"),
    pytest.param("   ", "err_required", id="blank"),
    pytest.param("jean.dupont", "err_email_format", id="no-at"),
    pytest.param("jean@localhost", "err_email_format", id="no-domain-dot"),
    pytest.param("<script>alert(1)</script>", "err_email_format", id="markup"),
])
def test_whoami_refuses_what_is_not_an_email(lang, typed, key):
    client = Client(lang=lang)
    client.get(Paths.LOGIN)
    before = snapshot(client.world)
    response = client.post(Paths.LOGIN, {"step": "whoami", "username": typed})
    assert response.status_code == 400
    assert alerts(client.html) == [labels.text(key, lang)]
    assert field_error(client.html, "username") == labels.text(key, lang)
    assert form_values(client.html)["username"] == typed.strip()
    assert snapshot(client.world) == before


def test_sign_in_with_a_wrong_password_is_refused():
    client = Client()
    person = client.world.new_identity()
    client.world.seed_account(person, password=PASSWORD)
    client.get(Paths.LOGIN)
    client.post(Paths.LOGIN, {"step": "whoami", "username": person.email})
    before = client.world.snapshot(excluding=("failed_attempts",))
    response = client.post(Paths.LOGIN, {"step": "password", "password": PASSWORD.lower()})
    assert response.status_code == 400
    assert alerts(client.html) == [fr("err_password_wrong")]
    assert form_values(client.html)["password"] == ""  # never echoed back
    assert client.world.snapshot(excluding=("failed_attempts",)) == before  # the wrong try counted, nothing else
    assert client.world.failed_attempts == {("password", person.email): 1}
    response = client.post(Paths.LOGIN, {"step": "password", "password": PASSWORD})
    assert response.status_code == 302 and len(client.world.sso_sessions) == 1


# --------------------------------------------------------------------------- create an account
@pytest.mark.parametrize(("email_language", "anchor"), [("en", "this link"), ("fr", "ce lien")])
def test_register_creates_one_account_and_one_email(email_language, anchor):
    client = Client(public_url="http://127.0.0.1:9999")
    person = client.world.new_identity()
    response = register(client, person, email_language)
    assert response.status_code == 200
    assert heading(client.html) == fr("register_done_title")
    assert statuses(client.html) == [fr("register_done", email=person.email)]
    assert alerts(client.html) == []

    world = client.world
    assert list(world.accounts) == [rules.normalise_email(person.email)]
    account = world.account(person.email)
    assert (account.first_name, account.last_name, account.email, account.email_language) == (
        person.first_name, person.last_name, person.email, email_language)
    assert account.password is None and account.phones == []

    assert [(m.channel, m.to) for m in world.messages] == [("email", person.email)]
    content = mail.decode(world.messages[0].raw)
    assert labels.text("mail_register_link", email_language) == anchor
    assert anchor in content.text and anchor in content.html
    assert content.subject == labels.text("mail_register_subject", email_language)
    assert content.language == email_language
    assert labels.text("mail_register_greeting", email_language, first=person.first_name,
                       last=person.last_name) in content.text

    url = mail_link(world, person.email, anchor)
    assert url.startswith("http://127.0.0.1:9999" + Paths.INIT_PASSWORD + "?token=")
    token = parse_qs(urlsplit(url).query)["token"][0]
    assert world.password_links[token].email == person.email
    assert f"({url})" in content.text  # the plain-text part carries the same link
    assert "webgate" not in url


@pytest.mark.parametrize(("site_url", "options", "expected"), [
    pytest.param("https://ecas.ec.europa.eu", {}, EU_URL, id="other-eu-host"),
    pytest.param("https://evil.example", {"allowed_hosts": ("*",)}, EU_URL, id="any-host-allowed"),
    pytest.param("https://webgate.ec.europa.eu", {"public_url": "http://127.0.0.1:9999/"},
                 "http://127.0.0.1:9999", id="public-url-with-slash"),
])
def test_register_link_comes_from_public_url_never_from_the_request_host(site_url, options, expected):
    client = Client(base_url=site_url, **options)
    person = client.world.new_identity()
    assert register(client, person).status_code == 200
    url = mail_link(client.world, person.email, "this link")
    assert url.startswith(expected + Paths.INIT_PASSWORD + "?token=")


INVALID_FIELDS = [
    pytest.param("first_name", "", "err_required", id="first-name-empty"),
    pytest.param("first_name", "Jean2", "err_name", id="first-name-digit"),
    pytest.param("last_name", "   ", "err_required", id="last-name-blank"),
    pytest.param("last_name", "<script>alert(1)</script>", "err_name", id="last-name-script"),
    pytest.param("email", "", "err_required", id="email-empty"),
    pytest.param("email", "jean.dupont", "err_email_format", id="email-malformed"),
    pytest.param("email_confirm", "autre@example.org", "err_email_mismatch", id="confirm-different"),
    pytest.param("email_confirm", "", "err_email_mismatch", id="confirm-empty"),
    pytest.param("email_language", "de", "err_language", id="language-unknown"),
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("name", "value", "key"), INVALID_FIELDS)
def test_register_invalid_field_gives_its_message_and_keeps_the_other_values(lang, name, value, key):
    client = Client(lang=lang)
    person = client.world.new_identity()
    client.get(Paths.REGISTER)
    old_captcha = form_values(client.html)["captcha_id"]
    sent = registration(client, person, **{"email_language": "fr", name: value})
    before = snapshot(client.world)
    response = client.post(Paths.REGISTER, sent)
    assert response.status_code == 400
    assert alerts(client.html) == [labels.text(key, lang)]
    assert field_error(client.html, name) == labels.text(key, lang)
    shown = form_values(client.html)
    kept = ["first_name", "last_name", "email", "email_confirm"] + (["email_language"] if name != "email_language"
                                                                     else [])
    assert {k: shown[k] for k in kept} == {k: sent[k] for k in kept}
    assert shown["privacy"] == "on"
    assert shown["captcha"] == "" and shown["captcha_id"] != old_captcha  # a new code to copy
    assert snapshot(client.world) == before


def test_register_wrong_captcha_is_refused_and_a_new_code_is_shown():
    client = Client()
    person = client.world.new_identity()
    client.get(Paths.REGISTER)
    captcha_id, code = captcha_answer(client)
    before = snapshot(client.world)
    response = client.post(Paths.REGISTER, registration(client, person, captcha="00000"))  # no 0 in the alphabet
    assert response.status_code == 400
    assert alerts(client.html) == [fr("err_captcha")]
    assert captcha_id not in client.world.captchas  # one code, one try
    assert form_values(client.html)["captcha_id"] in client.world.captchas
    assert snapshot(client.world) == before
    # the old code, even typed right, is refused afterwards
    response = client.post(Paths.REGISTER, registration(client, person, captcha_id=captcha_id, captcha=code))
    assert response.status_code == 400
    assert alerts(client.html) == [fr("err_captcha")]
    assert snapshot(client.world) == before


def test_register_captcha_is_case_insensitive():
    client = Client()
    person = client.world.new_identity()
    client.get(Paths.REGISTER)
    sent = registration(client, person)
    sent["captcha"] = f"  {sent['captcha'].lower()} "
    assert client.post(Paths.REGISTER, sent).status_code == 200
    assert len(client.world.accounts) == 1


def test_register_without_privacy_is_refused():
    client = Client()
    person = client.world.new_identity()
    client.get(Paths.REGISTER)
    before = snapshot(client.world)
    response = client.post(Paths.REGISTER, registration(client, person, privacy=None))
    assert response.status_code == 400
    assert alerts(client.html) == [fr("err_privacy")]
    assert field_error(client.html, "privacy") == fr("err_privacy")
    assert "privacy" not in form_values(client.html)
    assert snapshot(client.world) == before


def test_register_existing_email_points_to_lost_password():
    client = Client()
    person = client.world.new_identity()
    client.world.seed_account(person, password=PASSWORD)
    client.get(Paths.REGISTER)
    typed = person.email.upper()
    before = snapshot(client.world)
    response = client.post(Paths.REGISTER, registration(client, person, email=typed, email_confirm=typed))
    assert response.status_code == 400
    assert alerts(client.html) == [fr("err_email_exists")]
    assert f"« {fr('lost_password')} »" in fr("err_email_exists")
    href = links(client.html)[fr("lost_password")]
    assert urlsplit(href).path == Paths.PASSWORD_RESET
    assert parse_qs(urlsplit(href).query) == {"email": [typed]}
    assert snapshot(client.world) == before
    assert len(client.world.accounts) == 1 and client.world.messages == []

    # the link leads to the reset form, address filled in, which sends a new password link
    client.get(href)
    assert heading(client.html) == fr("password_reset_title")
    assert form_values(client.html)["email"] == typed
    client.post(Paths.PASSWORD_RESET, {"email": typed})
    assert statuses(client.html) == [fr("register_done", email=typed)]
    assert [m.to for m in client.world.inbox("email", person.email)] == [person.email]


@pytest.mark.parametrize("email", ["jean.dupont@ec.europa.eu", "jean.dupont@ext.ec.europa.eu",
                                   "Jean.Dupont@EC.EUROPA.EU"])
def test_register_institution_email_is_refused(email):
    client = Client()
    person = client.world.new_identity()
    client.get(Paths.REGISTER)
    before = snapshot(client.world)
    response = client.post(Paths.REGISTER, registration(client, person, email=email, email_confirm=email))
    assert response.status_code == 400
    assert alerts(client.html) == [fr("err_email_institution")]
    assert field_error(client.html, "email") == fr("err_email_institution")
    assert snapshot(client.world) == before


def test_register_twice_in_a_row_creates_a_single_account():
    client = Client()
    person = client.world.new_identity()
    assert register(client, person).status_code == 200
    assert register(client, person).status_code == 400
    assert alerts(client.html) == [fr("err_email_exists")]
    assert len(client.world.accounts) == 1 and len(client.world.messages) == 1


# --------------------------------------------------------------------------- the password, from the e-mail's link
def registered(email_language: str = "en") -> tuple[Client, Identity, str]:
    """A client whose person has just registered; the path of the e-mail's link."""
    client = Client()
    person = client.world.new_identity()
    register(client, person, email_language)
    url = mail_link(client.world, person.email, labels.text("mail_register_link", email_language))
    return client, person, local(url)


def test_password_screen_prints_the_policy():
    client, person, link = registered()
    assert client.get(link).status_code == 200
    assert heading(client.html) == fr("new_password_title")
    policy = parse(client.html).find_all("section", class_="policy")[0]
    assert policy.find_all("h2")[0].text() == fr("policy_title")
    fields = rules.POLICY_FIELDS
    assert policy.find_all("li", data_rule="min-length")[0].text() == fr("policy_length", **fields)
    assert policy.find_all("li", data_rule="min-groups")[0].text().startswith(fr("policy_groups", **fields))
    groups = {li.attrs["data-group"]: li.text() for li in policy.find_all("li") if "data-group" in li.attrs}
    assert groups == {"upper": fr("group_upper"), "lower": fr("group_lower"), "digit": fr("group_digit"),
                      "special": fr("group_special", **fields)}
    user = person.email.split("@")[0]
    assert policy.find_all("li", data_rule="username")[0].text() == fr("policy_username", user=user)
    submit = parse(client.html).find_all("div", class_="bluezone")[0].find_all("button")[0]
    assert submit.text() == fr("submit")  # the guide: « Soumettre dans la zone bleue »


def test_guide_password_is_accepted_and_signs_in():
    client, person, link = registered()
    client.get(link)
    token = form_values(client.html)["token"]
    response = client.post(Paths.INIT_PASSWORD, {"token": token, "new_password": PASSWORD,
                                                 "confirm_password": PASSWORD})
    assert response.status_code == 200
    assert heading(client.html) == fr("password_changed_title")
    assert statuses(client.html) == [fr("password_changed")]
    assert links(client.html)[fr("continue")] == Paths.LOGIN
    world = client.world
    assert world.account(person.email).password == PASSWORD
    assert world.password_links[token].used
    assert [s.email for s in world.sso_sessions.values()] == [person.email]
    client.get(Paths.LOGIN)
    assert heading(client.html) == fr("login_success")


@pytest.mark.parametrize(("password", "confirmation", "name", "key"), [
    pytest.param("23-11Ukra", "23-11Ukra", "new_password", "err_password_short", id="9-chars"),
    pytest.param("abcdefghij12", "abcdefghij12", "new_password", "err_password_groups", id="two-groups"),
    pytest.param("1-{USER}", "1-{USER}", "new_password", "err_password_username", id="user-part-upper"),
    pytest.param("1-{user}X", "1-{user}X", "new_password", "err_password_username", id="user-part"),
    pytest.param(PASSWORD, PASSWORD.lower(), "confirm_password", "err_password_mismatch", id="mismatch"),
    pytest.param(PASSWORD, "", "confirm_password", "err_password_mismatch", id="no-confirmation"),
])
def test_bad_passwords_are_refused(password, confirmation, name, key):
    client, person, link = registered()
    user = person.email.split("@")[0]
    password, confirmation = (p.format(user=user, USER=user.upper()) for p in (password, confirmation))
    client.get(link)
    token = form_values(client.html)["token"]
    before = snapshot(client.world)
    response = client.post(Paths.INIT_PASSWORD, {"token": token, "new_password": password,
                                                 "confirm_password": confirmation})
    assert response.status_code == 400
    expected = fr(key, **rules.POLICY_FIELDS)
    assert alerts(client.html) == [expected]
    assert field_error(client.html, name) == expected
    shown = form_values(client.html)
    assert shown["new_password"] == shown["confirm_password"] == ""  # never echoed back
    assert shown["token"] == token
    assert snapshot(client.world) == before
    assert client.world.account(person.email).password is None


def test_password_link_expires_after_its_lifetime():
    client, person, link = registered()
    client.get(link)
    token = form_values(client.html)["token"]
    client.world.clock.advance(rules.REGISTRATION_LINK_LIFETIME - timedelta(seconds=1))
    assert client.get(link).status_code == 200
    client.world.clock.advance(timedelta(seconds=1))
    assert client.get(link).status_code == 410
    assert alerts(client.html) == [fr("err_link_expired")]
    before = snapshot(client.world)
    response = client.post(Paths.INIT_PASSWORD, {"token": token, "new_password": PASSWORD,
                                                 "confirm_password": PASSWORD})
    assert response.status_code == 410
    assert alerts(client.html) == [fr("err_link_expired")]
    assert snapshot(client.world) == before
    assert client.world.account(person.email).password is None and not client.world.sso_sessions


def test_password_link_works_once():
    client, person, link = registered()
    client.get(link)
    token = form_values(client.html)["token"]
    client.post(Paths.INIT_PASSWORD, {"token": token, "new_password": PASSWORD, "confirm_password": PASSWORD})
    assert client.get(link).status_code == 410
    assert alerts(client.html) == [fr("err_link_used")]
    before = snapshot(client.world)
    response = client.post(Paths.INIT_PASSWORD, {"token": token, "new_password": "Other-Password1",
                                                 "confirm_password": "Other-Password1"})
    assert response.status_code == 410
    assert alerts(client.html) == [fr("err_link_used")]
    assert snapshot(client.world) == before
    assert client.world.account(person.email).password == PASSWORD


def test_unknown_password_link_is_refused():
    client = Client()
    assert client.get(Paths.INIT_PASSWORD + "?token=nope").status_code == 404
    assert alerts(client.html) == [fr("err_link_expired")]


# --------------------------------------------------------------------------- mobile phones
@pytest.mark.parametrize(("number", "key"), [
    pytest.param("+32(0)470123456", "err_phone_format", id="parentheses"),
    pytest.param("+32.470.12.34.56", "err_phone_format", id="dots"),
    pytest.param("+32-470-12-34-56", "err_phone_format", id="dashes"),
    pytest.param("+32 470 12 34 56", "err_phone_format", id="spaces"),
    pytest.param("0470123456", "err_phone_country", id="no-plus"),
    pytest.param("+32abc123456", "err_phone_format", id="letters"),
    pytest.param("+3247012", "err_phone_length", id="too-short"),
    pytest.param("+1234567890123456", "err_phone_length", id="too-long"),
    pytest.param("", "err_required", id="empty"),
])
def test_add_phone_refuses_badly_written_numbers(number, key):
    client, _ = signed_in()
    client.get(Paths.ADD_PHONE)
    before = snapshot(client.world)
    response = client.post(Paths.ADD_PHONE, {"mobile_number": number})
    assert response.status_code == 400
    expected = fr(key, **rules.PHONE_FIELDS)
    assert alerts(client.html) == [expected]
    assert field_error(client.html, "mobile_number") == expected
    assert form_values(client.html)["mobile_number"] == number
    assert snapshot(client.world) == before


@pytest.mark.parametrize("typed", [NUMBER, f" {NUMBER} "])
def test_add_phone_refuses_a_number_already_registered(typed):
    client, person = signed_in(phones=(NUMBER,))
    client.get(Paths.ADD_PHONE)
    before = snapshot(client.world)
    response = client.post(Paths.ADD_PHONE, {"mobile_number": typed})
    assert response.status_code == 400
    assert alerts(client.html) == [fr("err_phone_exists")]
    assert snapshot(client.world) == before


@pytest.mark.parametrize("email_language", ["en", "fr"])
def test_add_phone_sends_a_2x4_code_by_sms(email_language):
    client, person = signed_in(email_language=email_language)
    response = add_phone(client, NUMBER)
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == Paths.VERIFY_PHONE
    sms = client.world.inbox("sms", NUMBER)
    assert len(sms) == 1
    code = sms_code(client.world, NUMBER)
    assert sms[0].body == labels.text("sms_challenge", email_language, code=code)
    assert [len(part) for part in rules.PHONE_CHALLENGE.split(code)] == [4, 4]
    assert client.world.account(person.email).phones == []
    client.get(Paths.VERIFY_PHONE)
    assert heading(client.html) == fr("challenge_title")
    boxes = parse(client.html).find_all("input", name="challenge")
    assert [b.attrs["maxlength"] for b in boxes] == ["4", "4"]
    assert [b.attrs["aria-label"] for b in boxes] == [fr("challenge_part", n=n, total=2) for n in (1, 2)]
    assert fr("challenge_intro", phone=NUMBER) in parse(client.html).text()


@pytest.mark.parametrize("typing", [
    pytest.param(str.lower, id="lower-case"),
    pytest.param(str.upper, id="upper-case"),
    pytest.param(lambda code: code[:2].lower() + code[2:], id="mixed-case"),
])
def test_challenge_accepted_in_any_case(typing):
    client, person = signed_in()
    add_phone(client, NUMBER)
    code = sms_code(client.world, NUMBER)
    response = enter_challenge(client, typing(code))
    assert response.status_code == 200
    assert statuses(client.html) == [fr("phone_added", phone=NUMBER)]
    assert client.world.account(person.email).phones == [NUMBER]
    assert not client.world.challenges
    client.get(Paths.MANAGE_PHONES)
    assert NUMBER in [li.text() for li in parse(client.html).find_all("li")]


def test_challenge_typed_whole_in_the_first_box_with_its_hyphen_is_accepted():
    client, person = signed_in()
    add_phone(client, NUMBER)
    client.get(Paths.VERIFY_PHONE)
    code = sms_code(client.world, NUMBER).lower()
    assert client.post(Paths.VERIFY_PHONE, {"challenge": [code, ""]}).status_code == 200
    assert client.world.account(person.email).phones == [NUMBER]


def test_wrong_challenge_is_refused():
    client, person = signed_in()
    add_phone(client, NUMBER)
    code = sms_code(client.world, NUMBER)
    before = snapshot(client.world)
    response = enter_challenge(client, wrong(code))
    assert response.status_code == 400
    assert alerts(client.html) == [fr("err_challenge_wrong")]
    assert client.world.account(person.email).phones == []
    assert snapshot(client.world) != before  # only the try is counted
    assert client.world.inbox("email", person.email) == []
    assert enter_challenge(client, code).status_code == 200  # fewer tries than the maximum: still valid


@pytest.mark.parametrize("typed", ["ABC", "ABCD-EFG", "ABCD-EFGH2", ""])
def test_challenge_of_the_wrong_length_is_refused(typed):
    client, person = signed_in()
    add_phone(client, NUMBER)
    before = snapshot(client.world)
    response = enter_challenge(client, typed)
    assert response.status_code == 400
    assert alerts(client.html) == [fr("err_challenge_length", length=rules.PHONE_CHALLENGE.length)]
    assert snapshot(client.world) == before


def test_expired_challenge_sends_a_new_code():
    client, person = signed_in()
    add_phone(client, NUMBER)
    old = sms_code(client.world, NUMBER)
    client.world.clock.advance(rules.CHALLENGE_LIFETIME)
    response = enter_challenge(client, old)
    assert response.status_code == 400
    assert alerts(client.html) == [fr("err_challenge_expired")]
    assert len(client.world.inbox("sms", NUMBER)) == 2
    new = sms_code(client.world, NUMBER)
    assert new != old
    assert client.world.account(person.email).phones == []
    assert enter_challenge(client, new).status_code == 200
    assert client.world.account(person.email).phones == [NUMBER]


def test_too_many_wrong_challenges_lock_then_the_lock_is_lifted():
    client, person = signed_in()
    add_phone(client, NUMBER)
    code = sms_code(client.world, NUMBER)
    for _ in range(rules.CHALLENGE_MAX_ATTEMPTS - 1):
        assert enter_challenge(client, wrong(code)).status_code == 400
        assert alerts(client.html) == [fr("err_challenge_wrong")]
    lock_minutes = int(rules.CHALLENGE_LOCK.total_seconds() // 60)
    assert enter_challenge(client, wrong(code)).status_code == 429
    assert alerts(client.html) == [fr("err_challenge_locked", minutes=lock_minutes)]

    assert enter_challenge(client, code).status_code == 429  # even the right code, while locked
    assert alerts(client.html) == [fr("err_challenge_locked", minutes=lock_minutes)]
    assert client.world.account(person.email).phones == []

    client.world.clock.advance(timedelta(minutes=5))
    before = snapshot(client.world)
    assert add_phone(client, NUMBER).status_code == 429  # no new code either
    assert alerts(client.html) == [fr("err_challenge_locked", minutes=lock_minutes - 5)]
    assert snapshot(client.world) == before

    client.world.clock.advance(rules.CHALLENGE_LOCK - timedelta(minutes=5))
    assert add_phone(client, NUMBER).status_code == 302
    assert len(client.world.inbox("sms", NUMBER)) == 2
    assert enter_challenge(client, sms_code(client.world, NUMBER)).status_code == 200
    assert client.world.account(person.email).phones == [NUMBER]


def test_an_old_code_is_refused_once_a_new_one_was_sent():
    client, person = signed_in()
    add_phone(client, NUMBER)
    old = sms_code(client.world, NUMBER)
    new = old
    while new == old:  # a new code, as random as the first (equal: 1 chance in 32**8)
        add_phone(client, NUMBER)
        new = sms_code(client.world, NUMBER)
    assert len(client.world.inbox("sms", NUMBER)) >= 2
    assert enter_challenge(client, old).status_code == 400
    assert alerts(client.html) == [fr("err_challenge_wrong")]
    assert client.world.account(person.email).phones == []
    assert enter_challenge(client, new).status_code == 200
    assert client.world.account(person.email).phones == [NUMBER]


@pytest.mark.parametrize("email_language", ["en", "fr"])
def test_confirmation_email_after_adding_a_phone(email_language):
    client, person = signed_in(email_language=email_language)
    add_phone(client, NUMBER)
    enter_challenge(client, sms_code(client.world, NUMBER))
    mails = client.world.inbox("email", person.email)
    assert len(mails) == 1
    content = mail.decode(mails[0].raw)
    assert content.subject == labels.text("mail_phone_subject", email_language)
    assert labels.text("mail_phone_body", email_language, phone=NUMBER) in content.text
    assert content.language == email_language


def test_second_phone_can_be_added():
    client, person = signed_in()
    for number in (NUMBER, "+33612345678"):
        add_phone(client, number)
        assert enter_challenge(client, sms_code(client.world, number)).status_code == 200
    assert client.world.account(person.email).phones == [NUMBER, "+33612345678"]


@pytest.mark.parametrize("path", [Paths.MY_ACCOUNT, Paths.MANAGE_PHONES, Paths.ADD_PHONE, Paths.VERIFY_PHONE])
def test_account_screens_need_a_signed_in_person(path):
    client = Client()
    response = client.get(path)
    assert response.status_code == 302
    assert urlsplit(response.headers["Location"]).path == Paths.LOGIN


# --------------------------------------------------------------------------- logout
def test_logout_ends_the_sso_session():
    client, person = signed_in()
    cookie = client.http.get_cookie("EULOGIN_SESSION", domain="webgate.ec.europa.eu", path="/cas")
    assert client.get(Paths.MY_ACCOUNT).status_code == 200
    response = client.get(Paths.LOGOUT)
    assert response.status_code == 200
    assert heading(client.html) == fr("logged_out")
    assert client.world.sso_sessions == {}
    assert fr("my_account") not in [a.text() for a in parse(client.html).find_all("a")]
    assert client.get(Paths.MY_ACCOUNT).status_code == 302
    client.get(Paths.LOGIN)
    assert heading(client.html) == fr("whoami_title")
    # replaying the session cookie of before the logout does not sign in again
    client.http.set_cookie("EULOGIN_SESSION", cookie.value, domain="webgate.ec.europa.eu", path="/cas")
    assert client.get(Paths.MY_ACCOUNT).status_code == 302


# --------------------------------------------------------------------------- CSRF
def form_whoami():
    client = Client()
    client.get(Paths.LOGIN)
    return client, Paths.LOGIN, {"step": "whoami", "username": "jean.dupont@example.org"}


def form_password():
    client = Client()
    person = client.world.new_identity()
    client.world.seed_account(person, password=PASSWORD)
    client.get(Paths.LOGIN)
    client.post(Paths.LOGIN, {"step": "whoami", "username": person.email})
    return client, Paths.LOGIN, {"step": "password", "password": PASSWORD}


def form_register():
    client = Client()
    client.get(Paths.REGISTER)
    return client, Paths.REGISTER, registration(client, client.world.new_identity())


def form_init_password():
    client, _, link = registered()
    client.get(link)
    token = form_values(client.html)["token"]
    return client, Paths.INIT_PASSWORD, {"token": token, "new_password": PASSWORD, "confirm_password": PASSWORD}


def form_password_reset():
    client = Client()
    person = client.world.new_identity()
    client.world.seed_account(person, password=PASSWORD)
    client.get(Paths.PASSWORD_RESET)
    return client, Paths.PASSWORD_RESET, {"email": person.email}


def form_add_phone():
    client, _ = signed_in()
    client.get(Paths.ADD_PHONE)
    return client, Paths.ADD_PHONE, {"mobile_number": NUMBER}


def form_verify_phone():
    client, _ = signed_in()
    add_phone(client, NUMBER)
    client.get(Paths.VERIFY_PHONE)
    return client, Paths.VERIFY_PHONE, {"challenge": rules.PHONE_CHALLENGE.split(sms_code(client.world, NUMBER))}


FORMS = [form_whoami, form_password, form_register, form_init_password, form_password_reset, form_add_phone,
         form_verify_phone]


def other_sessions_token(client: Client) -> str:
    other = client.app.test_client()
    page = other.get(Paths.LOGIN, base_url=EU_URL).get_data(as_text=True)
    token = form_values(page)["csrf_token"]
    assert token != client.csrf
    return token


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.__name__.removeprefix("form_"))
@pytest.mark.parametrize("token", ["missing", "empty", "forged", "other-session"])
def test_csrf_token_missing_or_forged_is_refused_and_nothing_changes(form, token):
    client, path, data = form()
    sent = {"missing": None, "empty": "", "forged": "forged-" + "x" * 32,
            "other-session": other_sessions_token(client) if token == "other-session" else None}[token]
    before = snapshot(client.world)
    response = client.post(path, data, csrf=sent)
    assert response.status_code == 400
    assert fr("err_csrf") in alerts(client.html)
    assert snapshot(client.world) == before


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.__name__.removeprefix("form_"))
def test_the_same_forms_with_their_csrf_token_are_accepted(form):
    client, path, data = form()
    response = client.post(path, data)
    assert response.status_code in (200, 302)
    assert alerts(client.html) == []


# --------------------------------------------------------------------------- language
def test_english_browser_gets_english_labels():
    client = Client(lang="en")
    client.get(Paths.LOGIN)
    assert parse(client.html).find_all("html")[0].attrs["lang"] == "en"
    assert heading(client.html) == labels.text("whoami_title", "en")
    assert [b.text() for b in parse(client.html).find_all("button")] == [labels.text("next", "en")]


@pytest.mark.parametrize(("accept", "expected"), [
    ("fr", "fr"), ("fr-FR", "fr"), ("fr-BE,fr;q=0.9,en;q=0.8", "fr"), ("en", "en"), ("en-GB,en;q=0.9", "en"),
    ("de-DE,de;q=0.9", labels.DEFAULT_LANGUAGE), ("de,fr;q=0.5", "fr"), (None, labels.DEFAULT_LANGUAGE),
])
def test_language_follows_accept_language(accept, expected):
    client = Client(lang=accept)
    client.get(Paths.LOGIN)
    assert parse(client.html).find_all("html")[0].attrs["lang"] == expected
    assert heading(client.html) == labels.text("whoami_title", expected)


def test_lang_parameter_switches_and_sticks_through_a_cookie():
    client = Client(lang="en")
    client.get(Paths.LOGIN + "?lang=fr")
    assert heading(client.html) == fr("whoami_title")
    cookie = next(c for c in client.cookie_headers() if c.startswith("lang="))
    assert cookie.startswith("lang=fr;")
    client.get(Paths.LOGIN)
    assert heading(client.html) == fr("whoami_title")
    client.get(Paths.REGISTER)
    assert heading(client.html) == fr("register_title")
    client.post(Paths.REGISTER, {"first_name": ""})
    assert fr("err_required") in alerts(client.html)
    client.get(Paths.REGISTER + "?lang=en")
    assert heading(client.html) == labels.text("register_title", "en")
    client.get(Paths.LOGIN)
    assert heading(client.html) == labels.text("whoami_title", "en")
    client.get(Paths.LOGIN + "?lang=xx")  # unknown: ignored
    assert heading(client.html) == labels.text("whoami_title", "en")


# --------------------------------------------------------------------------- cookies and hosts
def cookie_attributes(header: str) -> tuple[str, set[str]]:
    name = header.split("=", 1)[0]
    return name, {part.strip().lower() for part in header.split(";")[1:]}


def test_session_cookie_flags():
    client = Client()
    client.get(Paths.LOGIN)
    sessions = [cookie_attributes(h) for h in client.cookie_headers() if h.startswith("EULOGIN_SESSION=")]
    assert len(sessions) == 1
    _, attributes = sessions[0]
    assert {"httponly", "secure", "samesite=lax", "path=/cas"} <= attributes
    assert not any(a.startswith("domain=") for a in attributes)  # host-only


def test_language_cookie_flags():
    client = Client()
    client.get(Paths.LOGIN + "?lang=en")
    _, attributes = next(cookie_attributes(h) for h in client.cookie_headers() if h.startswith("lang="))
    assert {"httponly", "secure", "samesite=lax", "path=/"} <= attributes


@pytest.mark.parametrize("host", ["evil.example", "webgate.ec.europa.eu.evil.example", "localhost", "127.0.0.1"])
@pytest.mark.parametrize("path", [Paths.LOGIN, Paths.REGISTER, Paths.PASSWORD_RESET, "/_devices/mailbox/"])
def test_unknown_host_gets_400(host, path):
    client = Client(base_url=f"https://{host}")
    before = snapshot(client.world)
    assert client.get(path).status_code == 400
    assert fr("err_unknown_host") in client.html and labels.text("err_unknown_host", "en") in client.html
    assert snapshot(client.world) == before and client.world.captchas == {}


def test_unknown_host_with_a_lang_parameter_gets_400():
    """The language switch must not turn the refusal of an unknown host into a server error."""
    client = Client(base_url="https://evil.example")
    assert client.get(Paths.LOGIN + "?lang=fr").status_code == 400


def test_unknown_host_header_gets_400_on_post():
    client = Client()
    client.get(Paths.LOGIN)
    response = client.post(Paths.LOGIN, {"step": "whoami", "username": "jean@example.org"},
                           headers={"Host": "evil.example"})
    assert response.status_code == 400
