"""Every EU Login screen of the guide's stage 1, reached through the client as the guide walks it with a
French browser: each label the guide quotes is the accessible name of a button or link on its screen."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from mock_sites import labels, rules
from mock_sites.labels import fr
from mock_sites.rules import Paths
from tests.helpers import (
    PASSWORD,
    Client,
    captcha_answer,
    controls,
    form_values,
    heading,
    local,
    parse,
    sms_code,
)

MAILBOX = f"https://{rules.MAILBOX_HOST}"
NUMBER = "+32470123456"
TEMPLATES = Path(rules.__file__).parent / "templates"


def follow(client: Client, html: str, name: str):
    """Clicks the link whose accessible name is ``name``."""
    hrefs = [a.attrs["href"] for a in parse(html).find_all("a") if "href" in a.attrs and a.accessible_name() == name]
    assert hrefs, f"no link « {name} »"
    return client.get(local(hrefs[0]))


def journey(email_language: str = "fr") -> dict[str, tuple[int, str]]:
    """The guide's instructions 1 to 12, screen by screen: ``{screen: (status, html)}``."""
    screens: dict[str, tuple[int, str]] = {}
    eu = Client(lang="fr")
    world = eu.world
    person = world.new_identity()

    def seen(name: str, client: Client = eu) -> str:
        screens[name] = (client.response.status_code, client.html)
        return client.html

    eu.get("/cas")  # 1. lancez https://webgate.ec.europa.eu/cas
    seen("whoami")
    response = eu.post(Paths.LOGIN, {**form_values(eu.html), "username": person.email})  # « Suivant »
    eu.get(local(response.headers["Location"]))
    seen("register")  # 2. remplissez les différents champs + « Créer un compte »
    captcha_id, code = captcha_answer(eu)
    eu.post(Paths.REGISTER, {**form_values(eu.html), "first_name": person.first_name,
                             "last_name": person.last_name, "email_confirm": person.email,
                             "email_language": email_language, "captcha": code, "privacy": "on"})
    seen("register_done")
    box = Client(world, lang="fr", base_url=MAILBOX)  # 3. le courriel, « ce lien »
    box.get(f"/{person.email}")
    follow(box, box.html, labels.text("mail_register_subject", email_language))
    mail = seen("mail", box)
    follow(eu, mail, labels.text("mail_register_link", email_language))
    seen("init_password")
    eu.post(Paths.INIT_PASSWORD, {**form_values(eu.html), "new_password": PASSWORD, "confirm_password": PASSWORD})
    seen("password_changed")  # 4. « Continuer »
    follow(eu, eu.html, fr("continue"))
    seen("home")  # 5. la roue dentée, « Mon compte »
    follow(eu, eu.html, fr("my_account"))
    seen("my_account")  # 6. « Gérer mes numéros de téléphone portable »
    follow(eu, eu.html, fr("manage_phones"))
    seen("phones")  # 7. « Ajouter un numéro de téléphone portable »
    follow(eu, eu.html, fr("add_phone_link"))
    seen("add_phone")  # 8. le numéro + « Ajouter »
    response = eu.post(Paths.ADD_PHONE, {**form_values(eu.html), "mobile_number": NUMBER})
    eu.get(local(response.headers["Location"]))
    seen("verify_phone")  # 9. le code challenge + « Finaliser »
    eu.post(Paths.VERIFY_PHONE, {"challenge": rules.PHONE_CHALLENGE.split(sms_code(world, NUMBER).lower())})
    seen("phone_added")  # 10. la confirmation
    follow(eu, eu.html, fr("logout"))  # 12. la roue dentée + « Déconnexion »
    seen("logged_out")
    return screens


@pytest.fixture(scope="module")
def screens() -> dict[str, tuple[int, str]]:
    return journey()


# key: the screen where the guide has the person click it, and what it is
GUIDE_LABELS = [
    ("next", "whoami", "button"),
    ("create_account", "register", "button"),
    ("mail_register_link", "mail", "link"),
    ("submit", "init_password", "button"),
    ("continue", "password_changed", "link"),
    ("my_account", "home", "link"),
    ("manage_phones", "my_account", "link"),
    ("add_phone_link", "phones", "link"),
    ("add", "add_phone", "button"),
    ("finalise", "verify_phone", "button"),
    ("logout", "phone_added", "link"),
]


@pytest.mark.parametrize(("key", "screen", "role"), GUIDE_LABELS, ids=[k for k, _, _ in GUIDE_LABELS])
def test_guide_label_is_a_control_of_its_screen(screens, key, screen, role):
    status, html = screens[screen]
    assert status == 200
    assert (role, fr(key)) in controls(html), f"« {fr(key)} » is no {role} of {screen}: {controls(html)}"


def test_english_email_has_this_link():
    """The guide: « this link » if the message comes in English."""
    html = journey("en")["mail"][1]
    assert ("link", labels.text("mail_register_link", "en")) in controls(html)


