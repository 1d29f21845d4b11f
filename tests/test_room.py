"""``rehearse serve`` for a room of people: each visitor's own identity, mailbox and phone; the facilitator's page
behind its token; the room's clock following real time; « J'ai fermé mon navigateur ».

Through Flask's test client on an app made a room (``mock_sites.room.install``, as ``start_plain(room=True)`` does),
and once over real HTTP; the harness's app (no room) keeps its direct access to every mailbox and phone.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, urlencode

import pytest
import requests

from mock_sites import create_app, labels, mail, rules
from mock_sites.labels import fr
from mock_sites.rcam import service as rcam_service
from mock_sites.room import install, service, when
from mock_sites.rules import Paths
from mock_sites.server import start_plain
from mock_sites.world import EPOCH, World
from tests.helpers import PASSWORD, Client, form_values, heading, parse

BASE = "http://127.0.0.1:8000"
START = Paths.ROOM + "/"
T0 = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)


class FakeTime:
    """The real time as a test gives it: ``now`` moves only when the test says (no sleeping)."""

    def __init__(self, start: datetime = T0) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


class Browser:
    """One visitor's browser on the room's app: its cookies, and the CSRF token of the last form it was shown."""

    def __init__(self, app) -> None:
        self.app = app
        self.http = app.test_client()
        self.response = None

    @property
    def world(self) -> World:
        return self.app.extensions["world"]

    @property
    def html(self) -> str:
        return self.response.get_data(as_text=True)

    def get(self, path: str, **kwargs):
        self.response = self.http.get(path, base_url=BASE, **kwargs)
        return self.response

    def post(self, path: str, data: dict | None = None, *, csrf: bool = True):
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = form_values(self.html)["csrf_token"]
        self.response = self.http.post(path, base_url=BASE, data=data)
        return self.response

    def start(self):
        """Open the start page and take an identity (« Recevoir mon identité »)."""
        self.get(START)
        assert self.post(START + "start").status_code == 302
        self.get(START)
        return self.identity()

    def cookie(self, name: str, path: str = "/"):
        return self.http.get_cookie(name, domain="127.0.0.1", path=path)

    def person(self):
        """The identity the room handed this browser (as the world keeps it)."""
        return self.world.visitors[self.cookie(service.VISITOR_COOKIE).value].identity

    def identity(self) -> dict[str, str]:
        page = parse(self.html)
        return {node.attrs["id"].removeprefix("identity-"): node.text()
                for node in page.find_all("dd") if node.attrs.get("id", "").startswith("identity-")}


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime()


def make_room_app(clock, screens: str = "2020"):
    """A room on the ``screens`` profile, served at ``BASE``, its clock ``clock``."""
    app = create_app(World(seed=21), public_url=BASE, mailbox_url=BASE + Paths.MAILBOX, phone_url=BASE + Paths.PHONE,
                     secure_cookies=False, allowed_hosts=("*",), screens=screens)
    install(app, facilitator_token="the-facilitators-own-secret-token", time_source=clock)
    return app


@pytest.fixture
def room_app(clock):
    return make_room_app(clock)


def email(world: World, to: str, subject: str):
    """A real e-mail (MIME, as EU Login sends them) delivered to ``to`` now."""
    msg = mail.build(to=to, subject=subject, lang="fr", paragraphs=[subject], sent_at=world.now())
    return world.send("email", to, subject, subject, msg.as_bytes())


def facilitator_url(app) -> str:
    return app.extensions["room"].facilitator_path


def row_of(html: str, email: str):
    rows = [tr for tr in parse(html).find_all("tr") if any(td.text() == email for td in tr.find_all("td"))]
    assert len(rows) == 1, f"no single row for {email}"
    return rows[0]


def instruction_of(html: str, email: str) -> str:
    found = row_of(html, email).find_all("strong", class_="instruction")
    return found[0].text() if found else ""


def last_done(facilitator: Browser, page: str, email: str) -> str:
    """The instruction the facilitator's page shows as ``email``'s last one done."""
    facilitator.get(page)
    return instruction_of(facilitator.html, email)


# --------------------------------------------------------------------------- identity per visitor
def test_each_visitor_gets_their_own_identity_known_to_the_pmo(room_app):
    first, second = Browser(room_app), Browser(room_app)
    first.get("/")
    assert first.response.status_code == 302 and first.response.location.endswith(START)
    first.get(START)
    assert fr("room_start_title") in heading(first.html)
    assert labels.text("room_start_title", "en") in heading(first.html)
    mine, theirs = first.start(), second.start()
    assert mine["email"] != theirs["email"] and mine["mobile"] != theirs["mobile"]
    assert mine["pension-number"] != theirs["pension-number"]
    world = room_app.extensions["world"]
    for person in (mine, theirs):
        pensioner = world.pensioner(person["pension-number"])
        assert pensioner is not None and pensioner.birth_date.strftime(rules.BIRTH_DATE_FORMAT) == person["birth-date"]
    assert world.final_code_delay == timedelta(0)
    links = {a.attrs["href"] for a in parse(first.html).find_all("a")}
    assert f"{Paths.MAILBOX}/{mine['email']}" in links
    assert f"{Paths.PHONE}/{mine['mobile']}" in links and f"{Paths.PHONE}/{mine['second-mobile']}" in links
    # the same browser asking again keeps its identity
    first.post(START + "start")
    first.get(START)
    assert first.identity() == mine
    assert len(world.visitors) == 2


@pytest.mark.parametrize("screens, has_app", [("2020", False), ("2026", True)])
def test_on_today_s_screens_the_start_page_opens_the_phone_s_eu_login_app(clock, screens, has_app):
    """The 2026 guide by hand: the person keeps the fake phone's EU Login app in another tab."""
    app = make_room_app(clock, screens)
    browser = Browser(app)
    mine = browser.start()
    app_link = f"{Paths.PHONE}/{mine['mobile']}/app"
    links = {a.attrs["href"] for a in parse(browser.html).find_all("a")}
    assert (app_link in links) is has_app
    assert browser.get(app_link).status_code == (200 if has_app else 404)
    if has_app:
        assert labels.text("app_initialise", "en") in browser.html  # the test browser asks for no language
        other = Browser(app).start()  # another visitor's app is theirs only
        assert browser.get(f"{Paths.PHONE}/{other['mobile']}/app").status_code == 404


