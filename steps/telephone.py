"""Mobile phone numbers, the SMS and the challenge.

What passes from step to step is a fixture, given by the step that produces it (``target_fixture``):
``mobile_number``, the number the SMS go to, and ``sms_code``, the code read in the latest SMS.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from mock_sites import mail, rules
from mock_sites.labels import fr
from rehearse.pages import Phone

from .personne import Pensioner

FORMATS = {fmt.describe(): fmt for fmt in (rules.PHONE_CHALLENGE, rules.SIGN_IN_CHALLENGE)}  # "2 x 4", "3 x 3"


@pytest.fixture
def mobile_number(pensioner: Pensioner) -> str:
    """The number the SMS go to: the person's own, until a step types another one."""
    return pensioner.identity.mobile


@when("il ajoute son numéro de téléphone portable en commençant par le code pays", target_fixture="mobile_number")
def add_own_number(pensioner: Pensioner) -> str:
    pensioner.eulogin.enter_mobile_number(pensioner.identity.mobile)
    return pensioner.identity.mobile


@when("il ajoute un numéro supplémentaire en commençant par le code pays", target_fixture="mobile_number")
def add_second_number(pensioner: Pensioner) -> str:
    pensioner.eulogin.enter_mobile_number(pensioner.identity.second_mobile)
    return pensioner.identity.second_mobile


@when(parsers.parse("il ajoute le numéro « {number} »"))
def add_number(pensioner: Pensioner, number: str):
    pensioner.eulogin.enter_mobile_number(number)


def read_code_on_phone(pensioner: Pensioner, fmt: rules.CodeFormat, number: str) -> str:
    """On the fake phone, in another tab, as a person glances at their phone: never from the world."""
    with pensioner.other_tab() as tab:
        phone = Phone(tab)
        phone.open(number)
        code = phone.read_latest_code(fmt)
    assert code, f"no code of {fmt.describe()} characters in the latest SMS to {number}"
    return code


@when(parsers.parse("il lit le code de {size} caractères dans le SMS reçu"), target_fixture="sms_code")
def read_sms(pensioner: Pensioner, size: str, mobile_number: str) -> str:
    return read_code_on_phone(pensioner, FORMATS[size], mobile_number)


@when(parsers.parse("il reprend ce code en {case} sur l'écran suivant"))
def type_code(pensioner: Pensioner, case: str, sms_code: str):
    typed = sms_code.lower() if case == "minuscules" else sms_code.upper()
    if any(c.isalpha() for c in sms_code):
        assert typed != sms_code or case == "majuscules", "the typed code must differ in case from the SMS"
    pensioner.eulogin.enter_challenge(typed, rules.PHONE_CHALLENGE)


@then(parsers.parse("il voit le champ du numéro et « {label} »"))
def number_form(pensioner: Pensioner, label: str):
    expect(pensioner.eulogin.field("phone_number")).to_be_visible()
    expect(pensioner.eulogin.button(label)).to_be_visible()


@then("l'écran du code challenge s'affiche")
def challenge_screen(pensioner: Pensioner):
    pensioner.eulogin.expect_heading(fr("challenge_title"))
    for box in pensioner.eulogin.challenge_boxes(rules.PHONE_CHALLENGE.groups):
        expect(box).to_be_visible()


@then("une confirmation s'affiche à l'écran")
def confirmation_on_screen(pensioner: Pensioner, mobile_number: str):
    pensioner.eulogin.expect_status(fr("phone_added", phone=mobile_number))


@then("un courriel confirme que le numéro a bien été ajouté")
def confirmation_by_email(pensioner: Pensioner, mobile_number: str):
    inbox = pensioner.world.inbox("email", pensioner.identity.email)
    assert inbox and mobile_number in mail.decode(inbox[0].raw).text, f"no e-mail confirms {mobile_number}"


@then("ses deux numéros sont enregistrés sur son compte")
def both_numbers(pensioner: Pensioner):
    assert pensioner.world.account(pensioner.identity.email).phones == [
        pensioner.identity.mobile, pensioner.identity.second_mobile]


@then(parsers.parse("le numéro est refusé avec le message « {message} »"))
def number_refused(pensioner: Pensioner, message: str):
    pensioner.eulogin.expect_alert(message)
    assert pensioner.world.account(pensioner.identity.email).phones == []
    assert pensioner.world.inbox("sms", pensioner.identity.mobile) == []
