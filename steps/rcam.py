"""RCAM: « Connecter » in the grey rectangle, the first access, the final code (« token »), RCAM en ligne.

The final code read in the e-mail or the SMS passes to the step that types it as the fixture ``final_code``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

from playwright.sync_api import BrowserContext, expect
from pytest_bdd import parsers, then, when

from mock_sites import mail, rules
from mock_sites.labels import fr, text
from rehearse.pages import Mailbox

from .personne import CHANNELS, Pensioner
from .telephone import read_code_on_phone


@then(parsers.parse("« {label} » n'apparaît qu'en descendant, dans le rectangle gris"))
def below_the_fold(pensioner: Pensioner, label: str):
    control = pensioner.rcam.connect_control(label)
    expect(control, f"« {label} » is not in the grey rectangle").to_have_count(1)
    pensioner.rcam.expect_below_the_fold(control)


@when(parsers.parse("il descend et clique sur « {label} » dans le rectangle gris de l'écran"))
def scroll_down_and_connect(pensioner: Pensioner, label: str):
    pensioner.rcam.scroll_down_and_connect(label)


@when("il indique son numéro de pension (2 fois !) et sa date de naissance")
def first_access(pensioner: Pensioner):
    identity = pensioner.identity
    pensioner.rcam.first_access(identity.pension_number, identity.pension_number,
                                identity.birth_date.strftime(rules.BIRTH_DATE_FORMAT))


@then("son nom de famille et son prénom figurent déjà dans les bonnes cases")
def names_prefilled(pensioner: Pensioner):
    expect(pensioner.rcam.field("last_name")).to_have_value(pensioner.identity.last_name)
    expect(pensioner.rcam.field("first_name")).to_have_value(pensioner.identity.first_name)


@then("l'écran annonce que le code final viendra par courrier postal à son domicile")
def screen_says_by_post(pensioner: Pensioner):
    # The real screen's wording, which the guide corrects (« et non plus par courrier postal »).
    pensioner.rcam.expect_heading(fr("rcam_registered_title"))
    expect(pensioner.rcam.status()).to_contain_text(fr("rcam_registered_by_post"))


@when(parsers.parse("{days:d} jours passent"))
def days_pass(pensioner: Pensioner, days: int):
    pensioner.world.clock.advance(timedelta(days=days))


@then("aucun code final n'est encore arrivé")
def no_code_yet(pensioner: Pensioner):
    assert final_code_messages(pensioner) == []


@then(parsers.parse("le code final de 4 x 3 caractères arrive par {channel}"))
def final_code_arrives(pensioner: Pensioner, channel: str):
    messages = final_code_messages(pensioner)
    assert [m["channel"] for m in messages] == [CHANNELS[channel]], f"final-code messages: {messages}"
    assert rules.FINAL_CODE.pattern().search(messages[0]["text"]), messages[0]["text"]


@then("aucun code final n'arrive, ni par courriel ni par SMS")
def no_final_code_ever(pensioner: Pensioner):
    assert pensioner.world.clock.now() - pensioner.world.registration(pensioner.account.uid).created_at \
        > rules.FINAL_CODE_DELAY, "the clock has not passed the delivery delay: the check would prove nothing"
    assert final_code_messages(pensioner) == []


def final_code_messages(pensioner: Pensioner) -> list[dict]:
    """Every e-mail or SMS delivered to the person that carries a final code."""
    found = []
    pattern = rules.FINAL_CODE.pattern()
    for message in pensioner.world.inbox("email", pensioner.identity.email):
        body = mail.decode(message.raw).text
        if pattern.search(body):
            found.append({"channel": "email", "text": body})
    for number in (pensioner.identity.mobile, pensioner.identity.second_mobile):
        for message in pensioner.world.inbox("sms", number):
            if pattern.search(message.body):
                found.append({"channel": "sms", "text": message.body})
    return found


@when("il lit son code final dans le courriel reçu", target_fixture="final_code")
def read_final_code_mail(pensioner: Pensioner) -> str:
    """In the fake mailbox, in another tab, as a person reads the e-mail on their PC."""
    with pensioner.other_tab() as tab:
        mailbox = Mailbox(tab)
        mailbox.open(pensioner.identity.email)
        mailbox.open_message(text("mail_final_code_subject", pensioner.account.email_language))
        code = mailbox.read_code(rules.FINAL_CODE)
    assert code, f"no final code of {rules.FINAL_CODE.describe()} characters in the e-mail"
    return code


@when("il lit son code final dans le SMS reçu", target_fixture="final_code")
def read_final_code_sms(pensioner: Pensioner) -> str:
    return read_code_on_phone(pensioner, rules.FINAL_CODE, pensioner.identity.mobile)


@when("implicitement, il se reconnecte à RCAM par SMS")
def sign_in_again(pensioner: Pensioner):
    """The guide: « Vous aurez bientôt accès aux applications lors d’une prochaine connexion via EU Login »."""
    pensioner.rcam.open(rules.Paths.RCAM_HOME)
    pensioner.rcam.scroll_down_and_connect(fr("rcam_connect"))
    identity = pensioner.identity
    pensioner.eulogin.sign_in_for_service(identity.email, rules.GUIDE_EXAMPLE_PASSWORD, identity.mobile)
    code = read_code_on_phone(pensioner, rules.SIGN_IN_CHALLENGE, pensioner.identity.mobile)
    pensioner.eulogin.enter_challenge(code, rules.SIGN_IN_CHALLENGE)
    pensioner.eulogin.click(fr("sign_in"))


@when(parsers.parse("il introduit le code final en {case} et le valide"))
def enter_final_code(pensioner: Pensioner, case: str, final_code: str):
    pensioner.rcam.enter_final_code(final_code.lower() if case == "minuscules" else final_code)
    pensioner.rcam.click(fr("rcam_validate"))


@then("on lui demande de se déconnecter complètement maintenant")
def asked_to_log_out(pensioner: Pensioner):
    expect(pensioner.rcam.status()).to_contain_text(re.compile("^" + re.escape(fr("rcam_log_out_now"))))


@then("« RCAM en ligne » s'ouvre à son nom")
def rcam_online(pensioner: Pensioner):
    pensioner.rcam.expect_heading(fr("rcam_online_title"))
    expect(pensioner.rcam.status()).to_contain_text(pensioner.identity.full_name)
    pensioner.rcam.expect_on_rcam()


@then("il est déconnecté de RCAM et d'EU Login")
def logged_out_everywhere(pensioner: Pensioner):
    pensioner.rcam.expect_heading(fr("rcam_welcome_title"))
    expect(pensioner.rcam.signed_in_as()).to_have_count(0)
    assert not pensioner.open_sso_sessions(), "EU Login's single sign-on session is still open"


@when("des jours passent : il ferme son navigateur, et le code final arrive entre-temps")
def days_later(pensioner: Pensioner, fresh_context: Callable[[], BrowserContext]):
    """Between the 2ème and 3ème étape: a new browser session, after the sign-on and the delivery delay."""
    pensioner.close_browser()
    pensioner.world.clock.advance(rules.DAYS_LATER)
    pensioner.open_new_browser(fresh_context)
