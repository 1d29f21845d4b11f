"""The person following the guide, and the worlds scenarios start from (« Étant donné … »).

Each scenario seeds the world as it stands after the instructions before its own, instead of replaying them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import BrowserContext, Page
from pytest_bdd import given, parsers

from mock_sites import notify, rules
from mock_sites.rcam import service as pmo
from mock_sites.server import MockServer
from mock_sites.world import Account, Identity, World
from rehearse.pages import EuLogin, Rcam, Screen
from rehearse.tabs import Tabs

LANGUAGES = {"anglais": "en", "français": "fr"}


@dataclass
class Pensioner:
    """Who rehearses: an identity, a browser tab (``page``: changed only by ``open_new_browser``) and an account."""

    identity: Identity
    page: Page
    server: MockServer
    world: World
    account: Account | None = None
    tabs: Tabs | None = field(default=None, repr=False)
    _other: Page | None = field(default=None, repr=False)

    @contextmanager
    def other_tab(self) -> Iterator[Page]:
        """Another tab of the same browser, where the person reads their phone or mailbox (kept for the next read),
        then back to their own: Chromium paints only the tab in front, and Playwright waits for paint to act."""
        if self.tabs is not None and self.page is self.tabs.page:
            tab = self.tabs.spare()
        else:
            if self._other is None or self._other.is_closed() or self._other.context is not self.page.context:
                self._other = self.page.context.new_page()
            tab = self._other
        tab.bring_to_front()
        try:
            yield tab
        finally:
            self.page.bring_to_front()

    @property
    def screen(self) -> Screen:
        """Whatever screen the person's tab shows."""
        return Screen(self.page)

    @property
    def eulogin(self) -> EuLogin:
        return EuLogin(self.page, base=self.server.public_url)

    @property
    def rcam(self) -> Rcam:
        return Rcam(self.page, base=self.server.public_url)

    def close_browser(self) -> None:
        """« il ferme son navigateur »: the context goes, with its cookies and tabs."""
        self.page.context.close()

    def open_new_browser(self, new_context: Callable[[], BrowserContext]) -> None:
        """A browser opened anew (days later): from now on the person's tab is a new context's."""
        self.page = new_context().new_page()

    def open_sso_sessions(self) -> list:
        """This person's EU Login single sign-on sessions still valid on the world's clock."""
        world = self.world
        return [s for s in world.sso_sessions.values() if s.email == self.identity.email and world.sso(s.id)]

    def sign_in_directly(self, strength: str = rules.STRENGTH_PASSWORD, phone: str | None = None,
                         **session_values) -> None:
        """Seed a signed-in EU Login session in the browser, as instruction 3 or a sign-in leaves it."""
        sso = self.world.open_sso(self.identity.email, strength, phone)
        cookie = self.server.session_cookie(rules.Paths.CAS, {"sso": sso.id, **session_values})
        self.page.context.add_cookies([cookie])

    def sign_in_to_rcam_directly(self) -> str:
        """Seed RCAM's session in the browser, as an SMS sign-in leaves it; returns the path of the screen RCAM
        keeps that session on (RCAM's own map of its states, ``STATE_VIEWS``)."""
        from flask import url_for

        from mock_sites.rcam import STATE_VIEWS, seeded_session

        values = seeded_session(self.world, self.account)
        self.page.context.add_cookies([self.server.session_cookie(rules.Paths.RCAM, values)])
        with self.server.app.test_request_context():
            return url_for(STATE_VIEWS[values["state"]])


@pytest.fixture
def pensioner(page: Page, mock_server: MockServer, world: World, tabs: Tabs | None) -> Pensioner:
    return Pensioner(world.new_identity(), page, mock_server, world, tabs=tabs)


@given("un pensionné qui n'a pas encore de compte EU Login")
def newcomer(pensioner: Pensioner):
    assert pensioner.world.account(pensioner.identity.email) is None


@given("un pensionné qui a déjà un compte EU Login")
def existing_account(pensioner: Pensioner):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, password=rules.GUIDE_EXAMPLE_PASSWORD,
                                                     phones=(pensioner.identity.mobile,))


