"""Bad input and failures (features ``erreurs_*.feature``): what is typed wrong, and what the screen answers.

In a scenario tagged ``erreurs`` the world is noted down before the first « Quand » step and the form's
values before every click (the root conftest.py's ``pytest_bdd_before_step``, under ``WORLD_BEFORE`` and
``FORM_BEFORE``), so that « Alors le monde est inchangé » and « les valeurs saisies sont conservées » compare
with them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pytest_bdd import given, parsers, then, when

from mock_sites import notify, rules
from mock_sites.labels import fr
from mock_sites.rcam import service as pmo
from mock_sites.world import Identity

from .personne import Pensioner

WORLD_BEFORE = pytest.StashKey[dict]()
FORM_BEFORE = pytest.StashKey[list]()
FORMATS = {rules.PHONE_CHALLENGE.length: rules.PHONE_CHALLENGE, rules.SIGN_IN_CHALLENGE.length: rules.SIGN_IN_CHALLENGE}
NEXT_TO = 80  # pixels: at most this far below its field, an error reads as the field's own
# What « le monde est inchangé, hormis … » allows to change, in the feature's words
EXCEPT = {
    "la tentative erronée comptée": ("failed_attempts",),
    "le verrou": ("failed_attempts", "locks", "challenges"),
    "le nouveau code envoyé par SMS": ("challenges", "messages"),
}


def identity_values(identity: Identity) -> dict[str, str]:
    """What a feature may write between braces in a typed value: the person's own data."""
    return {"utilisateur": identity.email.split("@", 1)[0], "portable": identity.mobile}


# --- « Étant donné » : worlds of these scenarios
@given(parsers.parse("une autre personne a déjà un compte EU Login à l'adresse « {email} »"))
def someone_else(pensioner: Pensioner, email: str):
    from dataclasses import replace

    other = replace(pensioner.world.new_identity(), email=email)
    pensioner.world.seed_account(other, password=rules.GUIDE_EXAMPLE_PASSWORD)


def password_link_token(pensioner: Pensioner) -> str:
    [link] = [link for link in pensioner.world.password_links.values() if link.email == pensioner.account.email]
    return link.token


@given("un pensionné qui a ouvert le lien du courriel pour choisir son mot de passe")
def on_password_link(pensioner: Pensioner):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, language="fr")
    notify.send_password_link(pensioner.world, pensioner.account, pensioner.server.public_url)
    pensioner.eulogin.open_password_link(password_link_token(pensioner))
    pensioner.eulogin.expect_heading(fr("new_password_title"))


@given("un pensionné qui a déjà choisi son mot de passe avec le lien du courriel")
def password_link_used(pensioner: Pensioner):
    pensioner.account = pensioner.world.seed_account(pensioner.identity, language="fr")
    notify.send_password_link(pensioner.world, pensioner.account, pensioner.server.public_url)
    pensioner.account.password = rules.GUIDE_EXAMPLE_PASSWORD
    for link in pensioner.world.password_links.values():
        link.used = True


@given("il a déjà fait sa demande d'accès dans un autre onglet")
def first_access_done_elsewhere(pensioner: Pensioner):
    world = pensioner.world
    pmo.first_access(world, pensioner.account, world.pensioner(pensioner.identity.pension_number))


@given("son code final a déjà été utilisé dans un autre onglet")
def final_code_used_elsewhere(pensioner: Pensioner):
    pensioner.world.activate(pensioner.world.registration(pensioner.account.uid))


# --- « Quand » : what is typed
@when(parsers.re(r"il saisit « (?P<value>.*?) » dans le champ « (?P<label>.+) »"))
def type_into(pensioner: Pensioner, value: str, label: str):
    pensioner.screen.type_into(label, value.format(**identity_values(pensioner.identity)))


@when(parsers.re(r"il saisit « (?P<value>.*?) » comme adresse électronique et comme confirmation"))
def type_email_twice(pensioner: Pensioner, value: str):
    pensioner.eulogin.enter_email_twice(value)


@when("il décoche la déclaration de confidentialité")
def untick_privacy(pensioner: Pensioner):
    pensioner.eulogin.untick_privacy()


@when(parsers.re(r"il choisit le mot de passe « (?P<password>.*?) » qu'il confirme par « (?P<confirmation>.*?) »"))
def choose_password(pensioner: Pensioner, password: str, confirmation: str):
    values = identity_values(pensioner.identity)
    pensioner.eulogin.enter_new_password(password.format(**values), confirmation.format(**values))


@when("il ouvre à nouveau le lien du courriel")
def open_link_again(pensioner: Pensioner):
    pensioner.eulogin.open_password_link(password_link_token(pensioner))


@when(parsers.parse("{minutes:d} minutes passent"))
def minutes_pass(pensioner: Pensioner, minutes: int):
    pensioner.world.clock.advance(timedelta(minutes=minutes))


def pending_code(pensioner: Pensioner) -> str:
    mine = [c for c in pensioner.world.challenges.values() if c.email == pensioner.account.email]
    assert len(mine) == 1, f"{len(mine)} pending challenges for {pensioner.account.email}"
    return mine[0].code


