"""Opening addresses, clicking what the guide names, and seeing screens."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from mock_sites.labels import fr
from rehearse.pages import Screen
from rehearse.screens import AFTER_INSTRUCTION

from .personne import Pensioner


@when(parsers.parse("il lance {url}"))
def launch(pensioner: Pensioner, url: str):
    pensioner.page.goto(url)


@when(parsers.re(r"(?:implicitement, )?il clique sur « (?P<label>.+?) »"))
def click(pensioner: Pensioner, label: str):
    Screen(pensioner.page).click(label)


@then(parsers.re(r"l'instruction (?P<instruction>\d+\.\d+) est faite"))
def instruction_done(pensioner: Pensioner, instruction: str, request):
    """The screen the instruction leads to is shown; its picture goes to the report, in guide order."""
    after = AFTER_INSTRUCTION[instruction]
    name = pensioner.identity.full_name  # for headings that greet the person
    Screen(pensioner.page).expect_heading(fr(after.heading, name=name))
    recorder = request.config.pluginmanager.get_plugin("rehearse-recorder")
    if recorder is not None:
        recorder.instruction_screenshot(instruction, pensioner.page)


@when("il clique sur la roue dentée en haut à droite")
@when("il clique sur la roue dentée")
def gear(pensioner: Pensioner):
    gear_button = pensioner.eulogin.gear()
    box = gear_button.bounding_box()
    viewport = pensioner.page.viewport_size
    assert box and viewport and box["x"] > viewport["width"] * 0.75 and box["y"] < 120, (
        f"the gear is not at the top right of the screen: {box}")
    pensioner.eulogin.open_gear_menu()


@then(parsers.parse("l'écran « {label} » s'affiche"))
def screen_shown(pensioner: Pensioner, label: str):
    Screen(pensioner.page).expect_heading(label)


@then(parsers.parse("la barre d'adresse affiche {prefix}"))
def address_bar(pensioner: Pensioner, prefix: str):
    Screen(pensioner.page).expect_url_prefix(prefix)


@then(parsers.parse("le message « {message} » s'affiche"))
def message_shown(pensioner: Pensioner, message: str):
    Screen(pensioner.page).expect_alert(message)


@then(parsers.parse("il voit « {label} »"))
def sees_control(pensioner: Pensioner, label: str):
    from playwright.sync_api import expect

    expect(Screen(pensioner.page).control(label), f"« {label} » is not on {pensioner.page.url}").to_be_visible()