@given(parsers.parse("un pensionné dont le compte vient d'être créé avec des courriels en {language}"))
def account_just_created(pensioner: Pensioner, language: str):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, language=LANGUAGES[language])
    notify.send_password_link(pensioner.world, pensioner.account, pensioner.server.public_url)


@given("un pensionné connecté à EU Login")
def signed_in(pensioner: Pensioner):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, password=rules.GUIDE_EXAMPLE_PASSWORD)
    pensioner.sign_in_directly()
    pensioner.eulogin.open(rules.Paths.LOGIN)


@given("un pensionné connecté à EU Login qui a enregistré son numéro de téléphone portable")
def signed_in_with_phone(pensioner: Pensioner):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, password=rules.GUIDE_EXAMPLE_PASSWORD,
                                                     phones=(pensioner.identity.mobile,))
    pensioner.sign_in_directly()
    pensioner.eulogin.open(rules.Paths.LOGIN)


@given("un pensionné connecté à EU Login à qui un SMS de challenge vient d'être envoyé")
def challenge_sent(pensioner: Pensioner):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, password=rules.GUIDE_EXAMPLE_PASSWORD)
    notify.send_challenge(pensioner.world, "register_phone", pensioner.account, pensioner.identity.mobile,
                          rules.PHONE_CHALLENGE)
    pensioner.sign_in_directly(pending_phone=pensioner.identity.mobile)
    pensioner.eulogin.open(rules.Paths.VERIFY_PHONE)


@given(parsers.parse("il est sur l'écran « {screen} »"))
def on_screen(pensioner: Pensioner, screen: str):
    pensioner.eulogin.open_screen(screen)


def finish_stage_1(pensioner: Pensioner, *, channel: str = "email", linked_uid: str | None = None) -> None:
    """The world after the 1ère étape, and the pensioner in the PMO's registry."""
    pensioner.account = pensioner.world.seed_account(pensioner.identity, password=rules.GUIDE_EXAMPLE_PASSWORD,
                                                     phones=(pensioner.identity.mobile,))
    pensioner.world.seed_pensioner(pensioner.identity, channel=channel, linked_uid=linked_uid)


@given("un pensionné qui a terminé la 1ère étape")
def stage_1_done(pensioner: Pensioner):
    finish_stage_1(pensioner)


@given(parsers.parse("un pensionné qui a terminé la 1ère étape et à qui le PMO envoie le code final par {channel}"))
def stage_1_done_with_channel(pensioner: Pensioner, channel: str):
    finish_stage_1(pensioner, channel=CHANNELS[channel])


@given("un pensionné dont le numéro de pension est déjà lié à un autre compte EU Login")
def pension_number_linked_elsewhere(pensioner: Pensioner):
    finish_stage_1(pensioner, linked_uid="n00999999")  # the account of another (earlier) EU Login


@given("un pensionné qui a reçu son code final")
def final_code_received(pensioner: Pensioner):
    finish_stage_1(pensioner)
    pmo.seed_registration(pensioner.world, pensioner.identity, delivered=True)


@given("il est connecté à RCAM")
def signed_in_to_rcam(pensioner: Pensioner):
    pensioner.rcam.open(pensioner.sign_in_to_rcam_directly())


@given("son accès à RCAM est activé et il est encore connecté à EU Login par SMS")
def activated_and_signed_in(pensioner: Pensioner):
    pensioner.world.seed_activation(pensioner.identity)
    pensioner.sign_in_directly(rules.STRENGTH_SMS, pensioner.identity.mobile)


CHANNELS = {"courriel": "email", "SMS": "sms"}


@given("il a fait sa demande d'accès et reçu son code final")
def registered_and_code_received(pensioner: Pensioner):
    pmo.seed_registration(pensioner.world, pensioner.identity, channel=pensioner.world.pensioner(
        pensioner.identity.pension_number).final_code_channel, delivered=True)


@given(parsers.parse("le PMO connaît son numéro de pension et lui envoie le code final par {channel}"))
def pmo_knows_pensioner(pensioner: Pensioner, channel: str):
    pensioner.account = pensioner.world.account(pensioner.identity.email)
    assert pensioner.account is not None, "the 1ère étape did not create the account"
    pensioner.world.seed_pensioner(pensioner.identity, channel=CHANNELS[channel])
