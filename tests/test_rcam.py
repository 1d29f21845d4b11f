"""RCAM / JSIS Online: the landing page, EU Login's SMS sign-in for it, first access, the final code by e-mail
or SMS after the delay (never for a pension number linked to another account), stage 3 and RCAM en ligne."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from mock_sites import create_app, mail, rules
from mock_sites.labels import fr, text
from mock_sites.rcam import service as pmo
from mock_sites.world import World
from tests.site_client import (
    PASSWORD,
    PUBLIC,
    Page,
    Visitor,
    challenge_step,
    french_visitor,
    identify,
    latest_sms_code,
    password_step,
    sign_in_for_service,
)

P = rules.Paths


@pytest.fixture
def app():
    return create_app(World())


@pytest.fixture
def world(app) -> World:
    return app.extensions["world"]


@pytest.fixture
def visitor(app) -> Visitor:
    return french_visitor(app)


@pytest.fixture
def identity(world):
    return world.new_identity()


@pytest.fixture
def account(world, identity):
    return world.seed_account(identity, password=PASSWORD, phones=(identity.mobile, identity.second_mobile),
                              language="fr")


def connect(visitor: Visitor, account, *, phone: str | None = None):
    """Instructions 2.13–2.16 (or 3.1–3.3): « Connecter », EU Login with SMS, back on RCAM."""
    visitor.get(PUBLIC + P.RCAM_HOME)
    connect_href = Page(visitor.text).controls(fr("rcam_connect"))[0].attrs["href"]
    visitor.get(connect_href, follow=False)
    ticket_redirect = sign_in_for_service(visitor, account, visitor.response.location, phone=phone)
    return visitor.open(ticket_redirect.location)


def first_access_values(identity, **changes) -> dict:
    values = {"pension_number": identity.pension_number, "pension_number_confirm": identity.pension_number,
              "birth_date": identity.birth_date.strftime("%d/%m/%Y"), "last_name": identity.last_name,
              "first_name": identity.first_name}
    return {**values, **changes}


def logout(visitor: Visitor):
    visitor.get(Page(visitor.text).controls(fr("logout"))[0].attrs["href"])
    assert visitor.url == PUBLIC + P.RCAM_HOME


def enter_final_code(visitor: Visitor, code: str):
    return visitor.open(visitor.action(), method="POST",
                        data={"csrf_token": visitor.csrf(), "final_code": rules.FINAL_CODE.split(code)})


def alerts(visitor: Visitor) -> list[str]:
    return visitor.alerts()


def final_code_messages(world: World, identity) -> list:
    return [m for m in world.inbox("email", identity.email) + world.inbox("sms", identity.mobile)
            + world.inbox("sms", identity.second_mobile)
            if "code final" in m.body or "final code" in m.body]


# --- the landing page
def test_landing_has_one_connecter_inside_the_grey_section(visitor):
    visitor.get(PUBLIC + "/RCAM")
    assert visitor.url == PUBLIC + P.RCAM_HOME
    page = Page(visitor.text)
    assert [e.text.strip() for e in page.elements if e.tag == "h1"] == [fr("rcam_welcome_title")]
    named = [e for e in page.elements if e.tag in ("a", "button") and "connecter" in e.text.lower()]
    assert len(named) == 1 and named[0].text.strip() == "Connecter"
    sections = [a for a in named[0].ancestors if a.tag == "section"]
    assert len(sections) == 1 and "internet" in sections[0].attrs["class"]
    assert page.accessible_name(sections[0]) == fr("rcam_internet_title")
    assert page.controls(fr("rcam_internal_link")), "the internal-network route has its own control"
    internal = next(e for e in page.elements if e.tag == "section" and "internal" in e.attrs.get("class", ""))
    assert page.elements.index(internal) < page.elements.index(sections[0]), "the internal route comes first"


def test_landing_in_a_browser_connecter_is_below_the_fold_in_the_grey_rectangle(page):
    """Instruction 2.13 « Descendre + Clic sur « Connecter » dans le rectangle gris » in a 1280 x 800 window."""
    page.goto(PUBLIC + P.RCAM_HOME)
    viewport = page.viewport_size["height"]
    assert page.evaluate("document.documentElement.scrollHeight") > viewport
    region = page.get_by_role("region", name=fr("rcam_internet_title"), exact=True)
    connect = page.get_by_role("link", name="Connecter", exact=True)
    expect(connect).to_have_count(1)
    expect(region.get_by_role("link", name="Connecter", exact=True)).to_have_count(1)
    expect(page.get_by_role("button", name=re.compile("connecter", re.I))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile("connecter", re.I))).to_have_count(1)
    assert connect.bounding_box()["y"] > viewport, "« Connecter » must need a scroll (« Descendre »)"
    red, green, blue = (int(c) for c in re.findall(r"\d+", region.evaluate(
        "e => getComputedStyle(e).backgroundColor"))[:3])
    assert red == green == blue and 150 < red < 240, "the internet route is not in a grey rectangle"
    connect.scroll_into_view_if_needed()
    connect.click()
    expect(page.get_by_label(fr("whoami_email"), exact=True)).to_be_visible()
    assert page.url.startswith(PUBLIC + P.LOGIN + "?service=")


def test_landing_and_internal_route_in_english(visitor):
    visitor.get(PUBLIC + P.RCAM_HOME + "?lang=en")
    page = Page(visitor.text)
    assert page.controls("Connect") and text("rcam_welcome_title", "en") in visitor.text
    visitor.get(page.controls(text("rcam_internal_link", "en"))[0].attrs["href"])
    assert text("rcam_internal_only", "en") in html.unescape(visitor.text)


def test_connecter_goes_to_eulogin_for_the_rcam_service_with_sms(visitor):
    response = visitor.get(PUBLIC + P.RCAM_LOGIN, follow=False)
    assert response.location == (f"{PUBLIC}{P.LOGIN}?service=https%3A%2F%2Fwebgate.ec.europa.eu%2FRCAM%2Flogin%2Fcas"
                                 "&acceptStrengths=PASSWORD_SMS")


def test_inner_pages_need_a_sign_in(visitor):
    for path in (P.RCAM_FIRST_ACCESS, P.RCAM_REGISTERED, P.RCAM_FINAL_CODE, P.RCAM_ACTIVATED, P.RCAM_ONLINE):
        response = visitor.get(PUBLIC + path, follow=False)
        assert response.status_code == 302 and response.location.endswith(P.RCAM_HOME)
    response = visitor.get(PUBLIC + P.RCAM_CALLBACK + "?ticket=ST-1-forged", follow=True)
    assert response.status_code == 403 and fr("rcam_login_failed") in alerts(visitor)


# --- EU Login's SMS sign-in for RCAM (2.14–2.16)
def to_password_screen(visitor: Visitor, account):
    visitor.get(PUBLIC + P.RCAM_LOGIN)
    identify(visitor, visitor.url, account.email)
    page = Page(visitor.text)
    assert page.label_for("loginStrength") == fr("auth_method")
    options = re.findall(r"<option[^>]*>([^<]+)</option>", visitor.text)
    assert fr("method_sms") == "Téléphone portable + SMS" and "Téléphone portable + SMS" in options
    assert page.label_for("mobile") == fr("mobile_phone") and page.label_for("password") == fr("password")
    assert page.controls(fr("sign_in"))


def test_sms_sign_in_challenge_has_three_boxes_and_is_case_insensitive(visitor, world, account):
    to_password_screen(visitor, account)
    response = password_step(visitor, mobile=account.phones[1])
    assert response.status_code == 200
    page = Page(visitor.text)
    boxes = [e.attrs["aria-label"] for e in page.elements if e.attrs.get("name") == "challenge"]
    assert boxes == [fr("challenge_part", n=n, total=3) for n in (1, 2, 3)] and page.controls(fr("sign_in"))
    sms = world.inbox("sms", account.phones[1])[0].body
    assert re.fullmatch(r"EU Login : votre code challenge est [A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}", sms)
    response = challenge_step(visitor, latest_sms_code(world, account.phones[1]).lower())
    assert response.status_code == 302 and "ticket=ST-" in response.location
    assert [(s.strength, s.phone) for s in world.sso_sessions.values()] == [("PASSWORD_SMS", account.phones[1])]


@pytest.mark.parametrize("mobile, key", [
    ("0470123456", "err_phone_country"),
    ("+32 470 12 34 56", "err_phone_format"),
    ("+32(470)123456", "err_phone_format"),
    ("+3247", "err_phone_length"),
    ("", "err_required"),
    ("+32470000000", "err_phone_unregistered"),
])
def test_sms_sign_in_refuses_a_wrong_or_malformed_number(visitor, world, account, mobile, key):
    to_password_screen(visitor, account)
    response = password_step(visitor, mobile=mobile)
    assert response.status_code == 400
    assert fr(key, **rules.PHONE_FIELDS) in alerts(visitor)
    page = Page(visitor.text)
    assert page.value_of("mobile") == mobile and page.value_of("password") == ""  # kept, password aside
    assert 'value="PASSWORD_SMS" selected' in visitor.text
    assert not world.messages and not world.sso_sessions and not world.tickets


def test_password_method_and_other_methods_get_clear_messages(visitor, world, account):
    to_password_screen(visitor, account)
    password_step(visitor, method=rules.STRENGTH_PASSWORD)
    assert fr("err_method_sms_required") in alerts(visitor)
    password_step(visitor, method="MOBILE_APP")
    assert fr("err_method_not_offered") in alerts(visitor)
    password_step(visitor, mobile=account.phones[0], password="wrong")
    assert fr("err_password_wrong") in alerts(visitor)
    assert not world.messages and not world.sso_sessions


def test_wrong_challenge_then_lock_lifted_after_the_lock_time(visitor, world, account):
    to_password_screen(visitor, account)
    password_step(visitor, mobile=account.phones[0])
    right = latest_sms_code(world, account.phones[0])
    wrong = "ZZZ-ZZZ-ZZZ" if right != "ZZZ-ZZZ-ZZZ" else "YYY-YYY-YYY"
    for _ in range(rules.CHALLENGE_MAX_ATTEMPTS - 1):
        assert challenge_step(visitor, wrong).status_code == 400
        assert fr("err_challenge_wrong") in alerts(visitor)
    assert challenge_step(visitor, "AB").status_code == 400
    assert fr("err_challenge_length", length=9) in alerts(visitor)
    assert challenge_step(visitor, wrong).status_code == 429
    minutes = int(rules.CHALLENGE_LOCK.total_seconds() // 60)
    assert fr("err_challenge_locked", minutes=minutes) in alerts(visitor)
    assert challenge_step(visitor, right).status_code == 429  # locked: even the right code is refused
    assert not world.sso_sessions
    # a new sign-in is refused while locked, without sending an SMS
    sent = len(world.messages)
    to_password_screen(visitor, account)
    assert password_step(visitor, mobile=account.phones[0]).status_code == 400
    assert fr("err_challenge_locked", minutes=minutes) in alerts(visitor) and len(world.messages) == sent
    world.clock.advance(rules.CHALLENGE_LOCK)
    response = sign_in_for_service(visitor, account, visitor.url)
    assert "ticket=ST-" in response.location


def test_an_expired_challenge_sends_a_new_one(visitor, world, account):
    to_password_screen(visitor, account)
    password_step(visitor, mobile=account.phones[0])
    old = latest_sms_code(world, account.phones[0])
    world.clock.advance(rules.CHALLENGE_LIFETIME)
    assert challenge_step(visitor, old).status_code == 400
    assert fr("err_challenge_expired") in alerts(visitor)
    new = latest_sms_code(world, account.phones[0])
    assert challenge_step(visitor, new).status_code == 302


# --- first access (2.17) and confirmation (2.18)
def test_first_access_form_is_prefilled_from_eulogin(visitor, world, identity, account):
    world.seed_pensioner(identity)
    connect(visitor, account)
    assert visitor.url == PUBLIC + P.RCAM_FIRST_ACCESS
    page = Page(visitor.text)
    labels = {f: page.label_for(f) for f in ("pension_number", "pension_number_confirm", "birth_date",
                                              "last_name", "first_name")}
    assert labels == {"pension_number": fr("rcam_pension_number"),
                      "pension_number_confirm": fr("rcam_pension_number_confirm"),
                      "birth_date": fr("rcam_birth_date"), "last_name": fr("last_name"),
                      "first_name": fr("first_name")}
    assert page.value_of("last_name") == identity.last_name and page.value_of("first_name") == identity.first_name
    assert page.value_of("pension_number") == "" and page.controls(fr("next"))


def test_first_access_success_says_by_post_and_sends_nothing_yet(visitor, world, identity, account):
    world.seed_pensioner(identity)
    connect(visitor, account)
    visitor.submit(first_access_values(identity, last_name=identity.last_name.upper(),
                                       birth_date=identity.birth_date.strftime("%-d.%-m.%Y")))
    assert visitor.url == PUBLIC + P.RCAM_REGISTERED
    assert fr("rcam_registered_title") in visitor.text
    assert "par courrier postal à votre domicile" in fr("rcam_registered") and fr("rcam_registered") in visitor.text
    assert "by post to your home address" in text("rcam_registered", "en")
    assert Page(visitor.text).controls(fr("logout"))
    registration = world.registration(account.uid)
    assert registration and registration.pension_number == identity.pension_number
    assert world.pensioner(identity.pension_number).registered
    assert final_code_messages(world, identity) == []


def test_a_second_visit_after_first_access_asks_for_the_final_code(visitor, world, identity, account):
    world.seed_pensioner(identity)
    connect(visitor, account)
    visitor.submit(first_access_values(identity))
    logout(visitor)
    connect(visitor, account)
    assert visitor.url == PUBLIC + P.RCAM_FINAL_CODE


@pytest.mark.parametrize("changes, field, key", [
    ({"pension_number": ""}, "pension_number", "err_required"),
    ({"pension_number": "12345"}, "pension_number", "err_pension_format"),
    ({"pension_number": "12a456", "pension_number_confirm": "12a456"}, "pension_number", "err_pension_format"),
    ({"pension_number_confirm": ""}, "pension_number_confirm", "err_required"),
    ({"pension_number_confirm": "999999"}, "pension_number_confirm", "err_pension_mismatch"),
    ({"pension_number": "000001", "pension_number_confirm": "000001"}, "pension_number", "err_pension_unknown"),
    ({"birth_date": ""}, "birth_date", "err_required"),
    ({"birth_date": "31/02/1950"}, "birth_date", "err_birth_format"),
    ({"birth_date": "1950"}, "birth_date", "err_birth_format"),
    ({"birth_date": "01/01/1900"}, "birth_date", "err_birth_mismatch"),
    ({"last_name": "Autrenom"}, "last_name", "err_last_name_mismatch"),
    ({"first_name": "Autreprénom"}, "first_name", "err_first_name_mismatch"),
    ({"first_name": ""}, "first_name", "err_required"),
])
def test_first_access_errors_are_shown_next_to_the_field(visitor, world, identity, account, changes, field, key):
    world.seed_pensioner(identity)
    connect(visitor, account)
    values = first_access_values(identity, **changes)
    response = visitor.submit(values)
    assert response.status_code == 400 and visitor.url == PUBLIC + P.RCAM_FIRST_ACCESS
    message = fr(key, **rules.PENSION_FIELDS)
    assert re.search(rf'id="{field}-error" role="alert">{re.escape(message)}<', visitor.text), visitor.text
    assert f'id="{field}" name="{field}" type="text" value="{values[field]}"' in visitor.text  # kept
    assert world.registration(account.uid) is None and not world.pensioner(identity.pension_number).registered
    assert final_code_messages(world, identity) == []


def test_first_access_errors_in_english(visitor, world, identity, account):
    world.seed_pensioner(identity)
    connect(visitor, account)
    visitor.get(PUBLIC + P.RCAM_FIRST_ACCESS + "?lang=en")
    visitor.submit(first_access_values(identity, pension_number_confirm="999999"))
    assert text("err_pension_mismatch", "en") in alerts(visitor)
    assert Page(visitor.text).label_for("pension_number") == "Pension number"


def test_first_access_needs_a_csrf_token(visitor, world, identity, account):
    world.seed_pensioner(identity)
    connect(visitor, account)
    response = visitor.open(P.RCAM_FIRST_ACCESS, method="POST", data=first_access_values(identity))
    assert response.status_code == 400 and fr("err_csrf") in alerts(visitor)
    assert world.registration(account.uid) is None


# --- the final code: by e-mail or SMS after the delay, never for a number linked to another account
@pytest.mark.parametrize("language", ["fr", "en"])
def test_final_code_by_email_after_the_delay_not_before(app, world, language):
    identity = world.new_identity()
    account = world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,), language=language)
    world.seed_pensioner(identity, channel="email")
    visitor = french_visitor(app)
    connect(visitor, account)
    visitor.submit(first_access_values(identity))
    world.clock.advance(rules.FINAL_CODE_DELAY - timedelta(minutes=1))
    assert final_code_messages(world, identity) == []
    world.clock.advance(timedelta(minutes=1))
    [message] = world.inbox("email", identity.email)
    content = mail.decode(message.raw)
    assert content.language == language and content.subject == text("mail_final_code_subject", language)
    code = world.final_code(account.uid)
    assert re.fullmatch(r"[A-Z0-9]{3}(-[A-Z0-9]{3}){3}", code) and code in content.text and code in content.html
    assert text("mail_from_pmo", language) in content.sender
    assert [m for m in world.inbox("sms", identity.mobile) if code in m.body] == []


def test_final_code_by_sms_to_the_number_used_to_sign_in(visitor, world, identity, account):
    world.seed_pensioner(identity, channel="sms")
    connect(visitor, account, phone=identity.second_mobile)
    visitor.submit(first_access_values(identity))
    assert world.inbox("sms", identity.second_mobile)[0].body.startswith("EU Login")  # only the challenge yet
    world.clock.advance(rules.FINAL_CODE_DELAY)
    sms = world.inbox("sms", identity.second_mobile)[0].body
    assert sms == fr("sms_final_code", code=world.final_code(account.uid), days=rules.FINAL_CODE_LIFETIME.days)
    assert world.inbox("email", identity.email) == []


@pytest.mark.parametrize("channel", ["email", "sms"])
def test_a_pension_number_linked_to_another_account_never_gets_a_code(app, world, channel):
    # control: the same steps for an unlinked pension number bring the code
    control = world.new_identity()
    control_account = world.seed_account(control, password=PASSWORD, phones=(control.mobile,))
    world.seed_pensioner(control, channel=channel)
    # the guide's warning: this pension number already has RCAM access through another EU Login account
    identity = world.new_identity()
    account = world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,))
    world.seed_pensioner(identity, channel=channel, linked_uid="n0099999")
    screens = []
    for person, acc in ((control, control_account), (identity, account)):
        visitor = french_visitor(app)
        connect(visitor, acc)
        visitor.submit(first_access_values(person))
        screens.append((visitor.url, visitor.response.status_code,
                        re.sub(r"(Connecté en tant que|Signed in as) [^<]*", "", visitor.text)))
    assert screens[0] == screens[1], "the screens must behave exactly the same"
    world.clock.advance(rules.FINAL_CODE_DELAY + rules.FINAL_CODE_LIFETIME + timedelta(days=365))
    assert len(final_code_messages(world, control)) == 1
    assert final_code_messages(world, identity) == []
    assert world.final_code(account.uid) is None and world.registration(account.uid) is not None
    assert world.pensioner(identity.pension_number).linked_uid == "n0099999"


# --- stage 3: the final code, log out, RCAM en ligne
@pytest.fixture
def registered(world, identity, account):
    """The world after 2.18, the code delivered (seeding helper)."""
    return pmo.seed_registration(world, identity)


def test_final_code_screen_has_four_boxes(visitor, registered, account):
    connect(visitor, account)
    assert visitor.url == PUBLIC + P.RCAM_FINAL_CODE
    page = Page(visitor.text)
    assert [e.text.strip() for e in page.elements if e.tag == "h1"] == [fr("rcam_final_code_title")]
    boxes = [e.attrs["aria-label"] for e in page.elements if e.attrs.get("name") == "final_code"]
    assert boxes == [f"Code final, partie {n} sur 4" for n in (1, 2, 3, 4)]
    assert page.controls(fr("rcam_validate")) == page.controls("Valider") != []


def test_stage_3_final_code_logout_then_rcam_en_ligne(visitor, world, registered, identity, account):
    connect(visitor, account)
    enter_final_code(visitor, world.final_code(account.uid).lower())  # any letter case
    assert visitor.url == PUBLIC + P.RCAM_ACTIVATED
    assert fr("rcam_activated").startswith("Déconnectez-vous complètement maintenant")
    assert fr("rcam_activated") in visitor.text
    assert world.pensioner(identity.pension_number).linked_uid == account.uid
    assert visitor.get(PUBLIC + P.RCAM_ONLINE, follow=False).location.endswith(P.RCAM_ACTIVATED)
    visitor.get(PUBLIC + P.RCAM_ACTIVATED)
    logout(visitor)
    assert visitor.visited[-2].startswith(f"{PUBLIC}{P.LOGOUT}?service=")
    assert not world.sso_sessions
    connect(visitor, account)
    assert visitor.url == PUBLIC + P.RCAM_ONLINE
    page = Page(visitor.text)
    assert [e.text.strip() for e in page.elements if e.tag == "h1"] == ["RCAM en ligne"]
    assert fr("rcam_online_welcome", name=identity.full_name) in visitor.text


def test_final_code_wrong_length_and_used(visitor, world, registered, account):
    connect(visitor, account)
    code = world.final_code(account.uid)
    wrong = "ZZZ-ZZZ-ZZZ-ZZZ" if code != "ZZZ-ZZZ-ZZZ-ZZZ" else "YYY-YYY-YYY-YYY"
    assert enter_final_code(visitor, wrong).status_code == 400
    assert fr("err_final_code_wrong") in alerts(visitor)
    assert enter_final_code(visitor, code[:7]).status_code == 400
    assert fr("err_final_code_length", length=12) in alerts(visitor)
    assert world.pensioner(registered.pension_number).linked_uid is None
    token = visitor.csrf()
    enter_final_code(visitor, code)
    assert visitor.url == PUBLIC + P.RCAM_ACTIVATED
    # the browser's back button shows the form again; « Valider » a second time
    response = visitor.open(P.RCAM_FINAL_CODE, method="POST",
                            data={"csrf_token": token, "final_code": rules.FINAL_CODE.split(code)})
    assert response.status_code == 400 and fr("err_final_code_used") in alerts(visitor)


def test_final_code_expired(visitor, world, registered, account):
    world.clock.advance(rules.FINAL_CODE_LIFETIME)
    connect(visitor, account)
    assert enter_final_code(visitor, world.final_code(account.uid)).status_code == 400
    assert fr("err_final_code_expired") in alerts(visitor)
    assert world.pensioner(registered.pension_number).linked_uid is None


def test_an_activated_pensioner_goes_straight_to_rcam_en_ligne(visitor, world, identity, account):
    world.seed_activation(identity)
    connect(visitor, account)
    assert visitor.url == PUBLIC + P.RCAM_ONLINE and Page(visitor.text).controls(fr("logout"))


def test_rcam_refuses_a_ticket_without_sms(visitor, world, identity, account):
    """A password-only ticket for RCAM's service (forged by skipping acceptStrengths) does not open RCAM."""
    world.seed_activation(identity)
    url = f"{PUBLIC}{P.LOGIN}?service={PUBLIC}{P.RCAM_CALLBACK}"
    response = sign_in_for_service(visitor, account, url, method=rules.STRENGTH_PASSWORD)
    visitor.open(response.location)
    assert visitor.response.status_code == 403 and fr("rcam_strength_required") in alerts(visitor)


