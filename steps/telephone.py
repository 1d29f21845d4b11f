"""Mobile phone numbers, the SMS and the challenge."""

from __future__ import annotations

import re

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from mock_sites import mail, rules
from mock_sites.labels import fr
from rehearse.pages import Phone

from .personne import Pensioner

FORMATS = {"2 x 4": rules.PHONE_CHALLENGE, "3 x 3": rules.SIGN_IN_CHALLENGE}


def code_pattern(fmt: rules.CodeFormat) -> re.Pattern[str]:
    group = r"[A-Za-z0-9]{" + str(fmt.size) + "}"
    return re.compile(r"\b" + "-".join([group] * fmt.groups) + r"\b")


@when("il ajoute son numéro de téléphone portable en commençant par le code pays")
def add_own_number(pensioner: Pensioner):
    pensioner.eulogin.enter_mobile_number(pensioner.identity.mobile)


@when("il ajoute un numéro supplémentaire en commençant par le code pays")
def add_second_number(pensioner: Pensioner):
    pensioner.eulogin.enter_mobile_number(pensioner.identity.second_mobile)
    pensioner.notes["number"] = pensioner.identity.second_mobile


@when(parsers.parse("il ajoute le numéro « {number} »"))
def add_number(pensioner: Pensioner, number: str):
    pensioner.eulogin.enter_mobile_number(number)


def read_code_on_phone(pensioner: Pensioner, fmt: rules.CodeFormat, number: str) -> str:
    """On the fake phone, in another tab, as a person glances at their phone: never from the world."""
    with pensioner.other_tab() as tab:
        phone = Phone(tab)
        phone.open(number)
        sms = phone.latest_sms()
        expect(sms).to_be_visible()
        found = code_pattern(fmt).search(sms.inner_text())
    assert found, f"no code of {fmt.describe()} characters in the latest SMS to {number}"
    return found.group(0)


@when(parsers.parse("il lit le code de {size} caractères dans le SMS reçu"))
def read_sms(pensioner: Pensioner, size: str):
    number = pensioner.notes.get("number", pensioner.identity.mobile)
    pensioner.notes["code"] = read_code_on_phone(pensioner, FORMATS[size], number)


@when(parsers.parse("il reprend ce code en {case} sur l'écran suivant"))
def type_code(pensioner: Pensioner, case: str):
    code = pensioner.notes["code"]
    typed = code.lower() if case == "minuscules" else code.upper()
    if any(c.isalpha() for c in code):
        assert typed != code or case == "majuscules", "the typed code must differ in case from the SMS"
    pensioner.eulogin.enter_challenge(typed, rules.PHONE_CHALLENGE)


@then(parsers.parse("il voit le champ du numéro et « {label} »"))
def number_form(pensioner: Pensioner, label: str):
    expect(pensioner.eulogin.field("phone_number")).to_be_visible()
    expect(pensioner.page.get_by_role("button", name=label, exact=True)).to_be_visible()


@then("l'écran du code challenge s'affiche")
def challenge_screen(pensioner: Pensioner):
    pensioner.eulogin.expect_heading(fr("challenge_title"))
    for box in pensioner.eulogin.challenge_boxes(rules.PHONE_CHALLENGE.groups):
        expect(box).to_be_visible()


@then("une confirmation s'affiche à l'écran")
def confirmation_on_screen(pensioner: Pensioner):
    number = pensioner.notes.get("number", pensioner.identity.mobile)
    pensioner.eulogin.expect_status(fr("phone_added", phone=number))


@then("un courriel confirme que le numéro a bien été ajouté")
def confirmation_by_email(pensioner: Pensioner):
    number = pensioner.notes.get("number", pensioner.identity.mobile)
    inbox = pensioner.world.inbox("email", pensioner.identity.email)
    assert inbox and number in mail.decode(inbox[0].raw).text, f"no e-mail confirms {number}"


@then("ses deux numéros sont enregistrés sur son compte")
def both_numbers(pensioner: Pensioner):
    assert pensioner.world.account(pensioner.identity.email).phones == [
        pensioner.identity.mobile, pensioner.identity.second_mobile]


@then(parsers.parse("le numéro est refusé avec le message « {message} »"))
def number_refused(pensioner: Pensioner, message: str):
    pensioner.eulogin.expect_alert(message)
    assert pensioner.world.account(pensioner.identity.email).phones == []
    assert pensioner.world.inbox("sms", pensioner.identity.mobile) == []
