"""RCAM / JSIS Online: the landing page, EU Login's SMS sign-in for it, first access, the final code by e-mail
or SMS after the delay (never for a pension number linked to another account), stage 3 and RCAM en ligne."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from mock_sites import mail, rules
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
def account(site_world, site_identity):
    return site_world.seed_account(site_identity, password=PASSWORD,
                                   phones=(site_identity.mobile, site_identity.second_mobile), language="fr")


def connect(site_visitor: Visitor, account, *, phone: str | None = None):
    """Instructions 2.13–2.16 (or 3.1–3.3): « Connecter », EU Login with SMS, back on RCAM."""
    site_visitor.get(PUBLIC + P.RCAM_HOME)
    connect_href = Page(site_visitor.text).controls(fr("rcam_connect"))[0].attrs["href"]
    site_visitor.get(connect_href, follow=False)
    ticket_redirect = sign_in_for_service(site_visitor, account, site_visitor.response.location, phone=phone)
    return site_visitor.open(ticket_redirect.location)


def first_access_values(site_identity, **changes) -> dict:
    values = {"pension_number": site_identity.pension_number, "pension_number_confirm": site_identity.pension_number,
              "birth_date": site_identity.birth_date.strftime(rules.BIRTH_DATE_FORMAT),
              "last_name": site_identity.last_name, "first_name": site_identity.first_name}
    return {**values, **changes}


def logout(site_visitor: Visitor):
    site_visitor.get(Page(site_visitor.text).controls(fr("logout"))[0].attrs["href"])
    assert site_visitor.url == PUBLIC + P.RCAM_HOME


def enter_final_code(site_visitor: Visitor, code: str):
    return site_visitor.open(site_visitor.action(), method="POST",
                        data={"csrf_token": site_visitor.csrf(), "final_code": rules.FINAL_CODE.split(code)})


def alerts(site_visitor: Visitor) -> list[str]:
    return site_visitor.alerts()


def final_code_messages(site_world: World, site_identity) -> list:
    return [m for m in site_world.inbox("email", site_identity.email) + site_world.inbox("sms", site_identity.mobile)
            + site_world.inbox("sms", site_identity.second_mobile)
            if "code final" in m.body or "final code" in m.body]


# --- the landing page
def test_landing_has_one_connecter_inside_the_grey_section(site_visitor):
    site_visitor.get(PUBLIC + "/RCAM")
    assert site_visitor.url == PUBLIC + P.RCAM_HOME
    page = Page(site_visitor.text)
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


def test_landing_and_internal_route_in_english(site_visitor):
    site_visitor.get(PUBLIC + P.RCAM_HOME + "?lang=en")
    page = Page(site_visitor.text)
    assert page.controls("Connect") and text("rcam_welcome_title", "en") in site_visitor.text
    site_visitor.get(page.controls(text("rcam_internal_link", "en"))[0].attrs["href"])
    assert text("rcam_internal_only", "en") in html.unescape(site_visitor.text)


def test_connecter_goes_to_eulogin_for_the_rcam_service_with_sms(site_visitor):
    response = site_visitor.get(PUBLIC + P.RCAM_LOGIN, follow=False)
    assert response.location == (f"{PUBLIC}{P.LOGIN}?service=https%3A%2F%2Fwebgate.ec.europa.eu%2FRCAM%2Flogin%2Fcas"
                                 "&acceptStrengths=PASSWORD_SMS")


def test_inner_pages_need_a_sign_in(site_visitor):
    for path in (P.RCAM_FIRST_ACCESS, P.RCAM_REGISTERED, P.RCAM_FINAL_CODE, P.RCAM_ACTIVATED, P.RCAM_ONLINE):
        response = site_visitor.get(PUBLIC + path, follow=False)
        assert response.status_code == 302 and response.location.endswith(P.RCAM_HOME)
    response = site_visitor.get(PUBLIC + P.RCAM_CALLBACK + "?ticket=ST-1-forged", follow=True)
    assert response.status_code == 403 and fr("rcam_login_failed") in alerts(site_visitor)


# --- EU Login's SMS sign-in for RCAM (2.14–2.16)
def to_password_screen(site_visitor: Visitor, account):
    site_visitor.get(PUBLIC + P.RCAM_LOGIN)
    identify(site_visitor, site_visitor.url, account.email)
    page = Page(site_visitor.text)
    assert page.label_for("loginStrength") == fr("auth_method")
    options = re.findall(r"<option[^>]*>([^<]+)</option>", site_visitor.text)
    assert fr("method_sms") == "Téléphone portable + SMS" and "Téléphone portable + SMS" in options
    assert page.label_for("mobile") == fr("mobile_phone") and page.label_for("password") == fr("password")
    assert page.controls(fr("sign_in"))


def test_sms_sign_in_challenge_has_three_boxes_and_is_case_insensitive(site_visitor, site_world, account):
    to_password_screen(site_visitor, account)
    response = password_step(site_visitor, mobile=account.phones[1])
    assert response.status_code == 200
    page = Page(site_visitor.text)
    boxes = [e.attrs["aria-label"] for e in page.elements if e.attrs.get("name") == "challenge"]
    assert boxes == [fr("challenge_part", n=n, total=3) for n in (1, 2, 3)] and page.controls(fr("sign_in"))
    sms = site_world.inbox("sms", account.phones[1])[0].body
    assert re.fullmatch(r"EU Login : votre code challenge est [A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}", sms)
    response = challenge_step(site_visitor, latest_sms_code(site_world, account.phones[1]).lower())
    assert response.status_code == 302 and "ticket=ST-" in response.location
    sessions = [(s.strength, s.phone) for s in site_world.sso_sessions.values()]
    assert sessions == [(rules.STRENGTH_SMS, account.phones[1])]


@pytest.mark.parametrize("mobile, key", [
    ("0470123456", "err_phone_country"),
    ("+32 470 12 34 56", "err_phone_format"),
    ("+32(470)123456", "err_phone_format"),
    ("+3247", "err_phone_length"),
    ("", "err_required"),
    ("+32470000000", "err_phone_unregistered"),
])
def test_sms_sign_in_refuses_a_wrong_or_malformed_number(site_visitor, site_world, account, mobile, key):
    to_password_screen(site_visitor, account)
    response = password_step(site_visitor, mobile=mobile)
    assert response.status_code == 400
    assert fr(key, **rules.PHONE_FIELDS) in alerts(site_visitor)
    page = Page(site_visitor.text)
    assert page.value_of("mobile") == mobile and page.value_of("password") == ""  # kept, password aside
    assert f'value="{rules.STRENGTH_SMS}" selected' in site_visitor.text
    assert not site_world.messages and not site_world.sso_sessions and not site_world.tickets


def test_password_method_and_other_methods_get_clear_messages(site_visitor, site_world, account):
    to_password_screen(site_visitor, account)
    password_step(site_visitor, method=rules.STRENGTH_PASSWORD)
    assert fr("err_method_sms_required") in alerts(site_visitor)
    password_step(site_visitor, method="MOBILE_APP")
    assert fr("err_method_not_offered") in alerts(site_visitor)
    password_step(site_visitor, mobile=account.phones[0], password="wrong")
    assert fr("err_password_wrong") in alerts(site_visitor)
    assert not site_world.messages and not site_world.sso_sessions


def test_wrong_challenge_then_lock_lifted_after_the_lock_time(site_visitor, site_world, account):
    to_password_screen(site_visitor, account)
    password_step(site_visitor, mobile=account.phones[0])
    right = latest_sms_code(site_world, account.phones[0])
    wrong = "ZZZ-ZZZ-ZZZ" if right != "ZZZ-ZZZ-ZZZ" else "YYY-YYY-YYY"
    for _ in range(rules.CHALLENGE_MAX_ATTEMPTS - 1):
        assert challenge_step(site_visitor, wrong).status_code == 400
        assert fr("err_challenge_wrong") in alerts(site_visitor)
    assert challenge_step(site_visitor, "AB").status_code == 400
    assert fr("err_challenge_length", length=9) in alerts(site_visitor)
    assert challenge_step(site_visitor, wrong).status_code == 429
    minutes = int(rules.CHALLENGE_LOCK.total_seconds() // 60)
    assert fr("err_challenge_locked", minutes=minutes) in alerts(site_visitor)
    assert challenge_step(site_visitor, right).status_code == 429  # locked: even the right code is refused
    assert not site_world.sso_sessions
    # a new sign-in is refused while locked, without sending an SMS
    sent = len(site_world.messages)
    to_password_screen(site_visitor, account)
    assert password_step(site_visitor, mobile=account.phones[0]).status_code == 400
    assert fr("err_challenge_locked", minutes=minutes) in alerts(site_visitor) and len(site_world.messages) == sent
    site_world.clock.advance(rules.CHALLENGE_LOCK)
    response = sign_in_for_service(site_visitor, account, site_visitor.url)
    assert "ticket=ST-" in response.location


def test_an_expired_challenge_sends_a_new_one(site_visitor, site_world, account):
    to_password_screen(site_visitor, account)
    password_step(site_visitor, mobile=account.phones[0])
    old = latest_sms_code(site_world, account.phones[0])
    site_world.clock.advance(rules.CHALLENGE_LIFETIME)
    assert challenge_step(site_visitor, old).status_code == 400
    assert fr("err_challenge_expired") in alerts(site_visitor)
    new = latest_sms_code(site_world, account.phones[0])
    assert challenge_step(site_visitor, new).status_code == 302


# --- first access (2.17) and confirmation (2.18)
def test_first_access_form_is_prefilled_from_eulogin(site_visitor, site_world, site_identity, account):
    site_world.seed_pensioner(site_identity)
    connect(site_visitor, account)
    assert site_visitor.url == PUBLIC + P.RCAM_FIRST_ACCESS
    page = Page(site_visitor.text)
    labels = {f: page.label_for(f) for f in ("pension_number", "pension_number_confirm", "birth_date",
                                              "last_name", "first_name")}
    assert labels == {"pension_number": fr("rcam_pension_number"),
                      "pension_number_confirm": fr("rcam_pension_number_confirm"),
                      "birth_date": fr("rcam_birth_date"), "last_name": fr("last_name"),
                      "first_name": fr("first_name")}
    assert page.value_of("last_name") == site_identity.last_name
    assert page.value_of("first_name") == site_identity.first_name
    assert page.value_of("pension_number") == "" and page.controls(fr("next"))


def test_first_access_success_says_by_post_and_sends_nothing_yet(site_visitor, site_world, site_identity, account):
    site_world.seed_pensioner(site_identity)
    connect(site_visitor, account)
    site_visitor.submit(first_access_values(site_identity, last_name=site_identity.last_name.upper(),
                                       birth_date=site_identity.birth_date.strftime("%-d.%-m.%Y")))
    assert site_visitor.url == PUBLIC + P.RCAM_REGISTERED
    assert fr("rcam_registered_title") in site_visitor.text
    assert "par courrier postal à votre domicile" in fr("rcam_registered")
    assert fr("rcam_registered") in site_visitor.text
    assert "by post to your home address" in text("rcam_registered", "en")
    assert Page(site_visitor.text).controls(fr("logout"))
    registration = site_world.registration(account.uid)
    assert registration and registration.pension_number == site_identity.pension_number
    assert site_world.pensioner(site_identity.pension_number).registered
    assert final_code_messages(site_world, site_identity) == []


def test_a_second_visit_after_first_access_asks_for_the_final_code(site_visitor, site_world, site_identity, account):
    site_world.seed_pensioner(site_identity)
    connect(site_visitor, account)
    site_visitor.submit(first_access_values(site_identity))
    logout(site_visitor)
    connect(site_visitor, account)
    assert site_visitor.url == PUBLIC + P.RCAM_FINAL_CODE


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
def test_first_access_errors_are_shown_next_to_the_field(site_visitor, site_world, site_identity, account, changes,
                                                         field, key):
    site_world.seed_pensioner(site_identity)
    connect(site_visitor, account)
    values = first_access_values(site_identity, **changes)
    response = site_visitor.submit(values)
    assert response.status_code == 400 and site_visitor.url == PUBLIC + P.RCAM_FIRST_ACCESS
    message = fr(key, **rules.PENSION_FIELDS)
    assert re.search(rf'id="{field}-error" role="alert">{re.escape(message)}<', site_visitor.text), site_visitor.text
    assert f'id="{field}" name="{field}" type="text" value="{values[field]}"' in site_visitor.text  # kept
    assert site_world.registration(account.uid) is None
    assert not site_world.pensioner(site_identity.pension_number).registered
    assert final_code_messages(site_world, site_identity) == []


def test_first_access_errors_in_english(site_visitor, site_world, site_identity, account):
    site_world.seed_pensioner(site_identity)
    connect(site_visitor, account)
    site_visitor.get(PUBLIC + P.RCAM_FIRST_ACCESS + "?lang=en")
    site_visitor.submit(first_access_values(site_identity, pension_number_confirm="999999"))
    assert text("err_pension_mismatch", "en") in alerts(site_visitor)
    assert Page(site_visitor.text).label_for("pension_number") == "Pension number"


def test_first_access_needs_a_csrf_token(site_visitor, site_world, site_identity, account):
    site_world.seed_pensioner(site_identity)
    connect(site_visitor, account)
    response = site_visitor.open(P.RCAM_FIRST_ACCESS, method="POST", data=first_access_values(site_identity))
    assert response.status_code == 400 and fr("err_csrf") in alerts(site_visitor)
    assert site_world.registration(account.uid) is None


# --- the final code: by e-mail or SMS after the delay, never for a number linked to another account
@pytest.mark.parametrize("language", ["fr", "en"])
def test_final_code_by_email_after_the_delay_not_before(site_app, site_world, language):
    site_identity = site_world.new_identity()
    account = site_world.seed_account(site_identity, password=PASSWORD, phones=(site_identity.mobile,),
                                      language=language)
    site_world.seed_pensioner(site_identity, channel="email")
    site_visitor = french_visitor(site_app)
    connect(site_visitor, account)
    site_visitor.submit(first_access_values(site_identity))
    site_world.clock.advance(rules.FINAL_CODE_DELAY - timedelta(minutes=1))
    assert final_code_messages(site_world, site_identity) == []
    site_world.clock.advance(timedelta(minutes=1))
    [message] = site_world.inbox("email", site_identity.email)
    content = mail.decode(message.raw)
    assert content.language == language and content.subject == text("mail_final_code_subject", language)
    code = site_world.final_code(account.uid)
    assert re.fullmatch(r"[A-Z0-9]{3}(-[A-Z0-9]{3}){3}", code) and code in content.text and code in content.html
    assert text("mail_from_pmo", language) in content.sender
    assert [m for m in site_world.inbox("sms", site_identity.mobile) if code in m.body] == []


def test_final_code_by_sms_to_the_number_used_to_sign_in(site_visitor, site_world, site_identity, account):
    site_world.seed_pensioner(site_identity, channel="sms")
    connect(site_visitor, account, phone=site_identity.second_mobile)
    site_visitor.submit(first_access_values(site_identity))
    assert site_world.inbox("sms", site_identity.second_mobile)[0].body.startswith("EU Login")  # only the challenge yet
    site_world.clock.advance(rules.FINAL_CODE_DELAY)
    sms = site_world.inbox("sms", site_identity.second_mobile)[0].body
    assert sms == fr("sms_final_code", code=site_world.final_code(account.uid), days=rules.FINAL_CODE_LIFETIME.days)
    assert site_world.inbox("email", site_identity.email) == []


@pytest.mark.parametrize("channel", ["email", "sms"])
def test_a_pension_number_linked_to_another_account_never_gets_a_code(site_app, site_world, channel):
    # control: the same steps for an unlinked pension number bring the code
    control = site_world.new_identity()
    control_account = site_world.seed_account(control, password=PASSWORD, phones=(control.mobile,))
    site_world.seed_pensioner(control, channel=channel)
    # the guide's warning: this pension number already has RCAM access through another EU Login account
    site_identity = site_world.new_identity()
    account = site_world.seed_account(site_identity, password=PASSWORD, phones=(site_identity.mobile,))
    site_world.seed_pensioner(site_identity, channel=channel, linked_uid="n0099999")
    screens = []
    for person, acc in ((control, control_account), (site_identity, account)):
        site_visitor = french_visitor(site_app)
        connect(site_visitor, acc)
        site_visitor.submit(first_access_values(person))
        screens.append((site_visitor.url, site_visitor.response.status_code,
                        re.sub(r"(Connecté en tant que|Signed in as) [^<]*", "", site_visitor.text)))
    assert screens[0] == screens[1], "the screens must behave exactly the same"
    site_world.clock.advance(rules.FINAL_CODE_DELAY + rules.FINAL_CODE_LIFETIME + timedelta(days=365))
    assert len(final_code_messages(site_world, control)) == 1
    assert final_code_messages(site_world, site_identity) == []
    assert site_world.final_code(account.uid) is None and site_world.registration(account.uid) is not None
    assert site_world.pensioner(site_identity.pension_number).linked_uid == "n0099999"


# --- stage 3: the final code, log out, RCAM en ligne
@pytest.fixture
def registered(site_world, site_identity, account):
    """The world after 2.18, the code delivered (seeding helper)."""
    return pmo.seed_registration(site_world, site_identity)


def test_final_code_screen_has_four_boxes(site_visitor, registered, account):
    connect(site_visitor, account)
    assert site_visitor.url == PUBLIC + P.RCAM_FINAL_CODE
    page = Page(site_visitor.text)
    assert [e.text.strip() for e in page.elements if e.tag == "h1"] == [fr("rcam_final_code_title")]
    boxes = [e.attrs["aria-label"] for e in page.elements if e.attrs.get("name") == "final_code"]
    assert boxes == [f"Code final, partie {n} sur 4" for n in (1, 2, 3, 4)]
    assert page.controls(fr("rcam_validate")) == page.controls("Valider") != []


def test_stage_3_final_code_logout_then_rcam_en_ligne(site_visitor, site_world, registered, site_identity, account):
    connect(site_visitor, account)
    enter_final_code(site_visitor, site_world.final_code(account.uid).lower())  # any letter case
    assert site_visitor.url == PUBLIC + P.RCAM_ACTIVATED
    assert fr("rcam_activated").startswith("Déconnectez-vous complètement maintenant")
    assert fr("rcam_activated") in site_visitor.text
    assert site_world.pensioner(site_identity.pension_number).linked_uid == account.uid
    assert site_visitor.get(PUBLIC + P.RCAM_ONLINE, follow=False).location.endswith(P.RCAM_ACTIVATED)
    site_visitor.get(PUBLIC + P.RCAM_ACTIVATED)
    logout(site_visitor)
    assert site_visitor.visited[-2].startswith(f"{PUBLIC}{P.LOGOUT}?service=")
    assert not site_world.sso_sessions
    connect(site_visitor, account)
    assert site_visitor.url == PUBLIC + P.RCAM_ONLINE
    page = Page(site_visitor.text)
    assert [e.text.strip() for e in page.elements if e.tag == "h1"] == ["RCAM en ligne"]
    assert fr("rcam_online_welcome", name=site_identity.full_name) in site_visitor.text


def test_final_code_wrong_length_and_used(site_visitor, site_world, registered, account):
    connect(site_visitor, account)
    code = site_world.final_code(account.uid)
    wrong = "ZZZ-ZZZ-ZZZ-ZZZ" if code != "ZZZ-ZZZ-ZZZ-ZZZ" else "YYY-YYY-YYY-YYY"
    assert enter_final_code(site_visitor, wrong).status_code == 400
    assert fr("err_final_code_wrong") in alerts(site_visitor)
    assert enter_final_code(site_visitor, code[:7]).status_code == 400
    assert fr("err_final_code_length", length=12) in alerts(site_visitor)
    assert site_world.pensioner(registered.pension_number).linked_uid is None
    token = site_visitor.csrf()
    enter_final_code(site_visitor, code)
    assert site_visitor.url == PUBLIC + P.RCAM_ACTIVATED
    # the browser's back button shows the form again; « Valider » a second time
    response = site_visitor.open(P.RCAM_FINAL_CODE, method="POST",
                            data={"csrf_token": token, "final_code": rules.FINAL_CODE.split(code)})
    assert response.status_code == 400 and fr("err_final_code_used") in alerts(site_visitor)


def test_final_code_expired(site_visitor, site_world, registered, account):
    site_world.clock.advance(rules.FINAL_CODE_LIFETIME)
    connect(site_visitor, account)
    assert enter_final_code(site_visitor, site_world.final_code(account.uid)).status_code == 400
    assert fr("err_final_code_expired") in alerts(site_visitor)
    assert site_world.pensioner(registered.pension_number).linked_uid is None


def test_an_activated_pensioner_goes_straight_to_rcam_en_ligne(site_visitor, site_world, site_identity, account):
    site_world.seed_activation(site_identity)
    connect(site_visitor, account)
    assert site_visitor.url == PUBLIC + P.RCAM_ONLINE and Page(site_visitor.text).controls(fr("logout"))


def test_rcam_refuses_a_ticket_without_sms(site_visitor, site_world, site_identity, account):
    """A password-only ticket for RCAM's service (forged by skipping acceptStrengths) does not open RCAM."""
    site_world.seed_activation(site_identity)
    url = f"{PUBLIC}{P.LOGIN}?service={PUBLIC}{P.RCAM_CALLBACK}"
    response = sign_in_for_service(site_visitor, account, url, method=rules.STRENGTH_PASSWORD)
    site_visitor.open(response.location)
    assert site_visitor.response.status_code == 403 and fr("rcam_strength_required") in alerts(site_visitor)


