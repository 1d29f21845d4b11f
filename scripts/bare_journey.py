"""The dress rehearsal's clicks as a bare Playwright script: the baseline of the journey's benchmark.

``features/journey.feature`` played without the harness (no pytest, pytest-bdd, page objects, network guard
nor report plugin): the same Chromium, one context (and the fresh one the journey opens after « il ferme son
navigateur »), the same locators (labels from ``mock_sites.labels``, whole-string names as the page objects
build them), the same world seeding, the codes read on the fake phone and in the fake mailbox in a second tab,
and the same screenshots: a viewport JPEG (quality 70) after each Gherkin step that changed the page, a
full-page PNG per instruction.

The issue's target: the journey takes at most 1.15 times this script. By hand::

    .venv/bin/python scripts/bare_journey.py

``run(browser, server, shots_dir)`` is what a benchmark calls with its own browser and mock server.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import sys
import time
import zlib
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mock_sites import rules  # noqa: E402
from mock_sites.labels import fr, text  # noqa: E402
from mock_sites.server import MockServer, start_tls  # noqa: E402
from mock_sites.world import World  # noqa: E402
from rehearse.browser import chromium_path  # noqa: E402
from rehearse.pages import name_pattern  # noqa: E402  (the whole-string name the page objects match labels by)
from rehearse.remote import QUIET_ARGS  # noqa: E402
from rehearse.report import SHOWN  # noqa: E402  (what the page shows: a step that changed nothing is not pictured)
from rehearse.screens import AFTER_INSTRUCTION  # noqa: E402

CONTEXT_ARGS = {"ignore_https_errors": True, "locale": "fr-FR", "viewport": {"width": 1280, "height": 800}}
GUIDE_PASSWORD = rules.GUIDE_EXAMPLE_PASSWORD  # the guide's own example (instruction 1.3)
# The journey's world is seeded from its test id: the same pensioner, the same names on the screens.
JOURNEY_ID = "tests/test_journey.py::test_le_guide_entier_1ère_2ème_et_3ème_étape_dans_lordre"
EU_LOGIN = "https://webgate.ec.europa.eu/cas"
RCAM = "https://webgate.ec.europa.eu/RCAM/"


def run(browser: Browser, server: MockServer, shots_dir: Path) -> dict:
    """The whole journey once; returns its seconds, how many actions and how many screenshots it took.

    Actions: ``goto``, ``click``, ``fill``, ``check``, ``select_option`` and ``scroll_into_view_if_needed``: 91,
    as many as the journey's. Screenshots: the same as the harness's: a viewport JPEG after each of the
    journey's 90 steps that changed the page (``rehearse.report.SHOWN``, the harness's own test), and the 22
    full-page PNGs of the instructions. The journey's web-first
    checks of the screens are kept; its waits before each click, its bounding-box look at the gear and its
    checks of the world (e-mails, SSO sessions, phone numbers) are left out: they are the harness's own.
    """
    world = server.world
    world.reset(seed=zlib.crc32(JOURNEY_ID.encode()))
    person = world.new_identity()
    (shots_dir / "steps").mkdir(parents=True, exist_ok=True)
    (shots_dir / "instructions").mkdir(parents=True, exist_ok=True)
    count = {"actions": 0, "screenshots": 0}
    step_numbers = itertools.count(1)

    def act(locator: Locator, verb: str, *args, **kwargs) -> None:
        count["actions"] += 1
        getattr(locator, verb)(*args, **kwargs)

    def goto(tab: Page, url: str) -> None:
        count["actions"] += 1
        tab.goto(url)

    shown = {"last": None}

    def step_done() -> None:
        """The viewport after a Gherkin step, taken as the harness takes it: only when the page changed."""
        number = next(step_numbers)
        now = page.evaluate(SHOWN)
        if now == shown["last"]:
            return
        count["screenshots"] += 1
        page.screenshot(path=str(shots_dir / "steps" / f"{number:02d}.jpg"), type="jpeg", quality=70, caret="initial")
        shown["last"] = now

    def heading(key: str) -> Locator:
        return page.get_by_role("heading", level=1, name=name_pattern(fr(key, name=person.full_name)))

    def instruction_done(instruction: str) -> None:
        """« Alors l'instruction … est faite »: the screen it leads to, and its full-page picture."""
        expect(heading(AFTER_INSTRUCTION[instruction].heading)).to_be_visible()
        count["screenshots"] += 1
        page.screenshot(path=str(shots_dir / "instructions" / f"{instruction}.png"), full_page=True)
        step_done()

    def control(label: str) -> Locator:
        """The button or link the guide calls ``label``."""
        pattern = name_pattern(label)
        return page.get_by_role("button", name=pattern).or_(page.get_by_role("link", name=pattern))

    def field(key: str) -> Locator:
        return page.get_by_label(fr(key), exact=True)

    def gear() -> Locator:
        return page.get_by_role("button", name=fr("gear_menu"), exact=True)

    other: dict[str, Page] = {}  # the second tab of the current context: the phone, the mailbox

    def other_tab() -> Page:
        if other.get("tab") is None or other["tab"].context is not page.context:
            other["tab"] = page.context.new_page()
        other["tab"].bring_to_front()
        return other["tab"]

    def read_sms(fmt: rules.CodeFormat, number: str) -> str:
        tab = other_tab()
        goto(tab, f"https://{rules.PHONE_HOST}/{quote(number)}")
        sms = tab.get_by_role("article", name="SMS 1", exact=True)
        expect(sms).to_be_visible()
        code = fmt.pattern().search(sms.inner_text()).group(0)
        page.bring_to_front()  # back to the person's tab: Chromium paints only the tab in front
        return code

    def open_mail(tab: Page, subject: str) -> None:
        goto(tab, f"https://{rules.MAILBOX_HOST}/{quote(person.email)}")
        act(tab.get_by_role("link", name=subject, exact=True).first, "click")

    def enter_code(code: str, fmt: rules.CodeFormat, part_label: str) -> None:
        for n, part in enumerate(fmt.split(code), 1):
            act(page.get_by_role("textbox", name=fr(part_label, n=n, total=fmt.groups), exact=True), "fill", part)

    def choose_sms_method(list_label: str) -> None:
        methods = page.get_by_role("combobox", name=name_pattern(list_label))
        act(methods, "select_option", label=fr("method_sms"))

    def scroll_down_and_connect() -> None:
        grey = page.get_by_role("region", name=fr("rcam_internet_title"), exact=True)
        connect = grey.get_by_role("link", name=name_pattern(fr("rcam_connect")))
        act(connect, "scroll_into_view_if_needed")
        act(connect, "click")

    started = time.perf_counter()
    context = browser.new_context(**CONTEXT_ARGS)
    page = context.new_page()  # the person's tab: the helpers above act on it

    # --- 1ère étape
    # Étant donné un pensionné qui n'a pas encore de compte EU Login
    step_done()
    # Quand il lance https://webgate.ec.europa.eu/cas
    goto(page, EU_LOGIN)
    step_done()
    # Et il indique son adresse électronique dans le cadre
    act(field("whoami_email"), "fill", person.email)
    step_done()
    # Et il clique sur « Suivant »
    act(control("Suivant"), "click")
    step_done()
    instruction_done("1.1")
    # Quand il remplit les différents champs (the captcha read from the world, as a person reads the picture)
    src = page.get_by_role("img", name=fr("captcha_image"), exact=True).get_attribute("src") or ""
    captcha = world.captchas[src.rsplit("/", 1)[-1].removesuffix(".svg")]
    for key, value in (("first_name", person.first_name), ("last_name", person.last_name), ("email", person.email),
                       ("email_confirm", person.email), ("captcha", captcha)):
        act(field(key), "fill", value)
    act(field("privacy"), "check")
    step_done()
    # Et il clique sur « Créer un compte »
    act(control("Créer un compte"), "click")
    step_done()
    instruction_done("1.2")
    # Quand il ouvre le courriel reçu dans sa boîte aux lettres (in the main tab, as the journey does)
    open_mail(page, text("mail_register_subject", world.account(person.email).email_language))
    step_done()
    # Et il clique sur « this link »
    act(control("this link"), "click")
    step_done()
    # Et il introduit le mot de passe « 23-11Ukraine »
    act(field("new_password"), "fill", GUIDE_PASSWORD)
    act(field("confirm_password"), "fill", GUIDE_PASSWORD)
    step_done()
    # Et il clique sur « Soumettre » dans la zone bleue
    blue_zone = page.get_by_role("group", name=fr("submit"), exact=True)
    act(blue_zone.get_by_role("button", name=name_pattern("Soumettre")), "click")
    step_done()
    instruction_done("1.3")
    # Quand il clique sur « Continuer »
    act(control("Continuer"), "click")
    step_done()
    instruction_done("1.4")
    # Quand il clique sur la roue dentée en haut à droite
    act(gear(), "click")
    step_done()
    # Et il clique sur « Mon compte »
    act(control("Mon compte"), "click")
    step_done()
    instruction_done("1.5")
    # Quand il clique sur « Gérer mes numéros de téléphone portable »
    act(control("Gérer mes numéros de téléphone portable"), "click")
    step_done()
    instruction_done("1.6")
    # Quand il clique sur « Ajouter un numéro de téléphone portable »
    act(control("Ajouter un numéro de téléphone portable"), "click")
    step_done()
    instruction_done("1.7")
    # Quand il ajoute son numéro de téléphone portable en commençant par le code pays
    act(field("phone_number"), "fill", person.mobile)
    step_done()
    # Et il clique sur « Ajouter »
    act(control("Ajouter"), "click")
    step_done()
    instruction_done("1.8")
    # Quand il lit le code de 2 x 4 caractères dans le SMS reçu
    code = read_sms(rules.PHONE_CHALLENGE, person.mobile)
    step_done()
    # Et il reprend ce code en minuscules sur l'écran suivant
    enter_code(code.lower(), rules.PHONE_CHALLENGE, "challenge_part")
    step_done()
    # Et il clique sur « Finaliser »
    act(control("Finaliser"), "click")
    step_done()
    instruction_done("1.9")
    # Et une confirmation s'affiche à l'écran
    expect(page.get_by_role("status")).to_have_text(fr("phone_added", phone=person.mobile))
    step_done()
    # Et un courriel confirme que le numéro a bien été ajouté
    step_done()
    # Et l'instruction 1.10 est faite
    instruction_done("1.10")
    # Quand implicitement, il clique sur « Retour à mes numéros »
    act(control("Retour à mes numéros"), "click")
    step_done()
    # Et il clique sur « Ajouter un numéro de téléphone portable »
    act(control("Ajouter un numéro de téléphone portable"), "click")
    step_done()
    # Et il ajoute un numéro supplémentaire en commençant par le code pays
    act(field("phone_number"), "fill", person.second_mobile)
    step_done()
    # Et il clique sur « Ajouter »
    act(control("Ajouter"), "click")
    step_done()
    # Et il lit le code de 2 x 4 caractères dans le SMS reçu
    code = read_sms(rules.PHONE_CHALLENGE, person.second_mobile)
    step_done()
    # Et il reprend ce code en majuscules sur l'écran suivant
    enter_code(code.upper(), rules.PHONE_CHALLENGE, "challenge_part")
    step_done()
    # Et il clique sur « Finaliser »
    act(control("Finaliser"), "click")
    step_done()
    # Alors ses deux numéros sont enregistrés sur son compte
    step_done()
    # Et l'instruction 1.11 est faite
    instruction_done("1.11")
    # Quand il clique sur la roue dentée
    act(gear(), "click")
    step_done()
    # Et il clique sur « Déconnexion »
    act(control("Déconnexion"), "click")
    step_done()
    # Alors il n'est plus connecté à EU Login
    expect(heading("logged_out")).to_be_visible()
    expect(gear()).to_have_count(0)
    step_done()
    # Et l'instruction 1.12 est faite
    instruction_done("1.12")

    # --- 2ème étape
    # Étant donné le PMO connaît son numéro de pension et lui envoie le code final par courriel
    world.seed_pensioner(person, channel="email")
    step_done()
    # Quand il lance https://webgate.ec.europa.eu/RCAM/
    goto(page, RCAM)
    step_done()
    # Et il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    scroll_down_and_connect()
    step_done()
    instruction_done("2.13")
    # Quand il indique son adresse électronique dans le cadre
    act(field("whoami_email"), "fill", person.email)
    step_done()
    # Et il clique sur « Suivant »
    act(control("Suivant"), "click")
    step_done()
    instruction_done("2.14")
    # Quand il indique son mot de passe
    act(field("password"), "fill", GUIDE_PASSWORD)
    step_done()
    # Et il clique sur la flèche à droite de « Méthode d’authentification » et choisit « Téléphone portable + SMS »
    choose_sms_method("Méthode d’authentification")
    step_done()
    # Et il ajoute son numéro de téléphone portable précédé du code pays
    act(field("mobile_phone"), "fill", person.mobile)
    step_done()
    # Et il clique sur « Connexion »
    act(control("Connexion"), "click")
    step_done()
    instruction_done("2.15")
    # Quand il lit le code de 3 x 3 caractères dans le SMS reçu
    code = read_sms(rules.SIGN_IN_CHALLENGE, person.mobile)
    step_done()
    # Et il reprend le code en minuscules dans les espaces indiqués
    enter_code(code.lower(), rules.SIGN_IN_CHALLENGE, "challenge_part")
    step_done()
    # Et il clique sur « Connexion »
    act(control("Connexion"), "click")
    step_done()
    instruction_done("2.16")
    # Et son nom de famille et son prénom figurent déjà dans les bonnes cases
    expect(field("last_name")).to_have_value(person.last_name)
    expect(field("first_name")).to_have_value(person.first_name)
    step_done()
    # Quand il indique son numéro de pension (2 fois !) et sa date de naissance
    act(field("rcam_pension_number"), "fill", person.pension_number)
    act(field("rcam_pension_number_confirm"), "fill", person.pension_number)
    act(field("rcam_birth_date"), "fill", person.birth_date.strftime(rules.BIRTH_DATE_FORMAT))
    step_done()
    # Et il clique sur « Suivant »
    act(control("Suivant"), "click")
    step_done()
    instruction_done("2.17")
    # Et l'écran annonce que le code final viendra par courrier postal à son domicile
    expect(page.get_by_role("status")).to_contain_text(fr("rcam_registered_by_post"))
    step_done()
    # Et aucun code final n'est encore arrivé
    step_done()
    # Et l'instruction 2.18 est faite
    instruction_done("2.18")

    # --- 3ème étape
    # Quand des jours passent : il ferme son navigateur, et le code final arrive entre-temps
    context.close()
    world.clock.advance(rules.DAYS_LATER)
    context = browser.new_context(**CONTEXT_ARGS)
    page = context.new_page()
    step_done()
    # Et il lance https://webgate.ec.europa.eu/RCAM/
    goto(page, RCAM)
    step_done()
    # Et il descend et clique sur « Connecter » dans le rectangle gris de l'écran
    scroll_down_and_connect()
    step_done()
    instruction_done("3.1")
    # Quand implicitement, il indique son adresse électronique et clique sur « Suivant »
    act(field("whoami_email"), "fill", person.email)
    act(control("Suivant"), "click")
    step_done()
    # Et implicitement, il indique son mot de passe
    act(field("password"), "fill", GUIDE_PASSWORD)
    step_done()
    # Et il clique sur la flèche à droite de « méthode d’Authentification » et choisit « Téléphone portable + SMS »
    choose_sms_method("méthode d’Authentification")
    step_done()
    # Et il ajoute son numéro de téléphone portable précédé du code pays
    act(field("mobile_phone"), "fill", person.mobile)
    step_done()
    # Et il clique sur « Connexion »
    act(control("Connexion"), "click")
    step_done()
    instruction_done("3.2")
    # Quand il lit le code de 3 x 3 caractères dans le SMS reçu
    code = read_sms(rules.SIGN_IN_CHALLENGE, person.mobile)
    step_done()
    # Et il reprend le code en majuscules dans les espaces indiqués
    enter_code(code.upper(), rules.SIGN_IN_CHALLENGE, "challenge_part")
    step_done()
    # Et il clique sur « Connexion »
    act(control("Connexion"), "click")
    step_done()
    instruction_done("3.3")
    # Quand il lit son code final dans le courriel reçu (in the second tab)
    mailbox = other_tab()
    open_mail(mailbox, text("mail_final_code_subject", world.account(person.email).email_language))
    final_code = rules.FINAL_CODE.pattern().search(mailbox.get_by_role("article").inner_text()).group(0)
    page.bring_to_front()
    step_done()
    # Et il introduit le code final en minuscules et le valide
    enter_code(final_code.lower(), rules.FINAL_CODE, "rcam_final_code_part")
    act(control(fr("rcam_validate")), "click")
    step_done()
    # Alors on lui demande de se déconnecter complètement maintenant
    expect(page.get_by_role("status")).to_contain_text(re.compile("^" + re.escape(fr("rcam_log_out_now"))))
    step_done()
    # Et l'instruction 3.4 est faite
    instruction_done("3.4")
    # Quand il clique sur « Déconnexion »
    act(control("Déconnexion"), "click")
    step_done()
    # Alors il est déconnecté de RCAM et d'EU Login
    expect(heading("rcam_welcome_title")).to_be_visible()
    expect(page.get_by_text(re.compile("^" + re.escape(fr("signed_in_as").partition("{name}")[0])))).to_have_count(0)
    step_done()
    # Quand implicitement, il se reconnecte à RCAM par SMS
    goto(page, RCAM)
    scroll_down_and_connect()
    act(field("whoami_email"), "fill", person.email)
    act(control(fr("next")), "click")
    act(field("password"), "fill", GUIDE_PASSWORD)
    choose_sms_method(fr("auth_method"))
    act(field("mobile_phone"), "fill", person.mobile)
    act(control(fr("sign_in")), "click")
    enter_code(read_sms(rules.SIGN_IN_CHALLENGE, person.mobile), rules.SIGN_IN_CHALLENGE, "challenge_part")
    act(control(fr("sign_in")), "click")
    step_done()
    # Alors « RCAM en ligne » s'ouvre à son nom
    expect(heading("rcam_online_title"), f"« RCAM en ligne » is not shown (at {page.url})").to_be_visible()
    expect(page.get_by_role("status"),
           f"« RCAM en ligne » does not open in the name of {person.full_name}").to_contain_text(person.full_name)
    expect(page).to_have_url(re.compile("^" + re.escape(RCAM)))
    step_done()

    seconds = time.perf_counter() - started
    context.close()
    return {"seconds": seconds, **count}


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print one JSON line (for scripts/benchmark_suite.py)")
    args = parser.parse_args(argv)
    shots_dir = ROOT / "reports" / "bare-journey"
    shutil.rmtree(shots_dir, ignore_errors=True)
    started = time.perf_counter()
    server = start_tls(World())
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                headless=True, executable_path=chromium_path(),
                args=["--host-resolver-rules=" + server.host_resolver_rules(), *QUIET_ARGS])
            result = run(browser, server, shots_dir)
            browser.close()
    finally:
        server.stop()
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"bare journey: {result['seconds']:.2f} s, {result['actions']} actions, "
          f"{result['screenshots']} screenshots ({time.perf_counter() - started:.2f} s with the server and the "
          f"browser's launch); screenshots in {shots_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
