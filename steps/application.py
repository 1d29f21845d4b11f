"""The EU Login Mobile App (the 2026 guide): the app on the smartphone, « Gérer mes appareils mobiles », the QR code
the app scans, the PIN, and signing in with « Application mobile EU Login : code PIN ».

The smartphone is the fake phone's « EU Login » app, in another tab of the same browser (``Pensioner.other_tab``):
it is kept between steps, as a person keeps their phone in hand. The app reads a QR code only from a picture of the
computer's screen (an element screenshot uploaded as the camera's photo), never from the page's source or the world.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from mock_sites import mail, rules
from mock_sites.eulogin import mobile
from mock_sites.labels import fr, text
from mock_sites.rcam import service as pmo
from rehearse.pages import AppSignIn, MobileDevices, PhoneApp
from rehearse.screens import AFTER_INSTRUCTION_2026

from .personne import Pensioner, finish_stage_1

PIN = "4826"  # « un code PIN de 4 chiffres facile à retenir »
DEVICE_NAME = "Mon smartphone"  # the guide's example: « par exemple Mon smartphone »
WRONG_PIN = "0000"


@contextmanager
def smartphone(pensioner: Pensioner) -> Iterator[PhoneApp]:
    """The smartphone in hand: its app, as it was left (another tab, brought to the front, then the PC again)."""
    with pensioner.other_tab() as tab:
        yield PhoneApp(tab)


def devices(pensioner: Pensioner) -> MobileDevices:
    return MobileDevices(pensioner.page, base=pensioner.server.public_url)


def account_of(pensioner: Pensioner):
    """The person's account: seeded by the scenario, or made by the instructions the journey followed."""
    if pensioner.account is None:
        pensioner.account = pensioner.world.account(pensioner.identity.email)
    assert pensioner.account is not None, f"no EU Login account for {pensioner.identity.email}"
    return pensioner.account


def add_device(pensioner: Pensioner) -> None:
    """The world after 1.8–1.16: the app initialised on the person's smartphone, with their PIN."""
    mobile.seed_device(pensioner.world, pensioner.account, pensioner.identity.mobile, DEVICE_NAME, PIN)


# --- « Étant donné » : the worlds of the 2026 guide
@given("un pensionné connecté à EU Login qui a ajouté son smartphone")
def signed_in_with_device(pensioner: Pensioner):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, password=rules.GUIDE_EXAMPLE_PASSWORD)
    add_device(pensioner)
    pensioner.sign_in_directly()
    pensioner.eulogin.open(rules.Paths.LOGIN)


@given(parsers.parse("il a ouvert l'application EU Login sur son smartphone et appuyé sur « {label} »"))
def app_initialising(pensioner: Pensioner, label: str):
    with smartphone(pensioner) as app:
        app.open(pensioner.identity.mobile)
        app.click(label)


@given("le code QR d'ajout de son smartphone s'affiche sur son PC")
def enrolment_qr_shown(pensioner: Pensioner):
    enrolment = mobile.start_enrolment(pensioner.world, pensioner.account, DEVICE_NAME, PIN)
    screen = devices(pensioner)
    screen.open_enrolment(enrolment.token)
    screen.expect_qr_code()


@given("un pensionné qui a terminé la 1ère étape avec l'application EU Login")
def stage_1_done_with_app(pensioner: Pensioner):
    finish_stage_1(pensioner)
    add_device(pensioner)


@given("un pensionné qui a reçu son code final, avec l'application EU Login")
def final_code_received_with_app(pensioner: Pensioner):
    stage_1_done_with_app(pensioner)
    pmo.seed_registration(pensioner.world, pensioner.identity, delivered=True)


@given("son PC attend la confirmation de la connexion à RCAM sur son smartphone")
def waiting_for_the_phone(pensioner: Pensioner):
    pensioner.rcam.open(rules.Paths.RCAM_LOGIN)
    AppSignIn(pensioner.page, base=pensioner.server.public_url).sign_in_with_app(
        pensioner.identity.email, rules.GUIDE_EXAMPLE_PASSWORD)


def sign_in_with_app_directly(pensioner: Pensioner) -> None:
    """Seed an EU Login session in the browser as a sign-in confirmed in the app with the PIN leaves it."""
    sso = mobile.seed_app_sso(pensioner.world, pensioner.account)
    pensioner.page.context.add_cookies([pensioner.server.session_cookie(rules.Paths.CAS, {"sso": sso.id})])


