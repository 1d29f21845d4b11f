"""Claims of the guide's instructions: what each says that a screen can confirm or contradict, and on which line."""

from __future__ import annotations

from pathlib import Path

import pytest

from rehearse.check.claims import (
    Claim,
    example_passwords,
    extract_claims,
    extract_text_claims,
    guide_urls,
    normalise_label,
    normalise_url,
)
from rehearse.guide import BUNDLED_GUIDE, load_guide, parse_guide

ROOT = Path(__file__).resolve().parents[1]
MARKDOWN = ROOT / "tests" / "guides" / "bundled.md"
REVISIONS = ROOT / "tests" / "guides" / "revisions"

CLICK = {"clickable": True}
POLICY_GROUPS = {"min_groups": 3, "group_count": 4}
NO_SEPARATORS = {"parentheses_refused": True, "dots_refused": True, "dashes_refused": True}

# Every claim of the bundled guide but its prose: (kind, value, line in the .txt, attributes).
BUNDLED_CLAIMS: dict[str, list[tuple[str, object, int, dict]]] = {
    "1.1": [("url", "https://webgate.ec.europa.eu/cas", 15, {}), ("label", "suivant", 16, CLICK)],
    "1.2": [("label", "créer un compte", 21, CLICK)],
    "1.3": [
        ("label", "ce lien", 39, {"clickable": True, "alternatives": ("this link",)}),
        ("password_rule", {"min_length": 10}, 41, {}),
        ("password_rule", POLICY_GROUPS, 41, {}),
        ("example_password", "23-11Ukraine", 49, {}),
        ("label", "soumettre", 49, {"clickable": True, "name": "Soumettre"}),
    ],
    "1.4": [("label", "continuer", 53, CLICK)],
    "1.5": [("gesture", "gear", 57, {}), ("label", "mon compte", 57, CLICK)],
    "1.6": [("label", "gérer mes numéros de téléphone portable", 58, CLICK)],
    "1.7": [("label", "ajouter un numéro de téléphone portable", 63, CLICK)],
    "1.8": [
        ("phone_rule", {"country_code_required": True}, 68, {}),
        ("example_phone", ("+32", "+33"), 68, {}),
        ("phone_rule", NO_SEPARATORS, 70, {}),
        ("label", "ajouter", 70, {"clickable": True, "name": "Ajouter"}),
    ],
    "1.9": [
        ("term", "challenge", 71, {}),
        ("code_format", (2, 4), 71, {}),
        ("case_insensitive", True, 73, {}),
        ("label", "finaliser", 74, CLICK),
    ],
    "1.10": [],
    "1.11": [],
    "1.12": [("gesture", "gear", 82, {}), ("label", "déconnexion", 82, CLICK)],
    "2.13": [("url", "https://webgate.ec.europa.eu/RCAM/", 88, {}), ("label", "connecter", 89, CLICK)],
    "2.14": [("label", "suivant", 92, CLICK)],
    "2.15": [
        ("gesture", "arrow", 105, {"target": "Méthode d’authentification"}),
        ("label", "méthode d'authentification", 106, {"clickable": False}),
        ("label", "téléphone portable + sms", 108, {"clickable": True, "in_list": True}),
        ("label", "connexion", 112, CLICK),
    ],
    "2.16": [
        ("term", "challenge", 113, {}),
        ("code_format", (3, 3), 114, {}),
        ("case_insensitive", True, 114, {}),
        ("label", "connexion", 115, CLICK),
    ],
    "2.17": [("label", "suivant", 122, CLICK)],
    "2.18": [("note", "final_code_not_by_post", 126, {})],
    "3.1": [("url", "https://webgate.ec.europa.eu/RCAM/", 136, {}), ("label", "connecter", 137, CLICK)],
    "3.2": [
        ("label", "méthode d'authentification", 142, {"clickable": False, "name": "méthode d’Authentification"}),
        ("gesture", "arrow", 142, {}),
        ("label", "téléphone portable + sms", 142, {"clickable": True, "in_list": True}),
        ("phone_rule", {"country_code_required": True}, 143, {}),
        ("example_phone", ("+32",), 143, {}),
        ("label", "connexion", 144, CLICK),
    ],
    "3.3": [("term", "challenge", 146, {}), ("code_format", (3, 3), 146, {}), ("label", "connexion", 147, CLICK)],
    "3.4": [("code_format", (4, 3), 150, {})],
}