def test_the_start_page_refuses_a_form_without_its_token(room_app):
    browser = Browser(room_app)
    browser.get(START)
    assert browser.post(START + "start", csrf=False).status_code == 400
    assert room_app.extensions["world"].visitors == {}


# --------------------------------------------------------------------------- devices under serve
def test_another_visitors_mailbox_and_phone_are_404_even_typed_by_hand(room_app):
    me, other = Browser(room_app), Browser(room_app)
    mine, theirs = me.start(), other.start()
    world = room_app.extensions["world"]
    message = email(world, theirs["email"], "Secret")
    world.send("sms", theirs["mobile"], "", "CODE-THEIRS")
    email(world, mine["email"], "Mine")
    world.send("sms", mine["mobile"], "", "CODE-MINE")
    address, number = quote(theirs["email"]), quote(theirs["mobile"], safe="")
    for path in (f"{Paths.MAILBOX}/{address}", f"{Paths.MAILBOX}/{address}/messages.json",
                 f"{Paths.MAILBOX}/{address}/{message.id}", f"{Paths.MAILBOX}/{address}/{message.id}.eml",
                 f"{Paths.MAILBOX}/{theirs['email'].upper()}", f"{Paths.PHONE}/{number}",
                 f"{Paths.PHONE}/{number}/messages.json", f"{Paths.PHONE}/{quote(theirs['second-mobile'], safe='')}"):
        assert me.get(path).status_code == 404, path
    assert other.get(f"{Paths.MAILBOX}/{address}").status_code == 200
    assert "Secret" in other.html
    assert other.get(f"{Paths.PHONE}/{number}/messages.json").json["messages"][0]["text"] == "CODE-THEIRS"
    assert me.get(f"{Paths.MAILBOX}/{quote(mine['email'])}/messages.json").status_code == 200
    # the index pages list only the visitor's own
    me.get(Paths.MAILBOX + "/")
    assert mine["email"] in me.html and theirs["email"] not in me.html
    me.get(Paths.PHONE + "/")
    assert mine["mobile"] in me.html and theirs["mobile"] not in me.html
    # a browser without an identity sees none
    stranger = Browser(room_app)
    assert stranger.get(f"{Paths.MAILBOX}/{address}").status_code == 404
    stranger.get(Paths.MAILBOX + "/")
    assert theirs["email"] not in stranger.html and mine["email"] not in stranger.html


