"""``rehearse serve``: a person can do the three stages by hand on http://127.0.0.1:N, reading the e-mails in
the fake mailbox and the SMS on the fake phone under ``/_devices``, and the final code arrives at once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from mock_sites import rules
from mock_sites.labels import fr, text
from mock_sites.server import start_plain
from mock_sites.world import World
from rehearse.cli import prepare_world
from rehearse.pages import EuLogin, Mailbox, Phone, Rcam

PASSWORD = "23-11Ukraine"


def code_in(text_: str, fmt: rules.CodeFormat) -> str:
    found = re.search("-".join([rf"[A-Z0-9]{{{fmt.size}}}"] * fmt.groups), text_)
    assert found, f"no {fmt.describe()} code in {text_!r}"
    return found.group(0)


@pytest.mark.browser
def test_the_three_stages_by_hand_on_rehearse_serve(browser: Browser):
    server = start_plain(World(seed=11))
    try:
        person = prepare_world(server.world)
        base = server.public_url
        context = browser.new_context(locale="fr-FR", base_url=base)
        page = context.new_page()
        device = context.new_page()
        mailbox, phone = Mailbox(device, base + rules.Paths.MAILBOX), Phone(device, base + rules.Paths.PHONE)
        eulogin, rcam = EuLogin(page), Rcam(page)

        def sign_in_to_rcam():
            page.goto(base + "/RCAM/")
            rcam.scroll_down_and_connect("Connecter")
            eulogin.sign_in_for_service(person.email, PASSWORD, person.mobile)
            phone.open(person.mobile)
            eulogin.enter_challenge(code_in(phone.latest_sms().inner_text(), rules.SIGN_IN_CHALLENGE),
                                    rules.SIGN_IN_CHALLENGE)
            eulogin.click("Connexion")

        # 1ère étape
        page.goto(base + "/cas")
        eulogin.enter_email(person.email)
        eulogin.click("Suivant")
        eulogin.fill_registration(person.first_name, person.last_name, person.email,
                                  server.world.captchas[eulogin.captcha_id()])
        eulogin.click("Créer un compte")
        mailbox.open(person.email)
        mailbox.open_message(text("mail_register_subject", "en"))
        link = device.get_by_role("link", name="this link", exact=True).get_attribute("href")
        assert link.startswith(base + "/cas/"), f"the e-mail's link is not built from the served address: {link}"
        page.goto(link)
        eulogin.enter_new_password(PASSWORD)
        eulogin.blue_zone_button("Soumettre").click()
        eulogin.click("Continuer")
        page.goto(base + rules.Paths.ADD_PHONE)
        eulogin.enter_mobile_number(person.mobile)
        eulogin.click("Ajouter")
        phone.open(person.mobile)
        eulogin.enter_challenge(code_in(phone.latest_sms().inner_text(), rules.PHONE_CHALLENGE).lower(),
                                rules.PHONE_CHALLENGE)
        eulogin.click("Finaliser")
        eulogin.expect_status(fr("phone_added", phone=person.mobile))

        # 2ème étape
        sign_in_to_rcam()
        rcam.first_access(person.pension_number, person.pension_number, person.birth_date.strftime("%d/%m/%Y"))
        rcam.click("Suivant")
        rcam.expect_heading(fr("rcam_registered_title"))

        # 3ème étape: the final code is already in the mailbox
        mailbox.open(person.email)
        mailbox.open_message(text("mail_final_code_subject", "en"))
        final_code = code_in(mailbox.message_body().inner_text(), rules.FINAL_CODE)
        rcam.click("Déconnexion")
        sign_in_to_rcam()
        rcam.enter_final_code(final_code)
        rcam.click("Valider")
        expect(page.get_by_role("status")).to_contain_text("Déconnectez-vous complètement maintenant")
        context.close()
    finally:
        server.stop()