# --- seeding helpers for the browser features
def test_seed_registration_sends_the_code_as_the_site_does(site_world, site_identity, account):
    registration = pmo.seed_registration(site_world, site_identity, channel="sms", delivered=False)
    assert site_world.inbox("sms", site_identity.mobile) == []
    site_world.clock.advance(rules.FINAL_CODE_DELAY)
    assert site_world.final_code(account.uid) in site_world.inbox("sms", site_identity.mobile)[0].body
    assert registration.code.channel == "sms" and site_world.pensioner(site_identity.pension_number).registered
    other = site_world.new_identity()
    site_world.seed_account(other, password=PASSWORD, phones=(other.mobile,))
    linked = pmo.seed_registration(site_world, other, linked_uid="n0012345")
    assert linked.code is None and site_world.inbox("email", other.email) == []


def test_reset_clears_rcam_and_cas_state(site_world, site_identity, account):
    pmo.seed_registration(site_world, site_identity)
    sso = site_world.open_sso(account.email, rules.STRENGTH_SMS, site_identity.mobile)
    site_world.issue_ticket(sso, PUBLIC + P.RCAM_CALLBACK, from_sso=False)
    site_world.reset()
    assert not (site_world.pensioners or site_world.registrations or site_world.tickets or site_world.sso_sessions
                or site_world.messages)