def test_a_number_typed_by_the_visitor_is_theirs_unless_it_is_another_visitors(room_app):
    me, other = Browser(room_app), Browser(room_app)
    mine, theirs = me.start(), other.start()
    world = room_app.extensions["world"]
    account = world.seed_account(me.person(),
                                 password=PASSWORD)
    account.phones.extend(["+32470000111", theirs["mobile"]])  # their own number, and someone else's
    assert me.get(f"{Paths.PHONE}/{quote('+32470000111', safe='')}").status_code == 200
    assert me.get(f"{Paths.PHONE}/{quote(theirs['mobile'], safe='')}").status_code == 404
    assert other.get(f"{Paths.PHONE}/{quote('+32470000111', safe='')}").status_code == 404
    assert me.get(f"{Paths.PHONE}/{quote(mine['mobile'], safe='')}").status_code == 200


def test_the_harness_keeps_its_direct_access_to_every_device():
    client = Client(base_url=f"https://{rules.MAILBOX_HOST}")
    email(client.world, "anyone.1@example.org", "Hello")
    assert client.get("/anyone.1@example.org").status_code == 200
    assert client.get("/anyone.1@example.org/messages.json").json["messages"][0]["subject"] == "Hello"
    assert "anyone.1@example.org" in client.get("/").get_data(as_text=True)  # the index lists every address
    assert client.get(f"{Paths.ROOM}/", base_url=rules.GUIDE_PUBLIC_URL).status_code == 404  # no room here
    assert client.world.clock.now() == EPOCH  # and its clock is the frozen one tests move
    phone = Client(base_url=f"https://{rules.PHONE_HOST}")
    phone.world.send("sms", "+32470123456", "", "CODE")
    assert phone.get("/+32470123456/messages.json").json["messages"][0]["text"] == "CODE"


def test_over_http_a_plain_server_without_room_answers_every_mailbox_and_a_room_only_its_owner():
    plain = start_plain(World(seed=4))
    try:
        email(plain.world, "anyone.2@example.org", "Hello")
        answer = requests.get(f"{plain.public_url}{Paths.MAILBOX}/anyone.2@example.org/messages.json", timeout=10)
        assert answer.status_code == 200 and answer.json()["messages"][0]["subject"] == "Hello"
    finally:
        plain.stop()
    served = start_plain(World(seed=5), room=True)
    try:
        people = []
        for _ in range(2):
            http = requests.Session()
            page = http.get(f"{served.public_url}/", timeout=10)
            assert page.url.endswith(START) and fr("room_start_title") in page.text
            token = form_values(page.text)["csrf_token"]
            page = http.post(f"{served.public_url}{START}start", data={"csrf_token": token}, timeout=10)
            people.append((http, re.search(r'id="identity-email">([^<]+)<', page.text).group(1)))
        (mine, my_email), (theirs, their_email) = people
        assert mine.get(f"{served.public_url}{Paths.MAILBOX}/{my_email}", timeout=10).status_code == 200
        assert mine.get(f"{served.public_url}{Paths.MAILBOX}/{their_email}", timeout=10).status_code == 404
        assert theirs.get(f"{served.public_url}{Paths.MAILBOX}/{my_email}", timeout=10).status_code == 404
        assert requests.get(f"{served.public_url}{served.room.facilitator_path}", timeout=10).status_code == 200
    finally:
        served.stop()


