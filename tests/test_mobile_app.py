"""The EU Login Mobile App on today's screens (2026): « Gérer mes appareils mobiles » → « Ajouter un appareil mobile »
on the computer, the fake phone's « EU Login » app that scans the computer's QR code from a picture, then signing in to
RCAM with « Application mobile EU Login : code PIN » (confirmed on the phone) or « … : code QR » (a one-time password
the app shows). On the guide's screens (2020) none of it exists.

The Flask test-client tests scan pictures made with ``qr.qr_png`` or read off the page's own ``<img>``; the browser
tests take an element screenshot of the computer's QR code and upload it to the phone's app, as a person photographs
their screen."""

from __future__ import annotations

import base64
import io
import random
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from flask import Flask
from PIL import Image
from playwright.sync_api import BrowserContext, Page, expect

from mock_sites import create_app, mail, profiles, qr, rules
from mock_sites.eulogin import cas, mobile
from mock_sites.labels import fr, text
from mock_sites.rules import Paths
from mock_sites.world import World
from tests.helpers import parse
from tests.site_client import PUBLIC, Visitor, french_visitor, identify, password_step

PASSWORD = rules.GUIDE_EXAMPLE_PASSWORD
PHONE_HOST = f"https://{rules.PHONE_HOST}"
DEVICE_NAME = "Téléphone de Jeanne"
PIN = "2580"
OTHER_PIN = "1111"


# --------------------------------------------------------------------------- helpers
@pytest.fixture
def app26(site_world: World) -> Flask:
    return create_app(site_world, screens="2026")


@pytest.fixture
def visitor(app26: Flask) -> Visitor:
    return french_visitor(app26)


@pytest.fixture
def identity(site_world: World):
    identity = site_world.new_identity()
    site_world.seed_account(identity, password=PASSWORD, language="fr")
    return identity


@pytest.fixture
def account(site_world: World, identity):
    return site_world.account(identity.email)


class Phone:
    """The fake phone's « EU Login » app over the test client, at ``https://phone.test/<number>/app``."""

    def __init__(self, app: Flask, number: str) -> None:
        self.client = app.test_client()
        self.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr-FR,fr;q=0.9"
        self.number = number
        self.response = None

    @property
    def base(self) -> str:
        return f"{PHONE_HOST}/{self.number}/app"

    @property
    def text(self) -> str:
        return self.response.get_data(as_text=True)

    def home(self):
        self.response = self.client.get(self.base)
        return self.response

    def scan(self, picture: bytes):
        self.response = self.client.post(self.base + "/scan", content_type="multipart/form-data",
                                         data={"picture": (io.BytesIO(picture), "photo.png")})
        return self.response

    def token(self) -> str:
        found = re.search(r'name="token" value="([^"]+)"', self.text)
        assert found, self.text
        return found.group(1)

    def pin(self, pin: str):
        """The PIN screen after a scan: « Code PIN », « Confirmer »."""
        action = re.search(r'<form method="post" action="([^"]+)"', self.text).group(1)
        self.response = self.client.post(PHONE_HOST + action, data={"token": self.token(), "pin": pin})
        return self.response

    def requests(self) -> list[dict]:
        return self.client.get(self.base + "/requests.json").get_json()["requests"]

    def answer(self, request_id: str, pin: str = "", *, refuse: bool = False):
        self.response = self.client.post(f"{self.base}/requests/{request_id}",
                                         data={"pin": pin, "answer": "refuse" if refuse else "confirm"})
        return self.response

    def alerts(self) -> list[str]:
        return [n.text() for n in parse(self.text).find_all(role="alert")]

    def otp(self) -> str:
        return parse(self.text).find_all("output", id="otp")[0].text()


def sign_in(visitor: Visitor, identity) -> None:
    """Signed in to EU Login itself with the password."""
    identify(visitor, PUBLIC + Paths.LOGIN, identity.email)
    visitor.submit({"step": "password", "password": PASSWORD})
    assert visitor.world.sso_sessions, visitor.text


def img_png(html: str, alt: str) -> bytes:
    """The PNG of the page's ``<img alt=…>`` (a ``data:`` URI), as a phone's camera sees the screen."""
    [image] = parse(html).find_all("img", alt=alt)
    head, data = image.attrs["src"].split(",", 1)
    assert head == "data:image/png;base64"
    return base64.b64decode(data)


def add_device_form(visitor: Visitor, name: str = DEVICE_NAME, pin: str = PIN, confirm: str | None = None):
    visitor.get(PUBLIC + Paths.ADD_DEVICE)
    return visitor.submit({"device_name": name, "device_pin": pin,
                           "device_pin_confirm": pin if confirm is None else confirm})


def field_error(html: str, name: str) -> str | None:
    found = parse(html).find_all("p", id=f"{name}-error")
    return found[0].text() if found else None


def device_status(visitor: Visitor, token: str) -> dict:
    return visitor.client.get(PUBLIC + Paths.DEVICE_STATUS, query_string={"id": token}).get_json()


def rcam_login(visitor: Visitor, identity, method: str):
    """RCAM's « Connecter » (its way to EU Login, with what it asks for), the e-mail, the password and ``method``."""
    rcam = visitor.get(PUBLIC + Paths.RCAM_LOGIN, follow=False).location
    identify(visitor, rcam, identity.email)
    return password_step(visitor, method=method)


def validate(app: Flask, location: str) -> str:
    """EU Login's own validation of the ticket in ``location``: its XML."""
    parts = urlsplit(location)
    service = f"{parts.scheme}://{parts.netloc}{parts.path}"
    ticket = parse_qs(parts.query)["ticket"][0]
    return app.test_client().get(Paths.SERVICE_VALIDATE, query_string={"service": service, "ticket": ticket},
                                 base_url=PUBLIC).get_data(as_text=True)