@given("il est connecté à RCAM par l'application EU Login")
def signed_in_to_rcam_with_app(pensioner: Pensioner):
    sign_in_with_app_directly(pensioner)
    pensioner.rcam.open(pensioner.sign_in_to_rcam_directly())


@given("son accès à RCAM est activé et il est encore connecté à EU Login par l'application")
def activated_and_signed_in_with_app(pensioner: Pensioner):
    pensioner.world.seed_activation(pensioner.identity)
    sign_in_with_app_directly(pensioner)


# --- « Quand » : on the smartphone and on the PC
@when("il installe l'application EU Login sur son smartphone et l'ouvre")
@when("il ouvre l'application EU Login sur son smartphone")
@when("il appuie sur la notification de l'application EU Login")
def open_app(pensioner: Pensioner):
    """Installing from the App Store or Google Play is outside the rehearsal: the fake phone has the app."""
    with smartphone(pensioner) as app:
        app.open(pensioner.identity.mobile)


@when("implicitement, il se reconnecte à RCAM avec l'application EU Login")
def sign_in_again_with_app(pensioner: Pensioner):
    """The guide: « Vous aurez bientôt accès aux applications lors d’une prochaine connexion via EU Login »."""
    pensioner.rcam.open(rules.Paths.RCAM_HOME)
    pensioner.rcam.scroll_down_and_connect(fr("rcam_connect"))
    AppSignIn(pensioner.page, base=pensioner.server.public_url).sign_in_with_app(
        pensioner.identity.email, rules.GUIDE_EXAMPLE_PASSWORD)
    with smartphone(pensioner) as app:
        app.open(pensioner.identity.mobile)
        app.enter_pin(fr("app_pin"), PIN)
        app.click(fr("app_confirm"))
        app.expect_accepted()


@when(parsers.parse("il appuie sur « {label} » dans l'application"))
def tap_in_app(pensioner: Pensioner, label: str):
    with smartphone(pensioner) as app:
        app.click(label)


@when(parsers.parse("il choisit un code PIN de {length:d} chiffres et l'indique dans « {pin_label} » et une seconde "
                    "fois dans « {confirm_label} »"))
def choose_pin(pensioner: Pensioner, length: int, pin_label: str, confirm_label: str):
    assert length == rules.APP_PIN_LENGTH == len(PIN), f"the screens ask for {rules.APP_PIN_LENGTH} digits"
    pensioner.screen.type_into(pin_label, PIN)
    pensioner.screen.type_into(confirm_label, PIN)


@when("quelque chose cache la moitié du code QR sur l'écran de son PC")
def cover_qr(pensioner: Pensioner):
    devices(pensioner).cover_qr_code(0.5)


@when("le code QR n'est plus caché")
def uncover_qr(pensioner: Pensioner):
    devices(pensioner).uncover_qr_code()


@when(parsers.parse("dans l'application, il appuie sur « {label} » et tient le smartphone devant l'écran du PC"))
def scan_qr(pensioner: Pensioner, label: str):
    picture = devices(pensioner).photograph_qr_code()  # the PC's screen, as the camera sees it
    with smartphone(pensioner) as app:
        app.scan(label, picture)


@when(parsers.parse("il introduit son code PIN dans « {field} » et appuie sur « {button} »"))
def enter_pin(pensioner: Pensioner, field: str, button: str):
    with smartphone(pensioner) as app:
        app.enter_pin(field, PIN)
        app.click(button)
        app.expect_accepted()


@when(parsers.parse("il introduit un code PIN erroné dans « {field} » et appuie sur « {button} »"))
def enter_wrong_pin(pensioner: Pensioner, field: str, button: str):
    assert WRONG_PIN != PIN
    with smartphone(pensioner) as app:
        app.enter_pin(field, WRONG_PIN)
        app.click(button)


# --- « Alors » : what the smartphone and the PC show
@then(parsers.parse("l'application n'est pas encore initialisée et propose « {label} »"))
def app_not_initialised(pensioner: Pensioner, label: str):
    with smartphone(pensioner) as app:
        app.expect_not_initialised()
        expect(app.control(label)).to_be_visible()


@then(parsers.parse("l'application attend la photo du code QR, avec « {label} »"))
def app_ready_to_scan(pensioner: Pensioner, label: str):
    with smartphone(pensioner) as app:
        app.expect_ready_to_scan(label)


@then(parsers.parse("il voit le champ « {label} »"))
def sees_field(pensioner: Pensioner, label: str):
    expect(pensioner.screen.labelled(label)).to_be_visible()