# --------------------------------------------------------------------------- the facilitator's page
def test_the_facilitators_page_needs_its_token(room_app):
    browser = Browser(room_app)
    right = facilitator_url(room_app)
    for wrong in (f"{Paths.ROOM}/facilitator/", f"{Paths.ROOM}/facilitator/nope", right[:-1], right + "x"):
        assert browser.get(wrong).status_code == 404, wrong
    assert browser.get(right).status_code == 200
    assert fr("room_facilitator_title") in heading(browser.html)
    assert browser.http.post(f"{right[:-1]}/clock", base_url=BASE, data={"step": "1d"}).status_code == 404
    assert browser.post(f"{right}/clock", {"step": "1d"}, csrf=False).status_code == 400
    assert room_app.extensions["world"].clock.offset == timedelta(0)  # neither moved the clock


def test_the_facilitator_sees_the_last_instruction_done_after_seeded_events(room_app):
    person, facilitator = Browser(room_app), Browser(room_app)
    person.start()
    world = room_app.extensions["world"]
    identity = next(iter(world.visitors.values())).identity
    page = facilitator_url(room_app)

    facilitator.get(page)
    assert fr("room_not_started") in row_of(facilitator.html, identity.email).text()
    assert identity.full_name in facilitator.html
    world.seed_account(identity)
    assert last_done(facilitator, page, identity.email) == "1.2"
    world.account(identity.email).password = PASSWORD
    assert last_done(facilitator, page, identity.email) == "1.3"
    world.account(identity.email).phones.append(identity.mobile)
    facilitator.get(page)
    assert instruction_of(facilitator.html, identity.email) == "1.10"
    assert fr("room_done_phone_added") in row_of(facilitator.html, identity.email).text()
    world.account(identity.email).phones.append(identity.second_mobile)
    assert last_done(facilitator, page, identity.email) == "1.11"
    sso = world.open_sso(identity.email, rules.STRENGTH_SMS, identity.mobile)
    ticket = world.issue_ticket(sso, BASE + Paths.RCAM_CALLBACK, from_sso=False)
    world.take_ticket(ticket.id)
    assert last_done(facilitator, page, identity.email) == "2.16"
    registration = rcam_service.seed_registration(world, identity)
    assert last_done(facilitator, page, identity.email) == "2.18"
    world.activate(registration)
    assert last_done(facilitator, page, identity.email) == "3.4"
    assert fr("room_done_final_code_used") in row_of(facilitator.html, identity.email).text()


def test_on_today_s_screens_the_facilitator_names_the_2026_guide_s_instructions(clock):
    """A room on the 2026 screens rehearses guides/acces-rcam-eu-login-2026.md: the same records name its
    instructions (the app added at 1.16, RCAM signed in with the PIN at 2.23, …); a locked PIN shows."""
    from mock_sites import profiles
    from mock_sites.eulogin import mobile

    app = make_room_app(clock, "2026")
    person, facilitator = Browser(app), Browser(app)
    person.start()
    world = app.extensions["world"]
    identity = next(iter(world.visitors.values())).identity
    page = facilitator_url(app)
    world.seed_account(identity)
    assert last_done(facilitator, page, identity.email) == "1.2"
    account = world.account(identity.email)
    account.password = PASSWORD
    assert last_done(facilitator, page, identity.email) == "1.4"
    mobile.seed_device(world, account, identity.mobile)
    assert last_done(facilitator, page, identity.email) == "1.16"
    assert fr("room_done_device_added") in row_of(facilitator.html, identity.email).text()
    sso = mobile.seed_app_sso(world, account, profiles.STRENGTH_APP_PIN)
    world.take_ticket(world.issue_ticket(sso, BASE + Paths.RCAM_CALLBACK, from_sso=False).id)
    assert last_done(facilitator, page, identity.email) == "2.23"
    registration = rcam_service.seed_registration(world, identity, screens="2026")
    assert last_done(facilitator, page, identity.email) == "2.25"
    world.activate(registration)
    assert last_done(facilitator, page, identity.email) == "3.7"
    until = world.now() + rules.APP_PIN_LOCK
    world.lock_out(mobile.PIN_PURPOSE, identity.email, until)
    facilitator.get(page)
    stuck = row_of(facilitator.html, identity.email).find_all("td", class_="stuck")[0].text()
    assert fr("room_stuck_locked", until=when(until), what=fr("room_what_app_pin")) in stuck


