"""Where the 2026 screens word a text differently, it is a variant of the same key (``labels.VARIANTS``), read by the
screens of that profile and by the e-mails sent there: RCAM no longer speaks of « Téléphone portable + SMS »."""

from __future__ import annotations

import pytest

from mock_sites import create_app, labels, mail
from mock_sites.labels import fr
from mock_sites.rcam import service as pmo
from mock_sites.world import World
from tests.site_client import french_visitor

PUBLIC = "https://webgate.ec.europa.eu"


def test_every_variant_is_of_a_known_key_in_both_languages_with_the_same_placeholders():
    import string

    for screens, variants in labels.VARIANTS.items():
        for key, variant in variants.items():
            assert key in labels.TEXTS, f"{screens}: {key} is a variant of nothing"
            assert set(variant) == set(labels.LANGUAGES)
            fields = {lang: {f for _, f, _, _ in string.Formatter().parse(text) if f} for lang, text in
                      variant.items()}
            base = {f for _, f, _, _ in string.Formatter().parse(labels.TEXTS[key]["fr"]) if f}
            assert all(found == base for found in fields.values()), key


@pytest.mark.parametrize("screens, speaks_of_sms", [("2020", True), ("2026", False)])
def test_rcam_s_landing_page_speaks_of_sms_only_on_the_guide_s_screens(screens, speaks_of_sms):
    visitor = french_visitor(create_app(World(), screens=screens))
    visitor.get(PUBLIC + "/RCAM/")
    assert ("SMS" in visitor.text) is speaks_of_sms
    assert fr("rcam_internet_text", screens) in visitor.text.replace("&#39;", "'").replace("&rsquo;", "’")


@pytest.mark.parametrize("screens, speaks_of_sms", [(None, True), ("2026", False)])
def test_the_final_code_e_mail_says_how_to_sign_in_on_its_screens(screens, speaks_of_sms):
    world = World()
    identity = world.new_identity()
    world.seed_account(identity, password="23-11Ukraine")
    registration = pmo.seed_registration(world, identity, screens=screens)
    message = world.message(registration.code.message_id)
    text = mail.decode(message.raw).text
    assert ("SMS" in text) is speaks_of_sms, text
