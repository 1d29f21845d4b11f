"""Snapshots of a follow (``rehearse.check.state``): the world and the browser, restored after a failure.

The world's round trip is checked without a browser; one browser test signs a person in through EU Login's
screens, takes a snapshot, signs out and changes the world, restores, and finds everything as it was; then two
contexts restored from the same snapshot are shown not to share cookies; and a snapshot restored into the context
in use (``reuse``, as the follower does) leaves nothing of what came after it.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from mock_sites import notify, rules
from mock_sites.labels import fr
from mock_sites.rcam import service as pmo
from mock_sites.server import MockServer
from mock_sites.world import World
from rehearse.check.state import Snapshot, restore, take
from rehearse.guard import NetworkGuard
from rehearse.pages import EuLogin, Mailbox, Phone

PASSWORD = rules.GUIDE_EXAMPLE_PASSWORD  # the guide's example


def busy_world(seed: int = 7) -> World:
    """A world with something in every kind of collection, as after the first instructions of a follow."""
    world = World(seed=seed)
    person = world.new_identity()
    account = world.seed_account(person, password=PASSWORD, phones=(person.mobile,))
    notify.send_password_link(world, account, rules.GUIDE_PUBLIC_URL)
    notify.send_challenge(world, "register_phone", account, person.mobile, rules.PHONE_CHALLENGE)
    world.new_captcha()
    world.open_sso(account.email, rules.STRENGTH_PASSWORD)
    pmo.seed_registration(world, person)
    world.locks[("sign_in", account.email)] = world.now() + timedelta(minutes=5)
    world.failed_attempts[("sign_in", account.email)] = 2
    world.blocked_requests.append("evil.example")
    return world


def change_everything(world: World) -> None:
    """What a follow does after a snapshot: new accounts, messages, time passing, identities drawn."""
    other = world.new_identity()
    account = world.seed_account(other, password="Other-2026#x")
    notify.send_password_link(world, account, rules.GUIDE_PUBLIC_URL)
    world.send("sms", other.mobile, "", "hello")
    world.clock.advance(timedelta(days=3))
    world.final_code_delay = timedelta(0)
    world.new_captcha()
    for session_id in list(world.sso_sessions):
        world.close_sso(session_id)
    world.seed_pensioner(other)
    next(iter(world.accounts.values())).phones.append("+32400000000")  # a change inside an existing record
    world.failed_attempts.clear()


# --------------------------------------------------------------------------- the world's round trip


def test_import_brings_back_every_collection_the_clock_and_the_next_identity():
    world = busy_world()
    before, now, captchas = world.snapshot(), world.now(), dict(world.captchas)
    state = world.export_state()
    after_export = world.new_identity()  # what is drawn next from the exported point
    change_everything(world)
    assert world.snapshot() != before

    world.import_state(state)

    assert world.snapshot() == before
    assert world.now() == now
    assert world.captchas == captchas
    assert world.final_code_delay == rules.FINAL_CODE_DELAY
    assert world.new_identity() == after_export  # Faker, random and the id counter all came back


def test_export_covers_everything_but_the_lock_and_keeps_the_lock():
    world = busy_world()
    lock = world.lock
    state = world.export_state()
    assert set(state.values) | {"_ids"} == set(vars(world)) - {"lock"}
    world.import_state(state)
    assert world.lock is lock
    with world.transaction():  # still the world's own, re-entrant lock
        world.new_captcha()


def test_export_does_not_use_up_an_id():
    world = busy_world()
    state = world.export_state()
    assert world.next_id() == state.next_id
    world.import_state(state)
    assert world.next_id() == state.next_id


def test_a_state_is_a_copy_and_can_be_imported_many_times():
    world = busy_world()
    before = world.snapshot()
    state = world.export_state()
    first_name = next(iter(world.accounts.values())).first_name
    next(iter(world.accounts.values())).first_name = "Changed after export"
    for _ in range(3):
        world.import_state(state)
        assert world.snapshot() == before
        account = next(iter(world.accounts.values()))
        assert account.first_name == first_name
        account.first_name = "Changed after import"  # must not reach the state
        change_everything(world)
    assert next(iter(state.values["accounts"].values())).first_name == first_name


def test_a_state_forks_into_other_worlds_that_draw_the_same_identities():
    original = busy_world()
    state = original.export_state()
    forks = [World(seed=99), World(seed=100)]
    for fork in forks:
        fork.import_state(state)
        assert fork.snapshot() == original.snapshot()
        assert fork.now() == original.now()
    drawn = {fork.new_identity() for fork in forks} | {original.new_identity()}
    assert len(drawn) == 1
    forks[0].seed_account(forks[0].new_identity())  # one fork's change stays in that fork
    assert forks[1].snapshot() == original.snapshot()


# --------------------------------------------------------------------------- in the browser


@pytest.fixture
def contexts():
    """The contexts a test opens itself, all closed at its end."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def sign_in(page: Page, server: MockServer, email: str) -> None:
    """EU Login without a service, through its screens: e-mail, « Suivant », password, « Connexion »."""
    eulogin = EuLogin(page)
    page.goto(server.public_url + rules.Paths.LOGIN)
    eulogin.expect_heading(fr("whoami_title"))
    eulogin.enter_email(email)
    eulogin.click(fr("next"))
    eulogin.enter_password(PASSWORD)
    eulogin.click(fr("sign_in"))
    expect(page.get_by_role("heading", level=1)).not_to_have_text(fr("whoami_title"))