def test_the_facilitator_sees_a_password_lock(room_app):
    """Five wrong passwords lock sign-in (``eulogin.throttle``): the facilitator sees it, with its end."""
    person, facilitator = Browser(room_app), Browser(room_app)
    person.start()
    world = room_app.extensions["world"]
    identity = next(iter(world.visitors.values())).identity
    world.seed_account(identity, password=PASSWORD)
    person.get(Paths.LOGIN)
    person.post(Paths.LOGIN, {"step": "whoami", "username": identity.email})
    for _ in range(rules.PASSWORD_MAX_WRONG):
        person.post(Paths.LOGIN, {"step": "password", "password": "not-the-password"})
    until = world.locked_until("password", identity.email)
    assert until is not None
    facilitator.get(facilitator_url(room_app))
    stuck = row_of(facilitator.html, identity.email).find_all("td", class_="stuck")[0].text()
    assert fr("room_stuck_locked", until=when(until), what=fr("room_what_password")) in stuck


def test_the_facilitator_sees_who_is_stuck_on_an_error_screen_or_a_lock(room_app):
    person, facilitator = Browser(room_app), Browser(room_app)
    person.start()
    world = room_app.extensions["world"]
    identity = next(iter(world.visitors.values())).identity
    page = facilitator_url(room_app)
    # an error screen: a wrong password, as the person's browser was shown it
    world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,))
    person.get(Paths.LOGIN)
    person.post(Paths.LOGIN, {"step": "whoami", "username": identity.email})
    assert person.post(Paths.LOGIN, {"step": "password", "password": "not-the-password"}).status_code == 400
    facilitator.get(page)
    stuck = row_of(facilitator.html, identity.email).find_all("td", class_="stuck")[0].text()
    assert fr("room_stuck_error_page", status=400, path=Paths.LOGIN) in stuck
    assert labels.text("err_password_wrong", "en") in stuck  # what the person's (English) screen said
    # moving on clears it; a lock shows, with its end on the room's clock
    person.post(Paths.LOGIN, {"step": "password", "password": PASSWORD})
    person.get(person.response.location)  # « Connexion réussie »
    until = world.now() + rules.CHALLENGE_LOCK
    world.lock_out("sign_in", identity.email, until)
    facilitator.get(page)
    stuck = row_of(facilitator.html, identity.email).find_all("td", class_="stuck")[0].text()
    assert "400" not in stuck
    assert fr("room_stuck_locked", until=when(until), what=fr("room_what_sign_in")) in stuck


# --------------------------------------------------------------------------- the clock
def test_the_rooms_clock_follows_real_time_and_the_facilitators_steps(room_app, clock):
    world = room_app.extensions["world"]
    assert world.now() == T0
    first = email(world, "a.1@example.org", "First")
    clock.now = T0 + timedelta(minutes=7)
    assert world.now() == T0 + timedelta(minutes=7)
    second = email(world, "a.1@example.org", "Second")
    assert (first.sent_at, second.sent_at) == (T0, T0 + timedelta(minutes=7))  # dated when they came
    challenge = world.new_challenge("sign_in", "a.1@example.org", "+32470123456", rules.SIGN_IN_CHALLENGE)
    clock.now += rules.CHALLENGE_LIFETIME
    assert challenge.expires_at <= world.now()  # codes expire while the room rehearses
    facilitator = Browser(room_app)
    facilitator.get(facilitator_url(room_app))
    facilitator.post(f"{facilitator_url(room_app)}/clock", {"step": "1d"})
    assert facilitator.response.status_code == 302
    assert world.now() == clock.now + timedelta(days=1)
    clock.now += timedelta(minutes=1)
    assert world.now() == clock.now + timedelta(days=1)  # real time goes on from there
    facilitator.get(facilitator_url(room_app))
    assert "1 j" in facilitator.html and "1 d" in facilitator.html
    assert facilitator.post(f"{facilitator_url(room_app)}/clock", {"step": "-1d"}).status_code == 400