def enrolled(visitor: Visitor, app: Flask, identity, number: str) -> Phone:
    """A device added the whole way: the form, the QR code off the page, the app's scan and PIN."""
    sign_in(visitor, identity)
    add_device_form(visitor)
    phone = Phone(app, number)
    phone.scan(img_png(visitor.text, fr("device_qr")))
    assert phone.response.status_code == 200, phone.text
    phone.pin(PIN)
    assert phone.response.status_code == 200, phone.text
    return phone


# --------------------------------------------------------------------------- the 2020 screens have none of it
@pytest.mark.parametrize("path", [Paths.MOBILE, Paths.MANAGE_DEVICES, Paths.ADD_DEVICE, Paths.DEVICE_STATUS,
                                  Paths.APP_REQUEST_STATUS])
def test_on_the_guide_s_screens_there_are_no_mobile_app_pages(site_app, site_world, path):
    visitor = french_visitor(site_app)
    identity = site_world.new_identity()
    site_world.seed_account(identity, password=PASSWORD, language="fr")
    sign_in(visitor, identity)
    assert visitor.get(PUBLIC + path, follow=False).status_code == 404
    visitor.get(PUBLIC + Paths.MY_ACCOUNT)
    assert fr("manage_phones") in visitor.text and fr("manage_devices") not in visitor.text


def test_on_the_guide_s_screens_the_phone_has_no_app(site_app):
    phone = Phone(site_app, "+32470000001")
    assert phone.home().status_code == 404
    assert phone.client.get(PHONE_HOST + "/+32470000001").status_code == 200
    assert f">{fr('app_name')}</a>" not in phone.client.get(PHONE_HOST + "/+32470000001").get_data(as_text=True)


# --------------------------------------------------------------------------- adding a device
def test_my_account_leads_to_my_devices_and_cas_mobile_to_the_form(visitor, identity):
    sign_in(visitor, identity)
    visitor.get(PUBLIC + Paths.MY_ACCOUNT)
    [link] = [a for a in parse(visitor.text).find_all("a") if a.text() == fr("manage_devices")]
    visitor.get(link.attrs["href"])
    assert parse(visitor.text).find_all("h1")[0].text() == fr("devices_title")
    assert fr("devices_none") in visitor.text and fr("add_device_link") in visitor.text
    response = visitor.get(PUBLIC + Paths.MOBILE, follow=False)
    assert response.status_code == 302 and response.location.endswith(Paths.ADD_DEVICE)
    visitor.get(PUBLIC + Paths.MOBILE)
    page = parse(visitor.text)
    assert page.find_all("h1")[0].text() == fr("add_device_link")
    for name, label in (("device_name", "device_name"), ("device_pin", "device_pin"),
                        ("device_pin_confirm", "device_pin_confirm")):
        assert page.find_all("label", for_=name)[0].text() == fr(label)
    assert [i.attrs["type"] for i in page.find_all("input") if i.attrs.get("name", "").startswith("device_pin")] \
        == ["password", "password"]
    assert all(i.attrs.get("inputmode") == "numeric" for i in page.find_all("input")
               if i.attrs.get("name", "").startswith("device_pin"))
    assert [b.text() for b in page.find_all("button") if b.attrs.get("type") == "submit"] == [fr("device_submit")]


def test_the_device_pages_need_a_signed_in_person(visitor):
    for path in (Paths.MANAGE_DEVICES, Paths.ADD_DEVICE):
        response = visitor.get(PUBLIC + path, follow=False)
        assert response.status_code == 302 and urlsplit(response.location).path == Paths.LOGIN


def test_adding_a_device_scans_the_qr_code_asks_the_pin_and_sends_an_email(visitor, app26, site_world, identity,
                                                                          account):
    sign_in(visitor, identity)
    add_device_form(visitor)
    assert visitor.response.status_code == 200
    page = parse(visitor.text)
    assert page.find_all("h1")[0].text() == fr("device_scan_title") and fr("device_scan_intro") in visitor.text
    picture = img_png(visitor.text, fr("device_qr"))
    [text] = qr.decode(picture)
    assert text.startswith(mobile.INIT_PREFIX)
    token = text.removeprefix(mobile.INIT_PREFIX)
    assert device_status(visitor, token)["status"] == mobile.PENDING
    assert PIN not in repr(site_world.device_enrolments)  # hashed

    phone = Phone(app26, identity.mobile)
    phone.home()
    assert fr("app_not_initialised") in phone.text and f">{fr('app_initialise')}</button>" in phone.text
    phone.response = phone.client.get(phone.base, query_string={"step": "scan"})
    assert fr("app_picture") in phone.text and f">{fr('app_scan')}</button>" in phone.text
    assert 'type="file"' in phone.text and 'enctype="multipart/form-data"' in phone.text
    phone.scan(picture)
    assert phone.response.status_code == 200 and fr("app_init_pin", name=DEVICE_NAME) in phone.text
    assert not site_world.mobile_devices and device_status(visitor, token)["status"] == mobile.PENDING
    phone.pin(PIN)
    assert phone.response.status_code == 200, phone.text
    assert fr("app_ready", name=DEVICE_NAME) in phone.text

    [device] = mobile.devices_of(site_world, account)
    assert (device.name, device.phone, device.uid) == (DEVICE_NAME, identity.mobile, account.uid)
    assert PIN not in repr(device) and mobile.pin_matches(device.pin_hash, PIN)
    assert site_world.device_enrolments[token].done
    [email] = site_world.inbox("email", identity.email)
    content = mail.decode(email.raw)
    assert content.subject == fr("mail_device_subject") and content.language == "fr"
    assert DEVICE_NAME in content.text

    status = device_status(visitor, token)
    assert status["status"] == mobile.DONE
    visitor.get(PUBLIC + status["next"])
    assert parse(visitor.text).find_all(role="status")[0].text() == fr("device_added", name=DEVICE_NAME)
    assert DEVICE_NAME in parse(visitor.text).find_all("ul", aria_label=fr("devices_title"))[0].text()


