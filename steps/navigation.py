"""Opening addresses, clicking what the guide names, and seeing screens."""

from __future__ import annotations

from playwright.sync_api import expect
from pytest_bdd import parsers, then, when

from mock_sites.labels import fr
from rehearse.screens import AFTER_INSTRUCTION

from .personne import Pensioner


@when(parsers.parse("il lance {url}"))
def launch(pensioner: Pensioner, url: str):
    pensioner.screen.launch(url)


@when(parsers.re(r"(?:implicitement, )?il clique sur « (?P<label>.+?) »"))
def click(pensioner: Pensioner, label: str):
    pensioner.screen.click(label)


@then(parsers.re(r"l'instruction (?P<instruction>\d+\.\d+) est faite"))
def instruction_done(pensioner: Pensioner, instruction: str, request):
    """The screen the instruction leads to is shown; its picture goes to the report, in guide order."""
    after = AFTER_INSTRUCTION[instruction]
    name = pensioner.identity.full_name  # for headings that greet the person
    pensioner.screen.expect_heading(fr(after.heading, name=name))
    recorder = request.config.pluginmanager.get_plugin("rehearse-recorder")
    if recorder is not None:
        recorder.instruction_screenshot(instruction, pensioner.page)


@when("il clique sur la roue dentée en haut à droite")
@when("il clique sur la roue dentée")
def gear(pensioner: Pensioner):
    pensioner.eulogin.expect_gear_at_top_right()
    pensioner.eulogin.open_gear_menu()


@then(parsers.parse("l'écran « {label} » s'affiche"))
def screen_shown(pensioner: Pensioner, label: str):
    pensioner.screen.expect_heading(label)


@then(parsers.parse("la barre d'adresse affiche {prefix}"))
def address_bar(pensioner: Pensioner, prefix: str):
    pensioner.screen.expect_url_prefix(prefix)


@then(parsers.parse("le message « {message} » s'affiche"))
def message_shown(pensioner: Pensioner, message: str):
    pensioner.screen.expect_alert(message)


@then(parsers.parse("il voit « {label} »"))
def sees_control(pensioner: Pensioner, label: str):
    expect(pensioner.screen.control(label), f"« {label} » is not on {pensioner.page.url}").to_be_visible()
