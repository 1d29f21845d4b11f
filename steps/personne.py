"""The person following the guide, and the worlds scenarios start from (« Étant donné … »).

Each scenario seeds the world as it stands after the instructions before its own, instead of replaying them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Page
from pytest_bdd import given, parsers

from mock_sites import notify, rules
from mock_sites.rcam import service as pmo
from mock_sites.server import MockServer
from mock_sites.world import Account, Identity, World
from rehearse.pages import EuLogin
from rehearse.tabs import Tabs

GUIDE_PASSWORD = "23-11Ukraine"  # the guide's own example (instruction 1.3)
LANGUAGES = {"anglais": "en", "français": "fr"}
SCREENS = {  # the screens a scenario may start on, by the name the guide gives them
    "Mon compte": rules.Paths.MY_ACCOUNT,
    "Gérer mes numéros de téléphone portable": rules.Paths.MANAGE_PHONES,
    "Ajouter un numéro de téléphone portable": rules.Paths.ADD_PHONE,
}


@dataclass
class Pensioner:
    """Who rehearses: an identity, a browser tab, and what they noted down on the way."""

    identity: Identity
    page: Page
    server: MockServer
    world: World
    account: Account | None = None
    notes: dict[str, str] = field(default_factory=dict)
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
    def eulogin(self) -> EuLogin:
        return EuLogin(self.page)

    def open_sso_sessions(self) -> list:
        """This person's EU Login single sign-on sessions still valid on the world's clock."""
        world = self.world
        return [s for s in world.sso_sessions.values() if s.email == self.identity.email and world.sso(s.id)]

    def sign_in_directly(self, **session_values) -> None:
        """Seed a signed-in EU Login session in the browser, as instruction 3 or a sign-in leaves it."""
        sso = self.world.open_sso(self.identity.email, "PASSWORD")
        cookie = self.server.session_cookie(rules.Paths.CAS, {"sso": sso.id, **session_values})
        self.page.context.add_cookies([cookie])


@pytest.fixture
def pensioner(page: Page, mock_server: MockServer, world: World, tabs: Tabs | None) -> Pensioner:
    return Pensioner(world.new_identity(), page, mock_server, world, tabs=tabs)


@given("un pensionné qui n'a pas encore de compte EU Login")
def newcomer(pensioner: Pensioner):
    assert pensioner.world.account(pensioner.identity.email) is None


@given("un pensionné qui a déjà un compte EU Login")
def existing_account(pensioner: Pensioner):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, password=GUIDE_PASSWORD,
                                                     phones=(pensioner.identity.mobile,))


@given(parsers.parse("un pensionné dont le compte vient d'être créé avec des courriels en {language}"))
def account_just_created(pensioner: Pensioner, language: str):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, language=LANGUAGES[language])
    notify.send_password_link(pensioner.world, pensioner.account, pensioner.server.public_url)


@given("un pensionné connecté à EU Login")
def signed_in(pensioner: Pensioner):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, password=GUIDE_PASSWORD)
    pensioner.sign_in_directly()
    pensioner.page.goto(pensioner.server.public_url + rules.Paths.LOGIN)


@given("un pensionné connecté à EU Login qui a enregistré son numéro de téléphone portable")
def signed_in_with_phone(pensioner: Pensioner):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, password=GUIDE_PASSWORD,
                                                     phones=(pensioner.identity.mobile,))
    pensioner.sign_in_directly()
    pensioner.page.goto(pensioner.server.public_url + rules.Paths.LOGIN)


@given("un pensionné connecté à EU Login à qui un SMS de challenge vient d'être envoyé")
def challenge_sent(pensioner: Pensioner):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, password=GUIDE_PASSWORD)
    notify.send_challenge(pensioner.world, "register_phone", pensioner.account, pensioner.identity.mobile,
                          rules.PHONE_CHALLENGE)
    pensioner.sign_in_directly(pending_phone=pensioner.identity.mobile)
    pensioner.page.goto(pensioner.server.public_url + rules.Paths.VERIFY_PHONE)


@given(parsers.parse("il est sur l'écran « {screen} »"))
def on_screen(pensioner: Pensioner, screen: str):
    pensioner.page.goto(pensioner.server.public_url + SCREENS[screen])


def rcam_url(pensioner: Pensioner, path: str = rules.Paths.RCAM_HOME) -> str:
    return pensioner.server.public_url + path


def finish_stage_1(pensioner: Pensioner, *, channel: str = "email", linked_uid: str | None = None) -> None:
    """The world after the 1ère étape, and the pensioner in the PMO's registry."""
    pensioner.account = pensioner.world.seed_account(pensioner.identity, password=GUIDE_PASSWORD,
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
    from mock_sites.rcam import seeded_session

    values = seeded_session(pensioner.world, pensioner.account)
    pensioner.page.context.add_cookies([pensioner.server.session_cookie(rules.Paths.RCAM, values)])
    pensioner.page.goto(rcam_url(pensioner, STATE_PAGES[values["state"]]))


@given("son accès à RCAM est activé et il est encore connecté à EU Login par SMS")
def activated_and_signed_in(pensioner: Pensioner):
    pensioner.world.seed_activation(pensioner.identity)
    sso = pensioner.world.open_sso(pensioner.identity.email, rules.STRENGTH_SMS, pensioner.identity.mobile)
    pensioner.page.context.add_cookies([pensioner.server.session_cookie(rules.Paths.CAS, {"sso": sso.id})])


CHANNELS = {"courriel": "email", "SMS": "sms"}
STATE_PAGES = {"first_access": rules.Paths.RCAM_FIRST_ACCESS, "final_code": rules.Paths.RCAM_FINAL_CODE,
               "online": rules.Paths.RCAM_ONLINE}


@given("il a fait sa demande d'accès et reçu son code final")
def registered_and_code_received(pensioner: Pensioner):
    pmo.seed_registration(pensioner.world, pensioner.identity, channel=pensioner.world.pensioner(
        pensioner.identity.pension_number).final_code_channel, delivered=True)


@given(parsers.parse("le PMO connaît son numéro de pension et lui envoie le code final par {channel}"))
def pmo_knows_pensioner(pensioner: Pensioner, channel: str):
    pensioner.account = pensioner.world.account(pensioner.identity.email)
    assert pensioner.account is not None, "the 1ère étape did not create the account"
    pensioner.world.seed_pensioner(pensioner.identity, channel=CHANNELS[channel])