def expect_my_account(page: Page, server: MockServer) -> None:
    """« Mon compte » opens without a sign-in (signed out, EU Login sends the browser to its sign-in screen)."""
    url = server.public_url + rules.Paths.MY_ACCOUNT
    page.goto(url)
    EuLogin(page).expect_heading(fr("my_account_title"))
    assert page.url == url


def expect_signed_out(page: Page, server: MockServer) -> None:
    page.goto(server.public_url + rules.Paths.MY_ACCOUNT)
    EuLogin(page).expect_heading(fr("whoami_title"))


def main_text(page: Page) -> str:
    return page.get_by_role("main").inner_text()


@pytest.mark.browser
def test_a_restored_follow_is_signed_in_on_the_same_pages_over_the_same_world(
        browser: Browser, browser_context_args: dict, mock_server: MockServer, world: World,
        network_guard: NetworkGuard, contexts: list[BrowserContext]):
    person = world.new_identity()
    account = world.seed_account(person, password=PASSWORD, phones=(person.mobile,))
    notify.send_password_link(world, account, mock_server.public_url)
    notify.send_challenge(world, "register_phone", account, person.mobile, rules.PHONE_CHALLENGE)

    first = network_guard.watch(browser.new_context(**browser_context_args))
    contexts.append(first)
    page = first.new_page()
    sign_in(page, mock_server, person.email)
    expect_my_account(page, mock_server)
    mailbox, phone = first.new_page(), first.new_page()
    Mailbox(mailbox).open(person.email)
    Phone(phone).open(person.mobile)
    shown = main_text(mailbox), main_text(phone)
    world_then, clock_then = world.snapshot(), world.now()

    snapshot = take(world, first, page, [mailbox, phone], label="1.6")

    assert isinstance(snapshot, Snapshot) and snapshot.label == "1.6"
    assert snapshot.browser.url == mock_server.public_url + rules.Paths.MY_ACCOUNT
    assert snapshot.browser.devices == (mailbox.url, phone.url)
    assert snapshot.browser.viewport == browser_context_args["viewport"]
    assert any(cookie["domain"] == rules.EU_HOSTS[0] for cookie in snapshot.browser.storage["cookies"])

    # The follow goes on and fails: signed out through the gear menu, the world moved on.
    eulogin = EuLogin(page)
    eulogin.open_gear_menu()
    eulogin.click(fr("logout"))
    expect_signed_out(page, mock_server)
    notify.send_password_link(world, account, mock_server.public_url)  # a second e-mail in the mailbox
    change_everything(world)
    mailbox.reload()
    assert main_text(mailbox) != shown[0]
    first.close()
    contexts.remove(first)

    context, restored, devices = restore(snapshot, world, browser, context_options=browser_context_args,
                                         guard=network_guard)
    contexts.append(context)

    assert context is not first and context.pages == [*devices, restored]
    assert restored.url == snapshot.browser.url
    EuLogin(restored).expect_heading(fr("my_account_title"))
    assert [tab.url for tab in devices] == list(snapshot.browser.devices)
    assert (main_text(devices[0]), main_text(devices[1])) == shown  # the same mailbox, the same phone
    assert world.snapshot() == world_then and world.now() == clock_then
    as_taken = World()
    as_taken.import_state(snapshot.world)
    assert world.snapshot() == as_taken.snapshot() and world.new_identity() == as_taken.new_identity()
    expect_my_account(restored, mock_server)  # and it stays signed in: the SSO session is back in the world
    assert world.snapshot() == world_then
    assert restored.viewport_size == snapshot.browser.viewport