def test_the_app_opened_again_after_a_scan_still_asks_for_the_pin(visitor, app26, site_world, identity):
    """A phone's app keeps its state: opened again (a tab reloaded, the app brought back) after the scan, it shows
    the PIN screen of what it scanned, until the PIN is given or the code lapses."""
    sign_in(visitor, identity)
    add_device_form(visitor)
    phone = Phone(app26, identity.mobile)
    phone.scan(img_png(visitor.text, fr("device_qr")))
    scanned = phone.token()
    phone.home()
    assert fr("app_init_pin", name=DEVICE_NAME) in phone.text and phone.token() == scanned
    assert fr("app_not_initialised") not in phone.text
    phone.pin(PIN)
    assert fr("app_ready", name=DEVICE_NAME) in phone.text
    phone.home()
    assert 'name="token"' not in phone.text  # done: the app's home again
    # a second enrolment scanned, then lapsed: the app no longer asks for its PIN
    visitor.get(PUBLIC + Paths.ADD_DEVICE)
    add_device_form(visitor, name="Tablette")
    phone.scan(img_png(visitor.text, fr("device_qr")))
    assert fr("app_init_pin", name="Tablette") in phone.text
    site_world.clock.advance(rules.APP_ENROLMENT_LIFETIME)
    phone.home()
    assert 'name="token"' not in phone.text and DEVICE_NAME in phone.text


def test_without_javascript_the_scan_screen_can_be_checked_by_hand(visitor, app26, identity):
    sign_in(visitor, identity)
    add_device_form(visitor)
    picture = img_png(visitor.text, fr("device_qr"))
    check = [a for a in parse(visitor.text).find_all("a") if a.text() == fr("device_scan_check")][0].attrs["href"]
    assert visitor.get(PUBLIC + check).status_code == 200 and fr("device_qr") in visitor.text  # still waiting
    phone = Phone(app26, identity.mobile)
    phone.scan(picture)
    phone.pin(PIN)
    visitor.get(PUBLIC + check)
    assert urlsplit(visitor.url).path == Paths.MANAGE_DEVICES
    assert fr("device_added", name=DEVICE_NAME) in visitor.text


@pytest.mark.parametrize("name, pin, confirm, field, key, fields", [
    ("", PIN, PIN, "device_name", "device_err_name_required", {}),
    ("x" * (rules.APP_DEVICE_NAME_MAX + 1), PIN, PIN, "device_name", "device_err_name_too_long",
     {"max": rules.APP_DEVICE_NAME_MAX}),
    (DEVICE_NAME, "123", "123", "device_pin", "device_err_pin_format", {"length": rules.APP_PIN_LENGTH}),
    (DEVICE_NAME, "12345", "12345", "device_pin", "device_err_pin_format", {"length": rules.APP_PIN_LENGTH}),
    (DEVICE_NAME, "12a4", "12a4", "device_pin", "device_err_pin_format", {"length": rules.APP_PIN_LENGTH}),
    (DEVICE_NAME, "١٢٣٤", "١٢٣٤", "device_pin", "device_err_pin_format", {"length": rules.APP_PIN_LENGTH}),
    (DEVICE_NAME, PIN, OTHER_PIN, "device_pin_confirm", "device_err_pin_mismatch", {}),
], ids=["name-empty", "name-too-long", "pin-3", "pin-5", "pin-letter", "pin-arabic-digits", "confirm-differs"])
def test_a_refused_device_form_says_why_next_to_the_field_and_keeps_the_name(visitor, site_world, identity, name,
                                                                            pin, confirm, field, key, fields):
    sign_in(visitor, identity)
    before = site_world.snapshot()
    add_device_form(visitor, name, pin, confirm)
    assert visitor.response.status_code == 400
    assert field_error(visitor.text, field) == fr(key, **fields)
    values = {i.attrs.get("name"): i.attrs.get("value") for i in parse(visitor.text).find_all("input")}
    assert values["device_name"] == name and values["device_pin"] == "" and values["device_pin_confirm"] == ""
    assert site_world.snapshot() == before