@pytest.fixture(scope="module")
def bundled():
    return load_guide(BUNDLED_GUIDE)


def checkable(claims: list[Claim]) -> list[Claim]:
    return [claim for claim in claims if claim.kind != "prose"]


def test_the_table_covers_every_instruction_of_the_bundled_guide(bundled):
    assert list(BUNDLED_CLAIMS) == list(bundled.ids)


@pytest.mark.parametrize("id", list(BUNDLED_CLAIMS))
def test_claims_of_the_bundled_guide(bundled, id):
    claims = checkable(extract_claims(bundled.instruction(id)))
    expected = BUNDLED_CLAIMS[id]
    assert [(c.kind, c.value) for c in claims] == [(kind, value) for kind, value, _, _ in expected]
    for claim, (_kind, _value, line, attributes) in zip(claims, expected, strict=True):
        assert claim.line == line, claim
        for name, wanted in attributes.items():
            assert getattr(claim, name) == wanted, (claim, name)
        if claim.kind == "label" and "clickable" not in attributes:
            pytest.fail(f"the table must say whether {claim.text} is clicked")


@pytest.mark.parametrize("id", list(BUNDLED_CLAIMS))
def test_every_claim_is_on_a_line_of_its_instruction_and_prose_is_kept(bundled, id):
    instruction = bundled.instruction(id)
    claims = extract_claims(instruction)
    assert claims, "an instruction always has at least one claim (prose, if nothing else)"
    for claim in claims:
        assert instruction.first_line <= claim.line <= instruction.last_line, claim
        assert claim.text and claim.kind
    prose = [claim for claim in claims if claim.kind == "prose"]
    if not BUNDLED_CLAIMS[id]:
        assert prose, "prose that no screen can confirm is kept (as unchecked)"


def test_prose_is_one_claim_per_sentence(bundled):
    prose = [claim.text for claim in extract_claims(bundled.instruction("3.4")) if claim.kind == "prose"]
    assert prose == [
        "A présent, vous pouvez encoder le code final de 4x3 caractères pour finaliser la procédure complète.",
        "Introduisez le code final et validez-le.",
        "Déconnectez-vous complètement maintenant.",
        "Vous aurez bientôt accès aux applications lors d’une prochaine connexion via EU Login.",
    ]
    lines = [claim.line for claim in extract_claims(bundled.instruction("3.4")) if claim.kind == "prose"]
    assert lines == [150, 155, 158, 159]


def test_the_markdown_rendering_gives_the_same_claims(bundled):
    markdown = load_guide(MARKDOWN)
    assert markdown.ids == bundled.ids
    for instruction in markdown.instructions:
        ours = [(c.kind, c.value, c.clickable, c.alternatives) for c in extract_claims(instruction)]
        theirs = [(c.kind, c.value, c.clickable, c.alternatives) for c in extract_claims(bundled.instruction(
            instruction.id))]
        assert ours == theirs, instruction.id
        for claim in extract_claims(instruction):
            assert instruction.first_line <= claim.line <= instruction.last_line
    lines = {c.kind: c.line for c in extract_claims(markdown.instruction("1.1"))}
    assert lines == {"prose": 16, "url": 16, "label": 17}
    example = next(c for c in extract_claims(markdown.instruction("1.3")) if c.kind == "example_password")
    assert (example.value, example.line) == ("23-11Ukraine", 35)  # *Exemple:* `23-11Ukraine`


