"""Property-based: arbitrary text in every field of every form of both sites never breaks the mocks.

Each example starts from a fresh world, walks to the form through Flask's test client as a browser would
(so the form's CSRF token is valid), replaces some of the form's fields with arbitrary text (control
characters, huge strings, HTML, SQL-ish, right-to-left, emoji; no lone surrogates, which no browser can
send), submits it, and checks:

- the input reached the validators: never a server error, never « the form has expired » for a valid
  token; either the form (or its next screen) without any error, or an error shown on the screen;
- a refusal changes nothing (a wrong code may count a try, or send a new code);
- the world stays consistent: no account without valid names, e-mail and its password-link e-mail, no
  challenge without its SMS, no phone number that is not ``+`` and digits, no registration without a
  valid pensioner and account, no session or ticket of an unknown person.

The number of examples comes from the Hypothesis profile (registered in the top-level ``conftest.py``): ``ci``,
25 per form, is the default and what ``make test`` and CI run; ``--hypothesis-profile=fast`` (5) is opt-in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mock_sites import labels, rules
from mock_sites.rcam import seeded_session
from mock_sites.rcam import service as pmo
from mock_sites.rules import Paths
from mock_sites.world import World
from tests.helpers import EU_URL, PASSWORD, Client, alerts, captcha_answer, local, mail_link, register, sms_code

# --------------------------------------------------------------------------- arbitrary text
NASTY = [
    "", " ", "\t", "\r\n", "\x00", "\x1b[31m", "\u200b", "\ufeff", "\u202eevil\u202c", "مرحبا بالعالم", "שָׁלוֹם",
    "😀👩‍👩‍👧‍👦🇧🇪", "Ω≈ç√∫", "ﬁ", "e\u0301", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>",
    "{{ 7*7 }}", "{% raw %}", "${7*7}", "%s%s%n", "'; DROP TABLE accounts; --", "1' OR '1'='1", "NULL", "None",
    "../../etc/passwd", "%2e%2e%2f", "+32470123456", "+32 470 12 34 56", rules.GUIDE_EXAMPLE_PASSWORD, "ABCD-EFGH",
    "ABC-DEF-GHI", "jean.dupont@example.org", "jean@ec.europa.eu", "31/02/1950", "01/01/2090", "123456",
    "D'Hondt", "Σοφία", "x" * 5000,
]
HUGE = st.builds(lambda piece, n: piece * n, st.sampled_from(["a", "é", "😀", "<b>", "\x00", "9"]),
                 st.integers(min_value=500, max_value=3_000))  # every body stays under rules.MAX_BODY_BYTES
TEXT = st.one_of(
    st.text(st.characters(exclude_categories=("Cs",)), max_size=60),  # any code point a browser can send
    st.sampled_from(NASTY),
    HUGE,
)
BOXES = st.lists(TEXT, min_size=0, max_size=5)  # the code boxes: any number of them, any content


# --------------------------------------------------------------------------- the forms
@dataclass
class Form:
    """A form reached by ``open`` (which returns its path and valid values), and which of its fields vary."""

    name: str
    open: Callable[[Client], tuple[str, dict]]
    fields: tuple[str, ...]
    lists: tuple[str, ...] = ()  # fields sent as several values (the code boxes)
    may_change_on_refusal: tuple[str, ...] = ()  # what a refusal may record (a wrong try, a new code)


def account_of(client: Client, *, phones: tuple[str, ...] = (), password: str | None = PASSWORD):
    identity = client.world.new_identity()
    account = client.world.seed_account(identity, password=password, phones=phones or (identity.mobile,))
    return identity, account


def open_whoami(client):
    client.get(Paths.LOGIN)
    identity, _ = account_of(client)
    return Paths.LOGIN, {"step": "whoami", "username": identity.email}


def open_password(client):
    identity, _ = account_of(client)
    client.get(Paths.LOGIN)
    client.post(Paths.LOGIN, {"step": "whoami", "username": identity.email})
    return Paths.LOGIN, {"step": "password", "password": PASSWORD}


def service_login_path() -> str:
    from urllib.parse import urlencode

    return f"{Paths.LOGIN}?" + urlencode({"service": EU_URL + Paths.RCAM_CALLBACK,
                                         "acceptStrengths": rules.STRENGTH_SMS})


def open_service_password(client):
    identity, account = account_of(client)
    client.get(service_login_path())
    client.post(service_login_path(), {"step": "whoami", "username": identity.email})
    return service_login_path(), {"step": "password", "password": PASSWORD, "loginStrength": rules.STRENGTH_SMS,
                                  "mobile": account.phones[0]}


def open_sign_in_challenge(client):
    path, values = open_service_password(client)
    client.post(path, values)
    assert client.response.status_code == 200, alerts(client.html)
    code = sms_code_of(client.world, values["mobile"], rules.SIGN_IN_CHALLENGE)
    return path, {"step": "challenge", "challenge": rules.SIGN_IN_CHALLENGE.split(code)}


def sms_code_of(world: World, number: str, fmt: rules.CodeFormat) -> str:
    pattern = "-".join([f"[{rules.CODE_ALPHABET}]{{{fmt.size}}}"] * fmt.groups)
    return re.search(pattern, world.inbox("sms", number)[0].body).group(0)


def open_register(client):
    client.get(Paths.REGISTER)
    identity = client.world.new_identity()
    captcha_id, code = captcha_answer(client)
    return Paths.REGISTER, {"first_name": identity.first_name, "last_name": identity.last_name,
                            "email": identity.email, "email_confirm": identity.email, "email_language": "fr",
                            "captcha_id": captcha_id, "captcha": code, "privacy": "on"}


def open_init_password(client):
    identity = client.world.new_identity()
    register(client, identity)
    client.get(local(mail_link(client.world, identity.email, "this link")))
    token = re.search(r'name="token" value="([^"]+)"', client.html).group(1)
    return Paths.INIT_PASSWORD, {"token": token, "new_password": PASSWORD, "confirm_password": PASSWORD}


def open_password_reset(client):
    identity, _ = account_of(client)
    client.get(Paths.PASSWORD_RESET)
    return Paths.PASSWORD_RESET, {"email": identity.email}


def signed_in_to_eulogin(client):
    identity, account = account_of(client)
    client.get(Paths.LOGIN)
    client.post(Paths.LOGIN, {"step": "whoami", "username": identity.email})
    client.post(Paths.LOGIN, {"step": "password", "password": PASSWORD})
    assert client.world.sso_sessions
    return identity, account


def open_add_phone(client):
    identity, _ = signed_in_to_eulogin(client)
    client.get(Paths.ADD_PHONE)
    return Paths.ADD_PHONE, {"mobile_number": identity.second_mobile}


def open_verify_phone(client):
    identity, _ = signed_in_to_eulogin(client)
    client.get(Paths.ADD_PHONE)
    client.post(Paths.ADD_PHONE, {"mobile_number": identity.second_mobile})
    client.get(Paths.VERIFY_PHONE)
    return Paths.VERIFY_PHONE, {"challenge": rules.PHONE_CHALLENGE.split(sms_code(client.world,
                                                                                  identity.second_mobile))}


def signed_in_to_rcam(client, path: str, *, registered: bool):
    identity, account = account_of(client)
    if registered:
        pmo.seed_registration(client.world, identity)
    else:
        client.world.seed_pensioner(identity)
    with client.http.session_transaction(EU_URL + Paths.RCAM_HOME) as session:
        session.update(seeded_session(client.world, account))
    client.get(path)
    assert client.response.status_code == 200
    return identity, account


def open_first_access(client):
    identity, _ = signed_in_to_rcam(client, Paths.RCAM_FIRST_ACCESS, registered=False)
    return Paths.RCAM_FIRST_ACCESS, {
        "pension_number": identity.pension_number, "pension_number_confirm": identity.pension_number,
        "birth_date": identity.birth_date.strftime(rules.BIRTH_DATE_FORMAT), "last_name": identity.last_name,
        "first_name": identity.first_name}


def open_final_code(client):
    _, account = signed_in_to_rcam(client, Paths.RCAM_FINAL_CODE, registered=True)
    return Paths.RCAM_FINAL_CODE, {"final_code": rules.FINAL_CODE.split(client.world.final_code(account.uid))}


CODES = ("failed_attempts", "locks", "challenges", "messages")  # a wrong try is counted; an expired code renewed
PASSWORD_TRY = ("failed_attempts",)  # a wrong password is counted (mock_sites.eulogin.throttle)
FORMS = [
    Form("whoami", open_whoami, ("username", "step")),
    Form("password", open_password, ("password", "step"), may_change_on_refusal=PASSWORD_TRY),
    Form("service-password", open_service_password, ("password", "loginStrength", "mobile", "step"),
         may_change_on_refusal=PASSWORD_TRY),
    Form("sign-in-challenge", open_sign_in_challenge, ("challenge", "step"), ("challenge",), CODES),
    Form("register", open_register, ("first_name", "last_name", "email", "email_confirm", "email_language",
                                     "captcha_id", "captcha", "privacy")),
    Form("init-password", open_init_password, ("token", "new_password", "confirm_password")),
    Form("password-reset", open_password_reset, ("email",)),
    Form("add-phone", open_add_phone, ("mobile_number",)),
    Form("verify-phone", open_verify_phone, ("challenge",), ("challenge",), CODES),
    Form("first-access", open_first_access, ("pension_number", "pension_number_confirm", "birth_date",
                                             "last_name", "first_name")),
    Form("final-code", open_final_code, ("final_code",), ("final_code",)),
]
CSRF_TEXTS = {labels.text("err_csrf", lang) for lang in labels.LANGUAGES}


def catalogue_pattern(template: str) -> str:
    return re.sub(r"\\\{[a-z_]+\\\}", ".+", re.escape(template))


ERRORS = re.compile("|".join(f"(?:{catalogue_pattern(entry[lang])})" for key, entry in labels.TEXTS.items()
                             if key.startswith("err_") for lang in labels.LANGUAGES), re.S)


def from_the_catalogue(message: str) -> bool:
    return ERRORS.fullmatch(message) is not None


# --------------------------------------------------------------------------- the world's consistency
def assert_consistent(world: World) -> None:
    emails = set(world.accounts)
    uids = {a.uid for a in world.accounts.values()}
    for key, account in world.accounts.items():
        assert key == rules.normalise_email(account.email)
        assert rules.email_problem(account.email) is None, account.email
        assert rules.name_problem(account.first_name) is None and rules.name_problem(account.last_name) is None
        assert all(rules.phone_problem(p) is None for p in account.phones), account.phones
        assert len(set(account.phones)) == len(account.phones)
        if account.password is None:  # just created: its password link, and the e-mail carrying it
            assert any(link.email == account.email for link in world.password_links.values()), account.email
            assert any(m.channel == "email" and m.to == account.email for m in world.messages), account.email
        else:
            assert rules.password_problem(account.password, account.email) is None
    for link in world.password_links.values():
        assert rules.normalise_email(link.email) in emails
    for challenge in world.challenges.values():
        assert rules.normalise_email(challenge.email) in emails and rules.phone_problem(challenge.phone) is None
        assert any(m.channel == "sms" and m.to == challenge.phone and challenge.code in m.body
                   for m in world.messages), f"a challenge without its SMS: {challenge}"
    for (purpose, _), count in world.failed_attempts.items():
        assert 0 < count < (rules.PASSWORD_MAX_WRONG if purpose == "password" else rules.CHALLENGE_MAX_ATTEMPTS)
    for sso in world.sso_sessions.values():
        assert rules.normalise_email(sso.email) in emails
    for ticket in world.tickets.values():
        assert rules.normalise_email(ticket.email) in emails
    for uid, registration in world.registrations.items():
        assert uid == registration.uid and uid in uids
        pensioner = world.pensioners.get(registration.pension_number)
        assert pensioner is not None and pensioner.registered, f"a registration without its pensioner: {registration}"
        if registration.code is not None:
            assert world.message(registration.code.message_id) is not None
    for pensioner in world.pensioners.values():
        assert rules.pension_number_problem(pensioner.pension_number) is None
        if pensioner.linked_uid in uids:
            registration = world.registrations.get(pensioner.linked_uid)
            assert registration is None or registration.activated_at is not None or registration.code is None


# --------------------------------------------------------------------------- the property
def near(value: str) -> list[str]:
    """What a person may make of a right value: other letter case, spaces around, an invisible character."""
    return [value, value.upper(), value.lower(), f" {value} ", value + "\u200b", value + "\x00", value[:-1],
            value.replace("-", "")]


def changes_for(form: Form, valid: dict):
    """One field of the form at least, any others too, each replaced with arbitrary text or a near miss of
    its right value (so that the forms are accepted often enough for their success paths to be checked)."""
    def value_of(name: str):
        right = valid.get(name)
        if name in form.lists:
            boxes = [[part.lower() for part in right], ["".join(right)], right[:-1]] if right else []
            return st.one_of(BOXES, st.sampled_from(boxes)) if boxes else BOXES
        return st.one_of(TEXT, st.sampled_from(near(right))) if right else TEXT

    return st.sampled_from(form.fields).flatmap(lambda first: st.fixed_dictionaries(
        {first: value_of(first)}, optional={name: value_of(name) for name in form.fields if name != first}))


@pytest.mark.parametrize("form", FORMS, ids=[f.name for f in FORMS])
def test_arbitrary_text_in_every_field_reaches_the_validators_and_breaks_nothing(form: Form):
    @given(data=st.data(), lang=st.sampled_from(labels.LANGUAGES))
    def check(data, lang):
        client = Client(World(), lang=lang)
        path, valid = form.open(client)
        token = client.csrf
        assert token, f"no CSRF token on the {form.name} form"
        assert_consistent(client.world)
        changes = data.draw(changes_for(form, valid), label="changes")
        before = client.world.snapshot(excluding=form.may_change_on_refusal)
        response = client.post(path, {**valid, **changes}, csrf=token)
        status, shown = response.status_code, alerts(client.html) if response.mimetype == "text/html" else []
        assert status < 500, f"server error {status} on {form.name}"
        assert not CSRF_TEXTS & set(shown), f"a valid token refused on {form.name}: {shown}"
        if status >= 400:  # refused: said on the screen, in words of the catalogue, and nothing changed
            assert status in (400, 404, 409, 410, 429), status
            assert shown and all(from_the_catalogue(m) for m in shown), shown
            assert client.world.snapshot(excluding=form.may_change_on_refusal) == before
        else:  # accepted: the next screen (or a redirect to it), no error on it
            assert status in (200, 302) and shown == [], (status, shown)
        assert_consistent(client.world)

    check()


def test_a_megabyte_in_a_field_is_refused_whole_with_the_sites_page():
    client = Client(World())
    path, valid = open_register(client)
    before = client.world.snapshot()
    response = client.post(path, {**valid, "last_name": "é" * 200_000})  # 1.2 MB once encoded
    assert response.status_code == 413
    assert alerts(client.html) == [labels.text("err_body_too_large", "fr", kilobytes=rules.MAX_BODY_BYTES // 1024)]
    assert client.world.snapshot() == before


def test_a_long_name_under_the_body_limit_is_refused_without_being_shown_back():
    client = Client(World())
    path, valid = open_register(client)
    before = client.world.snapshot()
    response = client.post(path, {**valid, "last_name": "é" * 20_000})
    assert response.status_code == 400 and alerts(client.html) == [labels.text("err_too_long", "fr", length=20_000)]
    assert "é" * 1_000 not in client.html
    assert client.world.snapshot() == before
