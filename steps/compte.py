"""The account: e-mail address, the creation form, the registration e-mail and the password."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from mock_sites import mail, rules
from mock_sites.labels import fr, text
from rehearse.pages import Mailbox

from .personne import LANGUAGES, Pensioner


@when("il indique son adresse électronique dans le cadre")
def enter_email(pensioner: Pensioner):
    pensioner.eulogin.enter_email(pensioner.identity.email)


@when("il remplit les différents champs")
def fill_registration(pensioner: Pensioner):
    screen = pensioner.eulogin
    captcha = pensioner.world.captchas[screen.captcha_id()]  # what a person reads on the picture
    identity = pensioner.identity
    screen.fill_registration(identity.first_name, identity.last_name, identity.email, captcha)


@when(parsers.parse("il ouvre l'écran « Créer un compte » et le remplit avec son adresse électronique"))
def register_directly(pensioner: Pensioner):
    pensioner.eulogin.open(rules.Paths.REGISTER)
    fill_registration(pensioner)


@when("il ouvre le courriel reçu dans sa boîte aux lettres")
def open_email(pensioner: Pensioner):
    mailbox = Mailbox(pensioner.page)
    mailbox.open(pensioner.identity.email)
    language = pensioner.account.email_language if pensioner.account else "en"
    mailbox.open_message(text("mail_register_subject", language))


@when(parsers.parse("il introduit le mot de passe « {password} »"))
def enter_password(pensioner: Pensioner, password: str):
    pensioner.eulogin.enter_new_password(password)


@when(parsers.parse("il clique sur « {label} » dans la zone bleue"))
def click_in_blue_zone(pensioner: Pensioner, label: str):
    pensioner.eulogin.click_in_blue_zone(label)


@then("l'écran « Créer un compte » s'affiche avec son adresse électronique déjà ajoutée")
def registration_prefilled(pensioner: Pensioner):
    pensioner.eulogin.expect_registration_form(pensioner.identity.email)


@then("l'écran du mot de passe s'affiche et non celui de « Créer un compte »")
def password_prompt_instead(pensioner: Pensioner):
    pensioner.eulogin.expect_password_prompt()
    expect(pensioner.eulogin.heading(fr("register_title"))).to_have_count(0)


@then(parsers.parse("il reçoit un courriel en {language} contenant « {anchor} » au milieu du message"))
def registration_email(pensioner: Pensioner, language: str, anchor: str):
    inbox = pensioner.world.inbox("email", pensioner.identity.email)
    assert inbox, f"no e-mail arrived at {pensioner.identity.email}"
    content = mail.decode(inbox[0].raw)
    assert content.language == LANGUAGES[language], f"the e-mail is in {content.language!r}, not {language}"
    paragraphs = content.html.split("</p>")
    middle = [i for i, p in enumerate(paragraphs) if f">{anchor}</a>" in p]
    assert middle and 0 < middle[0] < len(paragraphs) - 2, f"« {anchor} » is not a link in the middle: {content.html}"


@then("un message indique que son mot de passe a été modifié")
def password_changed(pensioner: Pensioner):
    pensioner.eulogin.expect_status(fr("password_changed"))


@then(parsers.parse("les règles du mot de passe sont décrites en bas de l'écran"))
def policy_at_bottom(pensioner: Pensioner):
    policy = pensioner.eulogin.policy()
    expect(policy).to_contain_text(fr("policy_length", **rules.POLICY_FIELDS))
    expect(policy).to_contain_text(fr("group_special", **rules.POLICY_FIELDS))
    pensioner.eulogin.expect_policy_below_the_form()


@then("aucun compte n'a été créé en double et aucun courriel n'a été envoyé")
def nothing_changed(pensioner: Pensioner):
    accounts = [a for a in pensioner.world.accounts.values() if a.email == pensioner.identity.email]
    assert accounts == [pensioner.account]
    assert pensioner.world.inbox("email", pensioner.identity.email) == []


@then("il est connecté à EU Login")
def is_signed_in(pensioner: Pensioner):
    expect(pensioner.eulogin.gear()).to_be_visible()


@then("il n'est plus connecté à EU Login")
def is_signed_out(pensioner: Pensioner):
    pensioner.eulogin.expect_heading(fr("logged_out"))
    expect(pensioner.eulogin.gear()).to_have_count(0)
    assert not pensioner.open_sso_sessions(), "the single sign-on session is still open"
