"""Opening addresses, clicking what the guide names, and seeing screens."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from rehearse.pages import Screen

from .personne import Pensioner


@when(parsers.parse("il lance {url}"))
def launch(pensioner: Pensioner, url: str):
    pensioner.page.goto(url)


@when(parsers.parse("il clique sur « {label} »"))
def click(pensioner: Pensioner, label: str):
    Screen(pensioner.page).click(label)


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
