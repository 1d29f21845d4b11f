"""Signing in to EU Login for RCAM: « Méthode d’authentification », « Téléphone portable + SMS », the 3 x 3 code."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from mock_sites import rules
from mock_sites.labels import fr

from .personne import Pensioner


def open_sign_in_for_rcam(pensioner: Pensioner) -> None:
    """EU Login's identification screen as RCAM's « Connecter » opens it (with its service and strength)."""
    pensioner.rcam.open(rules.Paths.RCAM_LOGIN)


@given("il est sur l'écran d'identification d'EU Login ouvert par RCAM")
def on_identification_for_rcam(pensioner: Pensioner):
    open_sign_in_for_rcam(pensioner)
    pensioner.eulogin.expect_heading(fr("whoami_title"))


@given("il est sur l'écran du mot de passe d'EU Login ouvert par RCAM")
def on_password_for_rcam(pensioner: Pensioner):
    open_sign_in_for_rcam(pensioner)
    pensioner.eulogin.enter_email(pensioner.identity.email)
    pensioner.eulogin.click(fr("next"))
    pensioner.eulogin.expect_password_prompt()


@given("EU Login vient de lui envoyer par SMS un code challenge pour RCAM")
def sign_in_challenge_sent(pensioner: Pensioner):
    open_sign_in_for_rcam(pensioner)
    identity = pensioner.identity
    pensioner.eulogin.sign_in_for_service(identity.email, rules.GUIDE_EXAMPLE_PASSWORD, identity.mobile)
    pensioner.eulogin.expect_heading(fr("sign_in_challenge_title"))


@when("il indique son mot de passe")
@when("implicitement, il indique son mot de passe")
def enter_password(pensioner: Pensioner):
    pensioner.eulogin.enter_password(rules.GUIDE_EXAMPLE_PASSWORD)


@when("implicitement, il indique son adresse électronique et clique sur « Suivant »")
def implicit_email(pensioner: Pensioner):
    pensioner.eulogin.enter_email(pensioner.identity.email)
    pensioner.eulogin.click(fr("next"))


@when(parsers.parse("il clique sur la flèche à droite de « {list_label} » et choisit « {method} »"))
def choose_method(pensioner: Pensioner, list_label: str, method: str):
    pensioner.eulogin.choose_method(list_label, method)


@when("il ajoute son numéro de téléphone portable précédé du code pays", target_fixture="mobile_number")
def sign_in_mobile(pensioner: Pensioner) -> str:
    """The number the sign-in SMS will come to (``mobile_number``, for « il lit le code … dans le SMS reçu »)."""
    assert pensioner.identity.mobile.startswith("+")
    pensioner.eulogin.enter_sign_in_mobile(pensioner.identity.mobile)
    return pensioner.identity.mobile


@when(parsers.parse("il reprend le code en {case} dans les espaces indiqués"))
def type_sign_in_code(pensioner: Pensioner, case: str, sms_code: str):
    typed = sms_code.lower() if case == "minuscules" else sms_code.upper()
    pensioner.eulogin.enter_challenge(typed, rules.SIGN_IN_CHALLENGE)


@then("l'écran d'identification d'EU Login s'affiche")
def identification_shown(pensioner: Pensioner):
    pensioner.eulogin.expect_heading(fr("whoami_title"))
    pensioner.eulogin.expect_sign_in_for_a_service()


@then(parsers.parse("l'écran du mot de passe s'affiche avec la liste « {list_label} »"))
def password_with_methods(pensioner: Pensioner, list_label: str):
    pensioner.eulogin.expect_password_prompt()
    expect(pensioner.eulogin.method_list(list_label)).to_be_visible()


@then("l'écran du code challenge de connexion s'affiche avec trois espaces")
def sign_in_challenge_screen(pensioner: Pensioner):
    pensioner.eulogin.expect_heading(fr("sign_in_challenge_title"))
    for box in pensioner.eulogin.challenge_boxes(rules.SIGN_IN_CHALLENGE.groups):
        expect(box).to_be_visible()