def test_a_name_already_used_by_one_of_my_devices_is_refused(visitor, site_world, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    sign_in(visitor, identity)
    add_device_form(visitor, DEVICE_NAME.upper())
    assert visitor.response.status_code == 400
    assert field_error(visitor.text, "device_name") == fr("device_err_name_used")


def test_the_device_form_in_english_speaks_english(app26, site_world, identity):
    visitor = Visitor(app26)
    visitor.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    sign_in(visitor, identity)
    add_device_form(visitor, DEVICE_NAME, "12", "12")
    assert field_error(visitor.text, "device_pin") == text("device_err_pin_format", "en",
                                                           length=rules.APP_PIN_LENGTH)


def test_a_device_form_without_its_csrf_token_is_refused(visitor, site_world, identity):
    sign_in(visitor, identity)
    visitor.get(PUBLIC + Paths.ADD_DEVICE)
    before = site_world.snapshot()
    response = visitor.open(PUBLIC + Paths.ADD_DEVICE, method="POST", data={
        "csrf_token": "forged", "device_name": DEVICE_NAME, "device_pin": PIN, "device_pin_confirm": PIN})
    assert response.status_code == 400 and visitor.alerts() == [fr("err_csrf")]
    assert site_world.snapshot() == before


def test_a_wrong_pin_in_the_app_counts_then_locks(visitor, app26, site_world, identity, account):
    sign_in(visitor, identity)
    add_device_form(visitor)
    phone = Phone(app26, identity.mobile)
    phone.scan(img_png(visitor.text, fr("device_qr")))
    for n in range(1, rules.APP_PIN_MAX_WRONG):
        phone.pin(OTHER_PIN)
        assert phone.response.status_code == 400
        assert phone.alerts() == [fr("app_err_pin_wrong", left=rules.APP_PIN_MAX_WRONG - n)]
        assert fr("app_pin") in phone.text  # the PIN screen again
    phone.pin(OTHER_PIN)
    minutes = int(rules.APP_PIN_LOCK.total_seconds() // 60)
    assert phone.response.status_code == 429 and phone.alerts() == [fr("app_err_pin_locked", minutes=minutes)]
    phone.pin(PIN)  # even the right one, while locked
    assert phone.response.status_code == 429 and not site_world.mobile_devices
    site_world.clock.advance(rules.APP_PIN_LOCK)
    phone.pin(PIN)
    assert phone.response.status_code == 410 and phone.alerts() == [fr("app_err_qr_expired")]  # 10 min < 15 min
    assert not site_world.mobile_devices


def test_a_wrong_pin_then_the_right_one_adds_the_device(visitor, app26, site_world, identity, account):
    sign_in(visitor, identity)
    add_device_form(visitor)
    phone = Phone(app26, identity.mobile)
    phone.scan(img_png(visitor.text, fr("device_qr")))
    phone.pin(OTHER_PIN)
    assert phone.alerts() == [fr("app_err_pin_wrong", left=rules.APP_PIN_MAX_WRONG - 1)]
    phone.pin(PIN)
    assert fr("app_ready", name=DEVICE_NAME) in phone.text and len(mobile.devices_of(site_world, account)) == 1
    assert not site_world.failed_attempts  # the right PIN clears the count


def test_an_expired_initialisation_qr_code_is_refused_by_the_app_and_said_on_the_computer(visitor, app26,
                                                                                          site_world, identity):
    sign_in(visitor, identity)
    add_device_form(visitor)
    picture = img_png(visitor.text, fr("device_qr"))
    token = qr.decode(picture)[0].removeprefix(mobile.INIT_PREFIX)
    site_world.clock.advance(rules.APP_ENROLMENT_LIFETIME)
    phone = Phone(app26, identity.mobile)
    phone.scan(picture)
    assert phone.response.status_code == 410 and phone.alerts() == [fr("app_err_qr_expired")]
    status = device_status(visitor, token)
    assert status["status"] == mobile.EXPIRED
    assert visitor.get(PUBLIC + status["next"]).status_code == 410
    assert visitor.alerts() == [fr("device_qr_expired")] and fr("device_qr") not in visitor.text
    assert not site_world.mobile_devices and not site_world.inbox("email", identity.email)


def test_an_initialisation_qr_code_works_once(visitor, app26, site_world, identity):
    sign_in(visitor, identity)
    add_device_form(visitor)
    picture = img_png(visitor.text, fr("device_qr"))
    phone = Phone(app26, identity.mobile)
    phone.scan(picture)
    phone.pin(PIN)
    for number in (identity.mobile, identity.second_mobile):  # the same phone again, or another one
        other = Phone(app26, number)
        other.scan(picture)
        assert other.response.status_code == 410 and other.alerts() == [fr("app_err_qr_used")]
    assert len(site_world.mobile_devices) == 1 and len(site_world.inbox("email", identity.email)) == 1


def test_an_initialisation_qr_code_scanned_by_one_phone_cannot_be_finished_by_another(visitor, app26, site_world,
                                                                                      identity):
    sign_in(visitor, identity)
    add_device_form(visitor)
    picture = img_png(visitor.text, fr("device_qr"))
    Phone(app26, identity.mobile).scan(picture)
    other = Phone(app26, identity.second_mobile)
    other.scan(picture)
    assert other.alerts() == [fr("app_err_qr_used")]
    token = qr.decode(picture)[0].removeprefix(mobile.INIT_PREFIX)
    other.response = other.client.post(other.base + "/init", data={"token": token, "pin": PIN})  # forged
    assert other.response.status_code == 400 and not site_world.mobile_devices


def test_a_camera_sized_photo_is_read_beyond_a_form_s_size_limit(visitor, app26, site_world, identity):
    sign_in(visitor, identity)
    add_device_form(visitor)
    code = Image.open(io.BytesIO(img_png(visitor.text, fr("device_qr"))))
    photo = Image.frombytes("L", (1600, 1200), random.Random(1).randbytes(1600 * 1200))  # a noisy photo
    photo.paste(code, (600, 400))
    out = io.BytesIO()
    photo.save(out, format="PNG")
    assert len(out.getvalue()) > rules.MAX_BODY_BYTES
    phone = Phone(app26, identity.mobile)
    phone.scan(out.getvalue())
    assert phone.response.status_code == 200 and fr("app_init_pin", name=DEVICE_NAME) in phone.text


def blank_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (320, 320), "white").save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("picture, key", [
    (b"%PDF-1.7 not a picture", "app_err_not_picture"),
    (b"", "app_err_not_picture"),
    (blank_png(), "app_err_no_qr"),
    (qr.qr_png("https://example.org/not-eu-login"), "app_err_not_eulogin"),
    (qr.qr_png(mobile.INIT_PREFIX + "forged-token"), "app_err_not_eulogin"),
], ids=["pdf", "empty", "blank-picture", "another-qr-code", "forged-token"])
def test_the_app_says_what_is_wrong_with_a_picture(app26, site_world, picture, key):
    phone = Phone(app26, "+32470000002")
    before = site_world.snapshot()
    phone.scan(picture)
    assert phone.response.status_code == 400 and phone.alerts() == [fr(key)]
    assert fr("app_picture") in phone.text  # the scan form again
    assert site_world.snapshot() == before


# --------------------------------------------------------------------------- signing in with the PIN
def test_signing_in_to_rcam_with_the_pin_gives_a_ticket_naming_the_app(visitor, app26, site_world, identity):
    phone = enrolled(visitor, app26, identity, identity.mobile)
    visitor.get(PUBLIC + Paths.LOGOUT)
    response = rcam_login(visitor, identity, profiles.STRENGTH_APP_PIN)
    assert response.status_code == 200, visitor.text
    page = parse(visitor.text)
    assert page.find_all("h1")[0].text() == fr("app_wait_title")
    assert fr("app_wait_intro", name=DEVICE_NAME) in visitor.text
    form = {i.attrs["name"]: i.attrs.get("value") for i in page.find_all("input")}
    request_id = form["request_id"]
    status_url = PUBLIC + Paths.APP_REQUEST_STATUS + "?id=" + request_id
    assert visitor.client.get(status_url).get_json() == {"status": "pending"}

    # before the phone confirms, the computer's form only says to confirm on the phone
    assert visitor.submit({"step": "app", "request_id": request_id}, follow=False).status_code == 409
    assert visitor.alerts() == [fr("app_pending")]

    [waiting] = phone.requests()
    assert waiting["id"] == request_id and waiting["service"] == "RCAM"
    phone.home()
    app_page = parse(phone.text)
    [form_] = app_page.find_all("form", class_="request")
    assert form_.find_all("h2")[0].text() == fr("app_request", service="RCAM")
    assert [b.text() for b in form_.find_all("button")] == [fr("app_confirm"), fr("app_refuse")]
    phone.answer(request_id, PIN)
    assert phone.response.status_code == 200 and fr("app_approved") in phone.text
    assert visitor.client.get(status_url).get_json() == {"status": "approved"}
    assert phone.requests() == []

    action, token = visitor.action(), visitor.csrf()
    response = visitor.submit({"step": "app", "request_id": request_id}, follow=False)
    assert response.status_code == 302 and urlsplit(response.location).path == Paths.RCAM_CALLBACK
    body = validate(app26, response.location)
    assert f"<cas:strength>{profiles.STRENGTH_APP_PIN}</cas:strength>" in body, body
    assert f"<cas:{cas.MOBILE_APP_FACTOR}>{DEVICE_NAME}</cas:{cas.MOBILE_APP_FACTOR}>" in body, body
    assert visitor.client.get(status_url).get_json()["status"] in ("done", "unknown")

    # the request completes once
    again = visitor.open(action, method="POST", follow=False,
                         data={"csrf_token": token, "step": "app", "request_id": request_id})
    assert again.status_code == 400
    assert sum(1 for t in site_world.tickets.values() if t.strength == profiles.STRENGTH_APP_PIN) == 1


def test_a_refused_request_says_so_and_offers_to_start_again(visitor, app26, site_world, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    rcam_login(visitor, identity, profiles.STRENGTH_APP_PIN)
    request_id = parse(visitor.text).find_all("input", name="request_id")[0].attrs["value"]
    phone = Phone(app26, identity.mobile)
    phone.answer(request_id, refuse=True)
    assert fr("app_denied") in phone.text
    response = visitor.submit({"step": "app", "request_id": request_id}, follow=False)
    assert response.status_code == 400 and visitor.alerts() == [fr("app_refused")]
    [again] = [a for a in parse(visitor.text).find_all("a") if a.text() == fr("app_start_again")]
    assert urlsplit(again.attrs["href"]).path == Paths.LOGIN and "service=" in again.attrs["href"]
    assert not any(s.strength in mobile.APP_STRENGTHS for s in site_world.sso_sessions.values())


def test_an_expired_request_is_refused_on_the_phone_and_on_the_computer(visitor, app26, site_world, identity,
                                                                        account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    rcam_login(visitor, identity, profiles.STRENGTH_APP_PIN)
    request_id = parse(visitor.text).find_all("input", name="request_id")[0].attrs["value"]
    site_world.clock.advance(rules.APP_REQUEST_LIFETIME)
    phone = Phone(app26, identity.mobile)
    assert phone.requests() == []
    phone.answer(request_id, PIN)
    assert phone.response.status_code == 410 and phone.alerts() == [fr("app_err_request_expired")]
    assert visitor.client.get(PUBLIC + Paths.APP_REQUEST_STATUS, query_string={"id": request_id}).get_json() \
        == {"status": "expired"}
    response = visitor.submit({"step": "app", "request_id": request_id}, follow=False)
    assert response.status_code == 400 and visitor.alerts() == [fr("app_expired")]
    assert fr("app_start_again") in visitor.text


def test_a_wrong_pin_for_a_request_counts_and_locks(visitor, app26, site_world, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    rcam_login(visitor, identity, profiles.STRENGTH_APP_PIN)
    request_id = parse(visitor.text).find_all("input", name="request_id")[0].attrs["value"]
    phone = Phone(app26, identity.mobile)
    for n in range(1, rules.APP_PIN_MAX_WRONG):
        phone.answer(request_id, OTHER_PIN)
        assert phone.alerts() == [fr("app_err_pin_wrong", left=rules.APP_PIN_MAX_WRONG - n)]
        assert fr("app_request", service="RCAM") in phone.text  # still waiting
    phone.answer(request_id, OTHER_PIN)
    minutes = int(rules.APP_PIN_LOCK.total_seconds() // 60)
    assert phone.response.status_code == 429 and phone.alerts() == [fr("app_err_pin_locked", minutes=minutes)]
    phone.answer(request_id, PIN)
    assert phone.response.status_code == 429
    assert site_world.app_requests[request_id].state == mobile.PENDING


@pytest.mark.parametrize("method", [profiles.STRENGTH_APP_PIN, profiles.STRENGTH_APP_QR])
def test_the_app_without_a_device_says_so_on_the_method_field(visitor, site_world, identity, method):
    response = rcam_login(visitor, identity, method)
    assert response.status_code == 400 and visitor.alerts() == [fr("app_none")]
    assert not site_world.app_requests and not site_world.app_qr_tokens and not site_world.sso_sessions


def test_the_waiting_screen_form_without_its_csrf_token_is_refused(visitor, app26, site_world, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    rcam_login(visitor, identity, profiles.STRENGTH_APP_PIN)
    request_id = parse(visitor.text).find_all("input", name="request_id")[0].attrs["value"]
    Phone(app26, identity.mobile).answer(request_id, PIN)
    response = visitor.open(visitor.action(), method="POST", follow=False,
                            data={"csrf_token": "forged", "step": "app", "request_id": request_id})
    assert response.status_code == 400 and fr("err_csrf") in visitor.alerts()
    assert not site_world.tickets and not site_world.app_requests[request_id].completed


# --------------------------------------------------------------------------- signing in with the QR code
def qr_sign_in_page(visitor: Visitor, identity) -> bytes:
    response = rcam_login(visitor, identity, profiles.STRENGTH_APP_QR)
    assert response.status_code == 200, visitor.text
    assert parse(visitor.text).find_all("h1")[0].text() == fr("app_qr_title")
    return img_png(visitor.text, fr("app_qr_image"))


def test_signing_in_to_rcam_with_the_qr_code_gives_a_ticket_naming_the_app(visitor, app26, site_world, identity,
                                                                          account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    picture = qr_sign_in_page(visitor, identity)
    page = parse(visitor.text)
    assert page.find_all("label", for_="otp")[0].text() == fr("app_qr_code")
    assert [b.text() for b in page.find_all("button")][-1] == fr("sign_in")
    assert qr.decode(picture)[0].startswith(mobile.SIGN_IN_PREFIX)
    phone = Phone(app26, identity.mobile)
    phone.scan(picture)
    assert phone.response.status_code == 200 and fr("app_sign_in_pin") in phone.text
    phone.pin(PIN)
    otp = phone.otp()
    assert re.fullmatch(rf"\d{{{rules.APP_OTP_DIGITS}}}", otp)
    assert fr("app_otp") in phone.text
    response = visitor.submit({"step": "app_qr", "otp": otp}, follow=False)
    assert response.status_code == 302, visitor.text
    body = validate(app26, response.location)
    assert f"<cas:strength>{profiles.STRENGTH_APP_QR}</cas:strength>" in body, body
    assert f"<cas:{cas.MOBILE_APP_FACTOR}>{DEVICE_NAME}</cas:{cas.MOBILE_APP_FACTOR}>" in body, body


def test_a_sign_in_qr_code_scanned_twice_is_already_used(visitor, app26, site_world, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    picture = qr_sign_in_page(visitor, identity)
    phone = Phone(app26, identity.mobile)
    phone.scan(picture)
    phone.pin(PIN)
    phone.scan(picture)
    assert phone.response.status_code == 410 and phone.alerts() == [fr("app_err_qr_used")]


def test_a_phone_without_a_device_of_the_account_is_an_unknown_device(visitor, app26, site_world, identity,
                                                                       account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    picture = qr_sign_in_page(visitor, identity)
    stranger = Phone(app26, identity.second_mobile)
    stranger.scan(picture)
    assert stranger.response.status_code == 403 and stranger.alerts() == [fr("app_err_unknown_device")]
    other = site_world.seed_account(site_world.new_identity(), password=PASSWORD, language="fr")
    mobile.seed_device(site_world, other, identity.second_mobile, "Autre", PIN)  # a device, of another account
    stranger.scan(picture)
    assert stranger.response.status_code == 403 and stranger.alerts() == [fr("app_err_unknown_device")]
    assert not site_world.app_qr_tokens[qr.decode(picture)[0].removeprefix(mobile.SIGN_IN_PREFIX)].used


def test_a_wrong_one_time_password_is_refused_and_the_right_one_then_works(visitor, app26, site_world, identity,
                                                                          account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    picture = qr_sign_in_page(visitor, identity)
    phone = Phone(app26, identity.mobile)
    phone.scan(picture)
    phone.pin(PIN)
    otp = phone.otp()
    wrong = str((int(otp) + 1) % 10 ** rules.APP_OTP_DIGITS).zfill(rules.APP_OTP_DIGITS)
    assert visitor.submit({"step": "app_qr", "otp": wrong}, follow=False).status_code == 400
    assert field_error(visitor.text, "otp") == fr("app_err_otp_wrong")
    assert img_png(visitor.text, fr("app_qr_image")) == picture  # the same code still stands
    assert visitor.submit({"step": "app_qr", "otp": "12"}, follow=False).status_code == 400
    assert field_error(visitor.text, "otp") == fr("app_err_otp_format", length=rules.APP_OTP_DIGITS)
    assert visitor.submit({"step": "app_qr", "otp": otp}, follow=False).status_code == 302


def test_a_wrong_pin_after_scanning_a_sign_in_code_counts(visitor, app26, site_world, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    phone = Phone(app26, identity.mobile)
    phone.scan(qr_sign_in_page(visitor, identity))
    phone.pin(OTHER_PIN)
    assert phone.response.status_code == 400
    assert phone.alerts() == [fr("app_err_pin_wrong", left=rules.APP_PIN_MAX_WRONG - 1)]
    assert not parse(phone.text).find_all("output")


def test_an_expired_sign_in_qr_code_is_replaced_by_a_new_one(visitor, app26, site_world, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    picture = qr_sign_in_page(visitor, identity)
    phone = Phone(app26, identity.mobile)
    phone.scan(picture)
    phone.pin(PIN)
    otp = phone.otp()
    site_world.clock.advance(rules.APP_QR_LIFETIME)
    assert visitor.submit({"step": "app_qr", "otp": otp}, follow=False).status_code == 400
    assert visitor.alerts() == [fr("app_qr_expired")]
    fresh = img_png(visitor.text, fr("app_qr_image"))
    assert qr.decode(fresh) != qr.decode(picture)
    phone.scan(picture)
    assert phone.response.status_code == 410 and phone.alerts() == [fr("app_err_qr_used")]
    phone.scan(fresh)
    phone.pin(PIN)
    assert visitor.submit({"step": "app_qr", "otp": phone.otp()}, follow=False).status_code == 302


def test_an_expired_sign_in_qr_code_is_refused_by_the_app(visitor, app26, site_world, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    picture = qr_sign_in_page(visitor, identity)
    site_world.clock.advance(rules.APP_QR_LIFETIME + timedelta(seconds=1))
    phone = Phone(app26, identity.mobile)
    phone.scan(picture)
    assert phone.response.status_code == 410 and phone.alerts() == [fr("app_err_qr_expired")]


def test_the_qr_code_form_without_its_csrf_token_is_refused(visitor, app26, site_world, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    phone = Phone(app26, identity.mobile)
    phone.scan(qr_sign_in_page(visitor, identity))
    phone.pin(PIN)
    response = visitor.open(visitor.action(), method="POST", follow=False,
                            data={"csrf_token": "forged", "step": "app_qr", "otp": phone.otp()})
    assert response.status_code == 400 and fr("err_csrf") in visitor.alerts() and not site_world.tickets


# --------------------------------------------------------------------------- seeding, CAS attributes, the world
def test_on_the_2026_screens_the_app_is_offered_and_only_eid_and_on_mobile_are_unavailable():
    screens = profiles.get("2026")
    assert {profiles.STRENGTH_APP_PIN, profiles.STRENGTH_APP_QR} <= set(screens.offered)
    assert screens.unavailable == (profiles.STRENGTH_ON_MOBILE, profiles.STRENGTH_EID)


def test_an_approved_request_completes_once(site_world, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    request = mobile.start_request(site_world, account)
    mobile.answer_request(site_world, identity.mobile, request.id, PIN, approve=True)
    done, device = mobile.complete_request(site_world, account, request.id)
    assert done.completed and device.name == DEVICE_NAME
    with pytest.raises(mobile.SignInNotApproved) as refused:
        mobile.complete_request(site_world, account, request.id)
    assert refused.value.label == "app_err_request_gone"
    assert mobile.request_status(site_world, request) == mobile.DONE


def test_seeded_app_sessions_name_the_app_in_both_validation_formats(site_world, app26, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    service = PUBLIC + Paths.RCAM_CALLBACK
    client = app26.test_client()
    for strength in mobile.APP_STRENGTHS:
        sso = mobile.seed_app_sso(site_world, account, strength)
        for path in (Paths.SERVICE_VALIDATE, Paths.P3_SERVICE_VALIDATE):
            ticket = site_world.issue_ticket(sso, service, from_sso=False)
            body = client.get(path, query_string={"service": service, "ticket": ticket.id},
                              base_url=PUBLIC).get_data(as_text=True)
            assert f"<cas:strength>{strength}</cas:strength>" in body, body
            assert f"<cas:{cas.MOBILE_APP_FACTOR}>{DEVICE_NAME}</cas:{cas.MOBILE_APP_FACTOR}>" in body, body
    with pytest.raises(ValueError):
        mobile.seed_app_sso(site_world, account, rules.STRENGTH_PASSWORD)
    with pytest.raises(ValueError):
        mobile.seed_device(site_world, account, identity.mobile, "x", "12")


def test_the_app_s_state_is_exported_and_imported_with_the_world(site_world, identity, account):
    mobile.seed_device(site_world, account, identity.mobile, DEVICE_NAME, PIN)
    mobile.start_request(site_world, account)
    mobile.start_qr_sign_in(site_world, account)
    mobile.start_enrolment(site_world, account, "Autre", PIN)
    state = site_world.export_state()
    other = World()
    other.import_state(state)
    assert other.snapshot() == site_world.snapshot() and other.holds_state(state)
    site_world.reset()
    assert not (site_world.mobile_devices or site_world.app_requests or site_world.app_qr_tokens
                or site_world.device_enrolments)


def test_two_worlds_that_differ_only_by_their_draws_hold_the_same_state():
    worlds = [World(), World()]
    for world_ in worlds:
        identity = world_.new_identity()
        account = world_.seed_account(identity, password=PASSWORD, language="fr")
        mobile.seed_device(world_, account, identity.mobile, DEVICE_NAME, PIN)
        mobile.start_request(world_, account)
        code = mobile.start_qr_sign_in(world_, account)
        mobile.scan(world_, identity.mobile, qr.qr_png(mobile.sign_in_qr_text(code)))
        mobile.confirm_qr(world_, identity.mobile, code.token, PIN)
    assert worlds[0].holds_state(worlds[1].export_state())


# --------------------------------------------------------------------------- in Chromium, through the TLS server
EU = rules.GUIDE_PUBLIC_URL


@pytest.fixture
def person(world):
    identity = world.new_identity()
    world.seed_account(identity, password=PASSWORD, language="fr")
    world.seed_pensioner(identity)
    return identity


def browser_signed_in(context: BrowserContext, world, mock_server, person) -> None:
    sso = world.open_sso(person.email, rules.STRENGTH_PASSWORD)
    context.add_cookies([mock_server.session_cookie(Paths.CAS, {"sso": sso.id})])


def open_add_device(page: Page) -> None:
    page.goto(EU + Paths.MY_ACCOUNT)
    page.get_by_role("link", name=fr("manage_devices")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("devices_title"))
    expect(page.get_by_text(fr("devices_none"))).to_be_visible()
    page.get_by_role("link", name=fr("add_device_link")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("add_device_link"))
    page.get_by_label(fr("device_name")).fill(DEVICE_NAME)
    page.get_by_label(fr("device_pin"), exact=True).fill(PIN)
    page.get_by_label(fr("device_pin_confirm")).fill(PIN)
    page.get_by_role("button", name=fr("device_submit")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("device_scan_title"))


def photograph(page: Page, alt: str, path) -> str:
    """The QR code as the phone's camera sees it: an element screenshot of the computer's ``<img>``."""
    image = page.get_by_role("img", name=alt)
    expect(image).to_be_visible()
    image.screenshot(path=str(path))
    return str(path)


def open_app(context: BrowserContext, number: str) -> Page:
    phone = context.new_page()
    phone.goto(f"https://{rules.PHONE_HOST}/{number}")
    phone.get_by_role("link", name=fr("app_name")).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(fr("app_name"))
    return phone


@pytest.mark.browser
@pytest.mark.screens("2026")
def test_add_the_app_from_a_photo_of_the_screen_then_sign_in_to_rcam_with_the_pin(page: Page, context, world,
                                                                                  mock_server, person, tmp_path):
    browser_signed_in(context, world, mock_server, person)
    open_add_device(page)
    photo = photograph(page, fr("device_qr"), tmp_path / "qr.png")

    phone = open_app(context, person.mobile)
    expect(phone.get_by_text(fr("app_not_initialised"))).to_be_visible()
    phone.get_by_role("button", name=fr("app_initialise")).click()
    phone.get_by_label(fr("app_picture")).set_input_files(photo)
    phone.get_by_role("button", name=fr("app_scan")).click()
    expect(phone.get_by_text(fr("app_init_pin", name=DEVICE_NAME))).to_be_visible()
    phone.get_by_label(fr("app_pin")).fill(PIN)
    phone.get_by_role("button", name=fr("app_confirm")).click()
    expect(phone.get_by_role("status")).to_have_text(fr("app_ready", name=DEVICE_NAME))

    # the computer's page goes on by itself
    expect(page.get_by_role("status")).to_have_text(fr("device_added", name=DEVICE_NAME))
    expect(page).to_have_url(re.compile(re.escape(EU + Paths.MANAGE_DEVICES)))
    expect(page.get_by_role("list", name=fr("devices_title"))).to_contain_text(DEVICE_NAME)

    # signing in to RCAM: the computer waits, the phone is notified
    page.goto(EU + Paths.LOGOUT)
    page.goto(EU + Paths.RCAM_LOGIN)
    page.get_by_role("textbox", name=fr("whoami_email")).fill(person.email)
    page.get_by_role("button", name=fr("next")).click()
    page.get_by_label(fr("password"), exact=True).fill(PASSWORD)
    page.get_by_role("combobox", name=fr("auth_method")).select_option(label=fr("method_app_pin"))
    page.get_by_role("button", name=fr("sign_in")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("app_wait_title"))
    expect(page.get_by_text(fr("app_wait_intro", name=DEVICE_NAME))).to_be_visible()

    request = phone.get_by_role("form", name=fr("app_request", service="RCAM"))
    expect(request).to_be_visible()  # the app reloaded itself when the request came
    request.get_by_label(fr("app_pin")).fill(PIN)
    request.get_by_role("button", name=fr("app_confirm")).click()
    expect(phone.get_by_role("status")).to_have_text(fr("app_approved"))

    expect(page.get_by_role("heading", level=1)).to_have_text(fr("rcam_first_access_title"))
    expect(page).to_have_url(re.compile(re.escape(EU + Paths.RCAM_FIRST_ACCESS)))
    strengths = {s.strength for s in world.sso_sessions.values() if s.email == person.email and world.sso(s.id)}
    assert strengths == {profiles.STRENGTH_APP_PIN}
    phone.close()


@pytest.mark.browser
@pytest.mark.screens("2026")
def test_a_covered_qr_code_cannot_be_scanned(page: Page, context, world, mock_server, person, tmp_path):
    browser_signed_in(context, world, mock_server, person)
    open_add_device(page)
    page.get_by_role("img", name=fr("device_qr")).evaluate("""(img) => {
        const box = img.getBoundingClientRect();
        const cover = document.createElement("div");
        Object.assign(cover.style, {position: "absolute", left: (box.left + scrollX + box.width / 4) + "px",
            top: (box.top + scrollY + box.height / 4) + "px", width: box.width / 2 + "px",
            height: box.height / 2 + "px", background: "#336"});
        document.body.appendChild(cover);
    }""")
    photo = photograph(page, fr("device_qr"), tmp_path / "covered.png")

    phone = open_app(context, person.mobile)
    phone.get_by_role("button", name=fr("app_initialise")).click()
    phone.get_by_label(fr("app_picture")).set_input_files(photo)
    phone.get_by_role("button", name=fr("app_scan")).click()
    expect(phone.get_by_role("alert")).to_have_text(fr("app_err_no_qr"))
    expect(phone.get_by_role("button", name=fr("app_scan"))).to_be_visible()
    assert not world.mobile_devices and all(e.phone is None for e in world.device_enrolments.values())
    phone.close()