@then("un code QR s'affiche sur l'écran de son PC")
def qr_shown(pensioner: Pensioner):
    devices(pensioner).expect_qr_code()


@then("l'application lui demande son code PIN pour son smartphone")
def app_asks_pin(pensioner: Pensioner):
    with smartphone(pensioner) as app:
        app.expect_pin_asked(fr("app_init_pin", name=DEVICE_NAME))


@then("l'application indique que son smartphone est enregistré")
def app_ready(pensioner: Pensioner):
    with smartphone(pensioner) as app:
        app.expect_notice(fr("app_ready", name=DEVICE_NAME))
        expect(app.device_list()).to_contain_text(DEVICE_NAME)


@then("une confirmation s'affiche sur l'écran de son PC : l'appareil mobile a bien été ajouté")
def device_added_on_screen(pensioner: Pensioner, request):
    devices(pensioner).expect_added(DEVICE_NAME, 2 * request.config.getoption("--expect-timeout"))
    assert [d.name for d in mobile.devices_of(pensioner.world, account_of(pensioner))] == [DEVICE_NAME]


@then("un courriel confirme que l'appareil mobile a bien été ajouté")
def device_added_by_email(pensioner: Pensioner):
    subject = text("mail_device_subject", account_of(pensioner).email_language)
    contents = [mail.decode(m.raw) for m in pensioner.world.inbox("email", pensioner.identity.email)]
    found = [c for c in contents if c.subject == subject]
    assert found and DEVICE_NAME in found[-1].text, f"no e-mail « {subject} » names {DEVICE_NAME}"


@then("son PC attend la confirmation sur son smartphone")
def pc_waits(pensioner: Pensioner):
    AppSignIn(pensioner.page, base=pensioner.server.public_url).expect_waiting()


@then(parsers.parse("l'application affiche la demande de connexion à {service}, avec « {field} » et « {button} »"))
def app_shows_request(pensioner: Pensioner, service: str, field: str, button: str):
    with smartphone(pensioner) as app:
        expect(app.request(service), f"no sign-in request for {service} in the app").to_be_visible()
        expect(app.request_field(service, field)).to_be_visible()
        expect(app.request_control(service, button)).to_be_visible()


@then(parsers.parse("l'application affiche le message « {message} »"))
def app_message(pensioner: Pensioner, message: str):
    with smartphone(pensioner) as app:
        expect(app.alerts(), "the app must show this one message, and no other").to_have_text([message])


@then(parsers.parse("son PC continue tout seul jusqu'à l'écran « {label} »"))
def pc_goes_on(pensioner: Pensioner, label: str, request):
    """No click on the PC: its waiting screen goes on by itself once the phone has confirmed. It learns of the answer
    by asking every second, then goes through the service's sign-in: twice a step's time, for a busy machine."""
    try:
        AppSignIn(pensioner.page, base=pensioner.server.public_url).expect_goes_on_to(
            label, 2 * request.config.getoption("--expect-timeout"))
    except AssertionError as error:
        with smartphone(pensioner) as app:
            phone = app.describe()
        requests = [(r.state, r.completed) for r in pensioner.world.app_requests.values()]
        raise AssertionError(f"{error}\nsign-in requests (state, completed): {requests}\nthe phone: {phone}") from None


@then("aucun appareil mobile n'a été ajouté à son compte")
def no_device(pensioner: Pensioner):
    assert mobile.devices_of(pensioner.world, account_of(pensioner)) == []


@then("aucune session EU Login n'est ouverte par l'application")
def no_app_session(pensioner: Pensioner):
    assert not pensioner.open_sso_sessions(), "a sign-in went through without the right PIN"


@then(parsers.re(r"l'instruction (?P<instruction>\d+\.\d+) du guide 2026 est faite"))
def instruction_2026_done(pensioner: Pensioner, instruction: str, request):
    """The screen the 2026 guide's instruction leads to, on the PC or the smartphone; its picture goes to the
    report (keyed by the instruction's id: the report's guide is the 2026 one under ``rehearse run --screens 2026``)."""
    after = AFTER_INSTRUCTION_2026[instruction]
    recorder = request.config.pluginmanager.get_plugin("rehearse-recorder")
    heading = fr(after.heading, name=pensioner.identity.full_name)
    if after.site == "phone":
        with smartphone(pensioner) as app:
            app.expect_heading(heading)
            if recorder is not None:
                recorder.instruction_screenshot(instruction, app.page)
        return
    pensioner.screen.expect_heading(heading)
    if recorder is not None:
        recorder.instruction_screenshot(instruction, pensioner.page)