@pytest.mark.browser
def test_contexts_restored_from_one_snapshot_do_not_share_cookies(
        browser: Browser, browser_context_args: dict, mock_server: MockServer, world: World,
        network_guard: NetworkGuard, contexts: list[BrowserContext]):
    person = world.new_identity()
    world.seed_account(person, password=PASSWORD)
    first = network_guard.watch(browser.new_context(**browser_context_args))
    contexts.append(first)
    page = first.new_page()
    sign_in(page, mock_server, person.email)
    snapshot = take(world, first, page, [])
    first.close()
    contexts.remove(first)

    one, page_one, _ = restore(snapshot, world, browser, context_options=browser_context_args, guard=network_guard)
    contexts.append(one)
    two, page_two, _ = restore(snapshot, world, browser, context_options=browser_context_args, guard=network_guard)
    contexts.append(two)
    assert one.cookies() == two.cookies() == snapshot.browser.storage["cookies"]

    # A cookie set in one is not in the other, and a context that loses its cookies is signed out alone.
    one.add_cookies([{"name": "only_in_one", "value": "1", "domain": rules.EU_HOSTS[0], "path": "/"}])
    page_one.evaluate("document.cookie = 'also_only_in_one=1; path=/'")
    assert {"only_in_one", "also_only_in_one"} <= {cookie["name"] for cookie in one.cookies()}
    assert two.cookies() == snapshot.browser.storage["cookies"]
    one.clear_cookies()
    expect_signed_out(page_one, mock_server)
    expect_my_account(page_two, mock_server)
    assert snapshot.browser.storage["cookies"] and two.cookies() == snapshot.browser.storage["cookies"]


@pytest.mark.browser
def test_a_page_that_a_form_led_to_comes_back_as_it_was_and_its_form_works(
        browser: Browser, browser_context_args: dict, mock_server: MockServer, world: World,
        network_guard: NetworkGuard, contexts: list[BrowserContext]):
    """« Suivant » posts the e-mail: the password screen is a POST's result. A GET of its URL would show the
    e-mail screen again; the restored page is the password screen, and signing in from it works."""
    person = world.new_identity()
    world.seed_account(person, password=PASSWORD)
    first = network_guard.watch(browser.new_context(**browser_context_args))
    contexts.append(first)
    page = first.new_page()
    eulogin = EuLogin(page)
    page.goto(mock_server.public_url + rules.Paths.LOGIN)
    eulogin.enter_email(person.email)
    eulogin.click(fr("next"))
    eulogin.expect_password_prompt()
    snapshot = take(world, first, page, label="2.14")
    first.close()

    context, restored, _ = restore(snapshot, world, browser, context_options=browser_context_args,
                                   guard=network_guard)
    contexts.append(context)
    EuLogin(restored).expect_password_prompt()
    assert restored.url == snapshot.browser.url
    EuLogin(restored).enter_password(PASSWORD)
    EuLogin(restored).click(fr("sign_in"))
    expect_my_account(restored, mock_server)


@pytest.mark.browser
def test_a_snapshot_restored_into_the_context_in_use_replaces_its_cookies_tabs_and_pages(
        browser: Browser, browser_context_args: dict, mock_server: MockServer, world: World,
        network_guard: NetworkGuard, contexts: list[BrowserContext]):
    """``reuse``: the follower restores into its own context (no new tab to pay for), and it is as a new one."""
    person = world.new_identity()
    account = world.seed_account(person, password=PASSWORD)
    context = network_guard.watch(browser.new_context(**browser_context_args))
    contexts.append(context)
    page = context.new_page()
    sign_in(page, mock_server, person.email)
    expect_my_account(page, mock_server)
    mailbox = context.new_page()
    Mailbox(mailbox).open(person.email)
    shown = main_text(mailbox)
    snapshot = take(world, context, page, [mailbox], label="1.5")
    world_then = world.snapshot()

    # The follow goes on elsewhere: signed out, a cookie and web storage of its own, more tabs, a new e-mail.
    eulogin = EuLogin(page)
    eulogin.open_gear_menu()
    eulogin.click(fr("logout"))
    expect_signed_out(page, mock_server)
    page.evaluate("() => { localStorage.setItem('left', 'behind'); sessionStorage.setItem('left', 'behind'); }")
    context.add_cookies([{"name": "left", "value": "behind", "domain": rules.EU_HOSTS[0], "path": "/"}])
    context.new_page().goto(mock_server.public_url + rules.Paths.LOGIN)
    context.new_page().goto(mock_server.public_url + rules.Paths.LOGIN)
    notify.send_password_link(world, account, mock_server.public_url)

    same, restored, devices = restore(snapshot, world, browser, context_options=browser_context_args,
                                      guard=network_guard, reuse=context)

    assert same is context and context.pages == [*devices, restored] and len(devices) == 1
    assert context.cookies() == snapshot.browser.storage["cookies"]
    assert world.snapshot() == world_then
    assert restored.url == snapshot.browser.url and [tab.url for tab in devices] == list(snapshot.browser.devices)
    EuLogin(restored).expect_heading(fr("my_account_title"))
    assert restored.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]
    assert main_text(devices[0]) == shown  # the mailbox as it was: the later e-mail went with the world
    expect_my_account(restored, mock_server)  # signed in again: the SSO session is back in the world