def test_the_nb_and_stage_3_name_the_final_code_token_a_term(bundled):
    for text in (bundled.context, bundled.stage(3).context):
        claims = checkable(extract_text_claims(text))
        assert [(c.kind, c.value) for c in claims] == [("term", "token")]


# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    "quoted",
    ["« Suivant »", "«Suivant»", "“Suivant”", "”Suivant”", '"Suivant"', "“Suivant »", "«Suivant ”", "”Suivant“",
     "«\u00a0Suivant\u00a0»"],
)
def test_labels_in_every_quote_style(quoted):
    claims = checkable(extract_text_claims(f"Indiquez votre adresse + Clic sur {quoted}."))
    assert [(c.kind, c.value, c.clickable, c.name) for c in claims] == [("label", "suivant", True, "Suivant")]


@pytest.mark.parametrize(
    "text, term",
    [
        ("vous ne recevrez pas le code final appelé « token ».", "token"),
        ("un code (appelé “challenge ») de 2 x 4 caractères", "challenge"),
        ("Insérez le code (appelé challenge) de 3 x 3 caractères", "challenge"),
        ('le code final appelé "token".', "token"),
        ("A EFFECTUER QUAND VOUS AUREZ RECU LE CODE FINAL (appelé « Token »)", "token"),
    ],
)
def test_a_quoted_name_is_a_term_not_a_label(text, term):
    claims = checkable(extract_text_claims(text))
    assert ("term", term) in [(c.kind, c.value) for c in claims]
    assert not [c for c in claims if c.kind == "label"]


@pytest.mark.parametrize(
    "text, label",
    [
        ("Exemple: 23-11Ukraine Clic sur Soumettre dans la zone bleue", "Soumettre"),
        ("sans parenthèses, points, tirets + Clic sur Ajouter", "Ajouter"),
        ("Clic sur Mon compte.", "Mon compte"),
        ("Clic ensuite sur Finaliser pour terminer", "Finaliser"),
    ],
)
def test_unquoted_labels_after_clic_sur(text, label):
    labels = [c for c in extract_text_claims(text) if c.kind == "label"]
    assert [(c.name, c.clickable) for c in labels] == [(label, True)]


@pytest.mark.parametrize(
    "text, labels",
    [
        ("Cliquez sur le bouton « Suivant ».", ["suivant"]),
        ("Clic sur le lien « ce lien » au milieu du courriel", ["ce lien"]),
        ("Clic sur « Suivant » puis sur « Créer un compte »", ["suivant", "créer un compte"]),
        ("Appuyez sur « Connexion »", ["connexion"]),
        ("cliquer ensuite sur l’onglet “Mon compte”", ["mon compte"]),
    ],
)
def test_other_ways_of_saying_click(text, labels):
    claims = checkable(extract_text_claims(text))
    assert [(c.kind, c.value, c.clickable) for c in claims] == [("label", label, True) for label in labels]


def test_the_gear_and_the_arrow_are_gestures_not_labels():
    claims = checkable(extract_text_claims("Clic sur la roue dentée en haut à droite et ensuite sur « Mon compte »"))
    assert [(c.kind, c.value, c.clickable) for c in claims] == [("gesture", "gear", False),
                                                               ("label", "mon compte", True)]
    claims = checkable(extract_text_claims("Clic sur la flèche à droite de “Méthode d’authentification”"))
    assert [(c.kind, c.value) for c in claims] == [("gesture", "arrow"), ("label", "méthode d'authentification")]
    assert claims[0].target == "Méthode d’authentification"
    assert claims[1].clickable is False  # the arrow is clicked, the label only names the list
    assert not [c for c in checkable(extract_text_claims("Clic sur la roue dentée")) if c.kind == "label"]