def test_seeded_session_starts_signed_in_to_rcam(site_visitor, site_world, site_identity, account):
    from mock_sites.rcam import seeded_session

    pmo.seed_registration(site_world, site_identity)
    with site_visitor.client.session_transaction(PUBLIC + P.RCAM_HOME) as session:
        session.update(seeded_session(site_world, account))
    response = site_visitor.get(PUBLIC + P.RCAM_FINAL_CODE)
    assert response.status_code == 200 and fr("rcam_final_code_title") in site_visitor.text


def test_a_second_account_registering_the_same_pension_number_never_gets_a_final_code():
    """The guide's warning, the other way round: the first account registered the pension number and waits for
    its code; a second EU Login account of the same person registers it too, and gets no code, ever."""
    from datetime import timedelta

    from mock_sites.world import World

    site_world = World(seed=5)
    person = site_world.new_identity()
    first = site_world.seed_account(person, password=rules.GUIDE_EXAMPLE_PASSWORD, phones=(person.mobile,))
    pensioner = site_world.seed_pensioner(person, channel="email")
    pmo.first_access(site_world, first, pensioner)
    second_identity = type(person)(person.first_name, person.last_name, "second." + person.email,
                                   person.second_mobile, person.mobile, person.pension_number, person.birth_date)
    second = site_world.seed_account(second_identity, password=rules.GUIDE_EXAMPLE_PASSWORD,
                                     phones=(person.second_mobile,))
    registration = pmo.first_access(site_world, second, pensioner)
    site_world.clock.advance(timedelta(days=60))
    assert registration.code is None
    assert site_world.inbox("email", second.email) == []
    assert site_world.inbox("sms", person.second_mobile) == []
    assert site_world.final_code(first.uid) is not None  # the first account's code did come