SIGNED_IN = ["password_changed", "home", "my_account", "phones", "add_phone", "verify_phone", "phone_added"]


@pytest.mark.parametrize("screen", SIGNED_IN)
def test_gear_menu_on_every_signed_in_screen(screens, screen):
    html = screens[screen][1]
    gear = parse(html).find_all("div", class_="gear")
    assert len(gear) == 1
    assert ("button", fr("gear_menu")) in controls(html)
    menu = [a.text() for a in gear[0].find_all("a")]
    assert menu == [fr("my_account"), fr("logout")]


@pytest.mark.parametrize("screen", ["whoami", "register", "register_done", "init_password", "logged_out"])
def test_no_gear_menu_when_signed_out(screens, screen):
    assert parse(screens[screen][1]).find_all("div", class_="gear") == []


HEADINGS = {
    "whoami": lambda: fr("whoami_title"),
    "register": lambda: fr("register_title"),
    "register_done": lambda: fr("register_done_title"),
    "mail": lambda: fr("mail_register_subject"),
    "init_password": lambda: fr("new_password_title"),
    "password_changed": lambda: fr("password_changed_title"),
    "home": lambda: fr("login_success"),
    "my_account": lambda: fr("my_account_title"),
    "phones": lambda: fr("phones_title"),
    "add_phone": lambda: fr("add_phone_link"),
    "verify_phone": lambda: fr("challenge_title"),
    "phone_added": lambda: fr("phones_title"),
    "logged_out": lambda: fr("logged_out"),
}


@pytest.mark.parametrize("screen", list(HEADINGS))
def test_every_screen_renders_in_french_with_its_heading(screens, screen):
    status, html = screens[screen]
    assert status == 200
    page = parse(html)
    assert page.find_all("html")[0].attrs["lang"] == "fr"
    assert heading(html) == HEADINGS[screen]()
    assert page.find_all("title")[0].text()


@pytest.mark.parametrize("screen", list(HEADINGS))
def test_every_form_has_its_csrf_token_and_labelled_fields(screens, screen):
    page = parse(screens[screen][1])
    for form in page.find_all("form"):
        assert urlsplit(form.attrs.get("action", "")).path.startswith(Paths.CAS)
        assert form.attrs.get("method") == "post"
        tokens = form.find_all("input", name="csrf_token")
        assert len(tokens) == 1 and tokens[0].attrs["type"] == "hidden" and tokens[0].attrs["value"]
        labelled = {label.attrs.get("for") for label in form.find_all("label")}
        for field in form.iter():
            if field.tag in ("input", "select", "textarea") and field.attrs.get("type") != "hidden":
                assert field.attrs.get("id") in labelled or field.attrs.get("aria-label"), field.attrs


def test_other_eulogin_screens_render_in_french():
    """The screens off the guide's happy path: sign-in with a password, lost password, an expired link."""
    client = Client(lang="fr")
    person = client.world.new_identity()
    client.world.seed_account(person, password=PASSWORD)
    client.get(Paths.LOGIN)
    client.post(Paths.LOGIN, {"step": "whoami", "username": person.email})
    assert heading(client.html) == fr("password_title", name=person.full_name)
    assert ("button", fr("sign_in")) in controls(client.html)
    assert ("link", fr("lost_password")) in controls(client.html)
    follow(client, client.html, fr("lost_password"))
    assert heading(client.html) == fr("password_reset_title")
    assert ("button", fr("submit")) in controls(client.html)
    client.get(Paths.INIT_PASSWORD + "?token=unknown")
    assert heading(client.html) == fr("new_password_title")
    assert ("link", fr("lost_password")) in controls(client.html)


def test_every_label_a_template_uses_exists():
    used = set()
    for template in TEMPLATES.rglob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z0-9_]+)["']""", template.read_text(encoding="utf-8")))
    assert used, "no t(...) call found in the templates"
    assert sorted(used - set(labels.TEXTS)) == []
    for key in used:
        assert set(labels.TEXTS[key]) >= set(labels.LANGUAGES), key


def test_the_parts_of_a_text_steps_look_for_are_parts_of_it():
    # A step checks a screen by one part of its notice (what the guide corrects, what it asks first): the part
    # must stay a part of the whole, in every language, or the step would look for words the screen never shows.
    for language in labels.LANGUAGES:
        assert labels.text("rcam_registered_by_post", language) in labels.text("rcam_registered", language)
        assert labels.text("rcam_activated", language).startswith(labels.text("rcam_log_out_now", language))
        assert "{name}" in labels.text("signed_in_as", language)  # Screen.signed_in_as: the words before the name


def test_no_screen_keeps_anything_in_web_storage():
    # the reused browser context (rehearse.tabs) relies on it: a tab's session storage would outlive a test
    for template in TEMPLATES.rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        for storage in ("localStorage", "sessionStorage", "indexedDB", "document.cookie"):
            assert storage not in source, f"{template.relative_to(TEMPLATES)} uses {storage}"