def test_the_default_real_clock_moves_by_itself():
    from mock_sites.world import RealClock

    real = RealClock()
    before = datetime.now(UTC)
    assert abs(real.now() - before) < timedelta(seconds=5)
    assert real.now() <= real.now()


# --------------------------------------------------------------------------- « J'ai fermé mon navigateur »
def sign_in_to_rcam(browser: Browser, identity) -> None:
    """2.13–2.16 as the person does them: « Connecter », e-mail, password + SMS, the 3 x 3 code."""
    browser.get(Paths.RCAM_LOGIN)
    login = browser.response.location
    browser.get(login)
    browser.post(login, {"step": "whoami", "username": identity.email})
    browser.post(login, {"step": "password", "password": PASSWORD, "loginStrength": rules.STRENGTH_SMS,
                         "mobile": identity.mobile})
    code = re.search(r"[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}",
                     browser.world.inbox("sms", identity.mobile)[0].body).group(0)
    browser.post(login, {"step": "challenge", "challenge": rules.SIGN_IN_CHALLENGE.split(code)})
    assert browser.response.status_code == 302 and "ticket=" in browser.response.location


def test_i_closed_my_browser_ends_the_single_sign_on_so_stage_3_asks_again(room_app):
    me, other = Browser(room_app), Browser(room_app)
    me.start()
    other.start()
    world = room_app.extensions["world"]
    mine, theirs = me.person(), other.person()
    for person in (mine, theirs):
        world.seed_account(person, password=PASSWORD, phones=(person.mobile,))
    sign_in_to_rcam(me, mine)
    sign_in_to_rcam(other, theirs)
    assert {s.email for s in world.sso_sessions.values()} == {mine.email, theirs.email}
    query = {"service": BASE + Paths.RCAM_CALLBACK, "acceptStrengths": rules.STRENGTH_SMS}
    rcam_login = f"{Paths.LOGIN}?{urlencode(query)}"
    # straight after stage 2 in the same browser: EU Login hands RCAM a ticket at once (3.2–3.3 skipped)
    assert me.get(rcam_login).status_code == 302 and "ticket=" in me.response.location
    me.get(START)
    assert fr("room_closed_browser") in me.html and "3.2" in me.html and "3.3" in me.html
    me.post(START + "closed-browser")
    assert me.response.status_code == 302
    cleared = [c for c in me.response.headers.getlist("Set-Cookie") if c.startswith("EULOGIN_SESSION=")]
    assert cleared and "Path=/cas" in cleared[0] and ("Max-Age=0" in cleared[0] or "1970" in cleared[0])
    assert me.cookie("EULOGIN_SESSION", path="/cas") is None
    assert [s.email for s in world.sso_sessions.values()] == [theirs.email]  # only theirs is left
    me.get(me.response.location)
    assert fr("room_closed_done") in me.html
    # stage 3 now asks who they are again (3.1), then the password and an SMS code (3.2–3.3)
    assert me.get(rcam_login).status_code == 200
    assert fr("whoami_title") in heading(me.html) or labels.text("whoami_title", "en") in heading(me.html)
    assert other.get(rcam_login).status_code == 302  # the other visitor's browser is still signed in
    assert me.cookie(service.VISITOR_COOKIE) is not None  # and the visitor keeps their identity


def test_each_progress_table_names_instructions_of_its_profile_s_guide_in_order():
    from mock_sites import profiles
    from mock_sites.room.progress import INSTRUCTION_AFTER
    from rehearse.guide import bundled_guide, instruction_sort_key, load_guide

    assert set(INSTRUCTION_AFTER) == set(profiles.NAMES)
    for screens, table in INSTRUCTION_AFTER.items():
        ids = load_guide(bundled_guide(screens).path).ids
        assert set(table.values()) <= set(ids), screens
        assert list(table.values()) == sorted(table.values(), key=instruction_sort_key), screens