@when("il saisit un code challenge erroné")
def type_wrong_challenge(pensioner: Pensioner):
    code = pending_code(pensioner)
    fmt = FORMATS[len(code.replace("-", ""))]
    wrong = next(c for c in rules.CODE_ALPHABET if c != code[0]) + code[1:]  # the right shape, not the code
    pensioner.eulogin.enter_challenge(wrong, fmt)


@when(parsers.re(r"il saisit « (?P<code>.*?) » dans les cases du code challenge"))
def type_challenge_parts(pensioner: Pensioner, code: str):
    """One group per box, as the person types them (fewer groups leave the last boxes empty)."""
    pensioner.eulogin.type_challenge_groups(code.split("-"))


@when("il redemande un code pour le même numéro")
def ask_again(pensioner: Pensioner):
    pensioner.eulogin.open(rules.Paths.ADD_PHONE)
    pensioner.eulogin.enter_mobile_number(pensioner.identity.mobile)
    pensioner.eulogin.click(fr("add"))


@when("il introduit un code final erroné")
def type_wrong_final_code(pensioner: Pensioner):
    code = pensioner.world.final_code(pensioner.account.uid)
    pensioner.rcam.enter_final_code(next(c for c in rules.CODE_ALPHABET if c != code[0]) + code[1:])


@when(parsers.re(r"il introduit « (?P<code>.*?) » comme code final"))
def type_final_code_parts(pensioner: Pensioner, code: str):
    pensioner.rcam.type_final_code_groups(code.split("-"))


# --- « Alors » : what the screen answers, and what did not change
@then(parsers.re(r"le message « (?P<message>.+) » s'affiche à côté du champ « (?P<label>.+?) »"))
def message_next_to_field(pensioner: Pensioner, message: str, label: str):
    screen = pensioner.screen
    expect(screen.alerts(), "the screen must show this one message, and no other").to_have_text([message])
    found = screen.field_error(label)
    error = found["error"]
    assert error, f"« {label} » points to no error (aria-describedby)"
    assert (error["text"], error["role"]) == (message, "alert"), f"« {label} »'s own error: {error}"
    assert found["tag"] == "FIELDSET" or found["invalid"] == "true", f"« {label} » is not marked aria-invalid"
    top, bottom = error["box"]["top"], found["field"]["bottom"]
    assert found["field"]["top"] <= top <= bottom + NEXT_TO, (
        f"the message is not next to « {label} »: field at {found['field']}, message at {error['box']}")


@then(parsers.re(r"seul le message « (?P<message>.+) » s'affiche"))
def only_message(pensioner: Pensioner, message: str):
    expect(pensioner.screen.alerts(), "the screen must show this one message, and no other").to_have_text(
        [message])


@then("les valeurs saisies sont conservées")
@then("les valeurs saisies sont conservées, mot de passe à part")
def typed_values_kept(pensioner: Pensioner, request):
    before = request.node.stash.get(FORM_BEFORE, None)
    assert before, "no form was noted down before the click"
    after = pensioner.screen.form_values()
    assert [(f["name"], f["type"]) for f in after] == [(f["name"], f["type"]) for f in before], (
        f"not the same form: {before} → {after}")
    for old, new in zip(before, after, strict=True):
        if old["type"] == "password" or old["name"] == "captcha":  # never sent back; a new code to copy
            assert new["value"] == "", f"« {old['name']} » is shown again: {new['value']!r}"
        else:
            assert new["value"] == old["value"], f"« {old['name']} » was {old['value']!r}, now {new['value']!r}"


@then(parsers.re(r"le monde est inchangé(?:, hormis (?P<allowed>.+))?"))
def world_unchanged(pensioner: Pensioner, request, allowed: str | None):
    before = request.node.stash.get(WORLD_BEFORE, None)
    assert before is not None, "the world was not noted down (is the scenario tagged @erreurs?)"
    excluding = EXCEPT[allowed] if allowed else ()
    now = pensioner.world.snapshot(excluding=excluding)
    changed = sorted(name for name in before.keys() - set(excluding) if before[name] != now.get(name))
    assert not changed, f"the world changed: {', '.join(changed)}"


@then(parsers.parse("un compte est créé à son adresse au nom de « {name} »"))
def account_created(pensioner: Pensioner, name: str):
    account = pensioner.world.account(pensioner.identity.email)
    assert account is not None, f"no account for {pensioner.identity.email}"
    assert account.full_name == name, f"the account is in the name of {account.full_name!r}"
    pensioner.account = account


@then("aucun numéro n'a été ajouté à son compte")
def no_number_added(pensioner: Pensioner):
    assert pensioner.world.account(pensioner.identity.email).phones == []


@then("aucune session EU Login n'est ouverte")
def not_signed_in(pensioner: Pensioner):
    assert not pensioner.world.sso_sessions and not pensioner.world.tickets


@then("un nouveau code lui a été envoyé par SMS")
def new_code_sent(pensioner: Pensioner):
    assert len(pensioner.world.inbox("sms", pensioner.identity.mobile)) == 2


@then("son accès à RCAM n'est pas activé")
def not_activated(pensioner: Pensioner):
    assert pensioner.world.pensioner_of(pensioner.account.uid) is None