def test_alternatives_joined_by_ou_make_one_claim():
    claims = checkable(extract_text_claims(
        "Clic sur « ce lien » (ou « this link » si vous recevez le message en anglais) au milieu du message"))
    assert len(claims) == 1
    claim = claims[0]
    assert (claim.kind, claim.name, claim.alternatives, claim.clickable) == ("label", "ce lien", ("this link",), True)
    assert claim.labels == ("ce lien", "this link")
    claims = checkable(extract_text_claims("Clic sur “Continuer” ou « Continue »"))
    assert [c.labels for c in claims] == [("Continuer", "Continue")]


def test_an_option_chosen_in_a_list():
    for text in ("Dans la liste qui s’ouvre: Clic sur “Téléphone portable + SMS”",
                 "clic sur la flèche à droite et choisir ”Téléphone portable + SMS”."):
        label = next(c for c in extract_text_claims(text) if c.kind == "label")
        assert (label.value, label.clickable, label.in_list) == ("téléphone portable + sms", True, True)


def test_a_label_that_is_only_mentioned_is_not_clickable():
    label = next(c for c in extract_text_claims("Sous la “méthode d’Authentification”, choisir une méthode")
                 if c.kind == "label")
    assert (label.value, label.clickable) == ("méthode d'authentification", False)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Méthode d’authentification", "méthode d'Authentification"),
        ("Méthode ‘authentification", "méthode `authentification"),
        ("Téléphone portable\u00a0+ SMS", "téléphone  portable\n+ sms"),
        ("Suivant", " SUIVANT "),
        ("Gérer mes numéros de téléphone portable", "Gérer mes numéros de\ntéléphone portable"),
    ],
)
def test_labels_compare_after_normalising_apostrophes_spaces_and_case(a, b):
    assert normalise_label(a) == normalise_label(b)


def test_labels_keep_their_accents_and_words():
    assert normalise_label("Créer un compte") != normalise_label("Creer un compte")
    assert normalise_label("Connexion") != normalise_label("Connexion réussie")


# --------------------------------------------------------------------------- other kinds


@pytest.mark.parametrize(
    "written, value",
    [
        ("https://webgate.ec.europa.eu/RCAM/.", "https://webgate.ec.europa.eu/RCAM/"),
        ("https://webgate.ec.europa.eu/cas,", "https://webgate.ec.europa.eu/cas"),
        ("(https://webgate.ec.europa.eu/cas)", "https://webgate.ec.europa.eu/cas"),
        ("https://ecas.ec.europa.eu/cas;", "https://ecas.ec.europa.eu/cas"),
    ],
)
def test_urls_without_trailing_punctuation(written, value):
    claims = [c for c in extract_text_claims(f"Depuis votre navigateur, lancez {written} puis attendez") if
              c.kind == "url"]
    assert [c.value for c in claims] == [value]


def test_urls_compare_without_trailing_slash_or_host_case():
    assert normalise_url("https://WebGate.ec.europa.eu/RCAM/.") == normalise_url("https://webgate.ec.europa.eu/RCAM")
    assert normalise_url("https://webgate.ec.europa.eu/rcam") != normalise_url("https://webgate.ec.europa.eu/RCAM")


@pytest.mark.parametrize(
    "text, value",
    [("un code de 2 x 4 caractères", (2, 4)), ("les 3 x 3 caractères", (3, 3)),
     ("code final de 4x3 caractères", (4, 3)), ("un code de 2×4 caractères", (2, 4)),
     ("un code de 3 X 3 caractères", (3, 3))],
)
def test_code_formats(text, value):
    assert [(c.kind, c.value) for c in checkable(extract_text_claims(text))] == [("code_format", value)]


def test_password_rules_and_example():
    text = ("Sur l’écran suivant, introduire un mot de passe d’au moins 12 caractères, choisis parmi 2 des 4 groupes "
            "de caractères suivants. Exemple: Printemps-2024")
    claims = checkable(extract_text_claims(text))
    assert [(c.kind, c.value) for c in claims] == [
        ("password_rule", {"min_length": 12}),
        ("password_rule", {"min_groups": 2, "group_count": 4}),
        ("example_password", "Printemps-2024"),
    ]
    quoted = checkable(extract_text_claims("Votre mot de passe, par exemple : « Soleil-2024! »"))
    assert [(c.kind, c.value) for c in quoted] == [("example_password", "Soleil-2024!")]