# --- seeding helpers for the browser features
def test_seed_registration_sends_the_code_as_the_site_does(world, identity, account):
    registration = pmo.seed_registration(world, identity, channel="sms", delivered=False)
    assert world.inbox("sms", identity.mobile) == []
    world.clock.advance(rules.FINAL_CODE_DELAY)
    assert world.final_code(account.uid) in world.inbox("sms", identity.mobile)[0].body
    assert registration.code.channel == "sms" and world.pensioner(identity.pension_number).registered
    other = world.new_identity()
    world.seed_account(other, password=PASSWORD, phones=(other.mobile,))
    linked = pmo.seed_registration(world, other, linked_uid="n0012345")
    assert linked.code is None and world.inbox("email", other.email) == []


def test_reset_clears_rcam_and_cas_state(world, identity, account):
    pmo.seed_registration(world, identity)
    sso = world.open_sso(account.email, rules.STRENGTH_SMS, identity.mobile)
    world.issue_ticket(sso, PUBLIC + P.RCAM_CALLBACK, from_sso=False)
    world.reset()
    assert not (world.pensioners or world.registrations or world.tickets or world.sso_sessions or world.messages)


def test_seeded_session_starts_signed_in_to_rcam(visitor, world, identity, account):
    from mock_sites.rcam import seeded_session

    pmo.seed_registration(world, identity)
    with visitor.client.session_transaction(PUBLIC + P.RCAM_HOME) as session:
        session.update(seeded_session(world, account))
    response = visitor.get(PUBLIC + P.RCAM_FINAL_CODE)
    assert response.status_code == 200 and fr("rcam_final_code_title") in visitor.text


def test_a_second_account_registering_the_same_pension_number_never_gets_a_final_code():
    """The guide's warning, the other way round: the first account registered the pension number and waits for
    its code; a second EU Login account of the same person registers it too, and gets no code, ever."""
    from datetime import timedelta

    from mock_sites.world import World

    world = World(seed=5)
    person = world.new_identity()
    first = world.seed_account(person, password="23-11Ukraine", phones=(person.mobile,))
    pensioner = world.seed_pensioner(person, channel="email")
    pmo.first_access(world, first, pensioner)
    second_identity = type(person)(person.first_name, person.last_name, "second." + person.email,
                                   person.second_mobile, person.mobile, person.pension_number, person.birth_date)
    second = world.seed_account(second_identity, password="23-11Ukraine", phones=(person.second_mobile,))
    registration = pmo.first_access(world, second, pensioner)
    world.clock.advance(timedelta(days=60))
    assert registration.code is None
    assert world.inbox("email", second.email) == []
    assert world.inbox("sms", person.second_mobile) == []
    assert world.final_code(first.uid) is not None  # the first account's code did come
