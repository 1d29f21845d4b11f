"""RCAM: « Connecter » in the grey rectangle, the first access, the final code (« token »), RCAM en ligne."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from mock_sites import mail, rules
from mock_sites.labels import fr, text
from rehearse.pages import Mailbox, Rcam

from .personne import CHANNELS, GUIDE_PASSWORD, Pensioner, rcam_url
from .telephone import code_pattern, read_code_on_phone


def rcam(pensioner: Pensioner) -> Rcam:
    return Rcam(pensioner.page)


@then(parsers.parse("« {label} » n'apparaît qu'en descendant, dans le rectangle gris"))
def below_the_fold(pensioner: Pensioner, label: str):
    control = rcam(pensioner).connect_control(label)
    expect(control, f"« {label} » is not in the grey rectangle").to_have_count(1)
    rcam(pensioner).expect_below_the_fold(control)


@when(parsers.parse("il descend et clique sur « {label} » dans le rectangle gris de l'écran"))
def scroll_down_and_connect(pensioner: Pensioner, label: str):
    rcam(pensioner).scroll_down_and_connect(label)


@when("il indique son numéro de pension (2 fois !) et sa date de naissance")
def first_access(pensioner: Pensioner):
    identity = pensioner.identity
    rcam(pensioner).first_access(identity.pension_number, identity.pension_number,
                                 identity.birth_date.strftime(rules.BIRTH_DATE_FORMAT))


@then("son nom de famille et son prénom figurent déjà dans les bonnes cases")
def names_prefilled(pensioner: Pensioner):
    expect(rcam(pensioner).field("last_name")).to_have_value(pensioner.identity.last_name)
    expect(rcam(pensioner).field("first_name")).to_have_value(pensioner.identity.first_name)


@then("l'écran annonce que le code final viendra par courrier postal à son domicile")
def screen_says_by_post(pensioner: Pensioner):
    # The real screen's wording, which the guide corrects (« et non plus par courrier postal »).
    rcam(pensioner).expect_heading(fr("rcam_registered_title"))
    expect(pensioner.page.get_by_role("status")).to_contain_text("par courrier postal à votre domicile")


@when(parsers.parse("{days:d} jours passent"))
def days_pass(pensioner: Pensioner, days: int):
    from datetime import timedelta

    pensioner.world.clock.advance(timedelta(days=days))


@then("aucun code final n'est encore arrivé")
def no_code_yet(pensioner: Pensioner):
    assert final_code_messages(pensioner) == []


@then(parsers.parse("le code final de 4 x 3 caractères arrive par {channel}"))
def final_code_arrives(pensioner: Pensioner, channel: str):
    messages = final_code_messages(pensioner)
    assert [m["channel"] for m in messages] == [CHANNELS[channel]], f"final-code messages: {messages}"
    assert code_pattern(rules.FINAL_CODE).search(messages[0]["text"]), messages[0]["text"]


@then("aucun code final n'arrive, ni par courriel ni par SMS")
def no_final_code_ever(pensioner: Pensioner):
    assert pensioner.world.clock.now() - pensioner.world.registration(pensioner.account.uid).created_at \
        > rules.FINAL_CODE_DELAY, "the clock has not passed the delivery delay: the check would prove nothing"
    assert final_code_messages(pensioner) == []


def final_code_messages(pensioner: Pensioner) -> list[dict]:
    """Every e-mail or SMS delivered to the person that carries a final code."""
    found = []
    pattern = code_pattern(rules.FINAL_CODE)
    for message in pensioner.world.inbox("email", pensioner.identity.email):
        body = mail.decode(message.raw).text
        if pattern.search(body):
            found.append({"channel": "email", "text": body})
    for number in (pensioner.identity.mobile, pensioner.identity.second_mobile):
        for message in pensioner.world.inbox("sms", number):
            if pattern.search(message.body):
                found.append({"channel": "sms", "text": message.body})
    return found


@when("il lit son code final dans le courriel reçu")
def read_final_code_mail(pensioner: Pensioner):
    """In the fake mailbox, in another tab, as a person reads the e-mail on their PC."""
    with pensioner.other_tab() as tab:
        mailbox = Mailbox(tab)
        mailbox.open(pensioner.identity.email)
        mailbox.open_message(text("mail_final_code_subject", pensioner.account.email_language))
        found = code_pattern(rules.FINAL_CODE).search(mailbox.message_body().inner_text())
    assert found, "no final code of 4 x 3 characters in the e-mail"
    pensioner.notes["final_code"] = found.group(0)


@when("il lit son code final dans le SMS reçu")
def read_final_code_sms(pensioner: Pensioner):
    pensioner.notes["final_code"] = read_code_on_phone(pensioner, rules.FINAL_CODE, pensioner.identity.mobile)


@when("implicitement, il se reconnecte à RCAM par SMS")
def sign_in_again(pensioner: Pensioner):
    """The guide: « Vous aurez bientôt accès aux applications lors d’une prochaine connexion via EU Login »."""
    pensioner.page.goto(rcam_url(pensioner))
    rcam(pensioner).scroll_down_and_connect(fr("rcam_connect"))
    pensioner.eulogin.sign_in_for_service(pensioner.identity.email, GUIDE_PASSWORD, pensioner.identity.mobile)
    code = read_code_on_phone(pensioner, rules.SIGN_IN_CHALLENGE, pensioner.identity.mobile)
    pensioner.eulogin.enter_challenge(code, rules.SIGN_IN_CHALLENGE)
    pensioner.eulogin.click(fr("sign_in"))


@when(parsers.parse("il introduit le code final en {case} et le valide"))
def enter_final_code(pensioner: Pensioner, case: str):
    code = pensioner.notes["final_code"]
    rcam(pensioner).enter_final_code(code.lower() if case == "minuscules" else code)
    rcam(pensioner).click(fr("rcam_validate"))


@then("on lui demande de se déconnecter complètement maintenant")
def asked_to_log_out(pensioner: Pensioner):
    expect(pensioner.page.get_by_role("status")).to_contain_text(
        re.compile(r"^Déconnectez-vous complètement maintenant"))


@then("« RCAM en ligne » s'ouvre à son nom")
def rcam_online(pensioner: Pensioner):
    rcam(pensioner).expect_heading(fr("rcam_online_title"))
    expect(pensioner.page.get_by_role("status")).to_contain_text(pensioner.identity.full_name)
    rcam(pensioner).expect_url_prefix("https://webgate.ec.europa.eu/RCAM/")


@then("il est déconnecté de RCAM et d'EU Login")
def logged_out_everywhere(pensioner: Pensioner):
    rcam(pensioner).expect_heading(fr("rcam_welcome_title"))
    expect(pensioner.page.get_by_text(re.compile(r"^Connecté en tant que"))).to_have_count(0)
    assert not pensioner.open_sso_sessions(), "EU Login's single sign-on session is still open"


@when("des jours passent : il ferme son navigateur, et le code final arrive entre-temps")
def days_later(pensioner: Pensioner, request):
    """Between the 2ème and 3ème étape: a new browser session, after the sign-on and the delivery delay."""
    from datetime import timedelta

    pensioner.page.context.close()
    pensioner.world.clock.advance(rules.SSO_LIFETIME + rules.FINAL_CODE_DELAY + timedelta(hours=1))
    pensioner.page = request.getfixturevalue("fresh_context")().new_page()