def test_no_password_rule_outside_a_password_context():
    assert checkable(extract_text_claims("un code d’au moins 10 caractères")) == []
    assert checkable(extract_text_claims("par exemple +32, +33")) == []


@pytest.mark.parametrize(
    "text, value",
    [
        ("Ajouter le numéro de téléphone en commençant par le code pays", {"country_code_required": True}),
        ("Ajoutez votre numéro de téléphone précédé du code pays (par ex +32…)", {"country_code_required": True}),
        ("numéro de téléphone sans parenthèses, points, tirets", NO_SEPARATORS),
        ("numéro de téléphone sans points ni espaces", {"dots_refused": True, "spaces_refused": True}),
    ],
)
def test_phone_rules(text, value):
    claims = [(c.kind, c.value) for c in checkable(extract_text_claims(text)) if c.kind != "example_phone"]
    assert claims == [("phone_rule", value)]


@pytest.mark.parametrize(("text", "prefixes"), [
    ("Ajoutez le numéro en commençant par le code pays, par exemple +32, +33 …, sans points", ("+32", "+33")),
    ("Ajoutez votre numéro de téléphone précédé du code pays (par ex +32…)", ("+32",)),
    ("votre numéro de téléphone, par exemple 0032, 0033", ("0032", "0033")),
])
def test_example_country_codes_of_a_phone_number(text, prefixes):
    assert [c.value for c in extract_text_claims(text) if c.kind == "example_phone"] == [prefixes]


def test_no_example_country_code_outside_a_phone_context():
    assert [c for c in extract_text_claims("par exemple 12, 13 pommes") if c.kind == "example_phone"] == []


@pytest.mark.parametrize(
    "text",
    ["Les lettres peuvent être écrites sans distinction en majuscules ou minuscules.",
     "Reprenez les caractères – sans distinction de minuscules ou majuscules – du SMS",
     "Les lettres peuvent être écrites indifféremment en majuscules ou minuscules."],
)
def test_case_insensitivity(text):
    assert [(c.kind, c.value) for c in checkable(extract_text_claims(text))] == [("case_insensitive", True)]


def test_the_final_code_no_longer_by_post_is_a_note():
    text = ("C’est fait ! Il faut attendre le code final qui sera envoyé par courriel ou SMS (et non plus par "
            "courrier postal à votre domicile, comme indiqué).")
    claims = checkable(extract_text_claims(text))
    assert [(c.kind, c.value, c.text) for c in claims] == [
        ("note", "final_code_not_by_post", "non plus par courrier postal à votre domicile, comme indiqué")]


def test_line_numbers_follow_quotes_broken_across_lines():
    guide = parse_guide("1ère étape\n\n1. Ouvrez l’écran et\nchoisissez « Téléphone\nportable + SMS » puis\n"
                        "Clic sur\n« Connexion ».\n")
    claims = checkable(extract_claims(guide.instruction("1.1")))
    assert [(c.value, c.line) for c in claims] == [("téléphone portable + sms", 4), ("connexion", 7)]


# --------------------------------------------------------------------------- across guides


def test_example_passwords_and_urls_of_several_guides(bundled):
    paths = [BUNDLED_GUIDE, REVISIONS / "example_password_invalid.txt", REVISIONS / "url_changed.txt",
             REVISIONS / "no_stages.txt", REVISIONS / "does-not-exist.txt"]
    assert example_passwords(paths) == {"23-11Ukraine", "ukraine2311"}
    assert example_passwords([bundled]) == {"23-11Ukraine"}
    assert guide_urls(paths) == {"https://webgate.ec.europa.eu/cas", "https://webgate.ec.europa.eu/RCAM/",
                                 "https://webgate.ec.europa.eu/eulogin"}
