"""The French phrase table (rehearse/check/phrases.py): what each sentence of a guide asks and states."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from mock_sites.labels import TEXTS
from rehearse.check import phrases
from rehearse.check.claims import normalise_label
from rehearse.check.phrases import (
    ACTIONS,
    CONDITIONS,
    FIELDS,
    RESOLVERS,
    RULES,
    STATEMENT_RESOLVERS,
    STATEMENTS,
    G,
    Gesture,
    Rule,
    S,
    Statement,
    field_kind,
    gestures,
    icon_matches,
    is_logout,
    language_of,
    read_text,
)
from rehearse.guide import BUNDLED_GUIDE, bundled_guide, load_guide

ROOT = Path(__file__).resolve().parents[1]
FOLLOW = ROOT / "tests" / "guides" / "follow"
GUIDE = load_guide(BUNDLED_GUIDE)

CAS = "https://webgate.ec.europa.eu/cas"
RCAM = "https://webgate.ec.europa.eu/RCAM/"
OPEN_RCAM = [Gesture("open", RCAM), Gesture("scroll", "down"), Gesture("click", "Connecter")]
SMS = "Téléphone portable + SMS"

# Every bundled instruction: its gestures, in order.
BUNDLED_GESTURES: dict[str, list[Gesture]] = {
    "1.1": [Gesture("open", CAS), Gesture("fill", "email"), Gesture("click", "Suivant")],
    "1.2": [Gesture("fill_form"), Gesture("click", "Créer un compte")],
    "1.3": [
        Gesture("wait", "email", within="registration"),
        Gesture("open_message", "email"),
        Gesture("follow_link", "ce lien", alternatives=("this link",)),
        Gesture("fill", "password"),
        Gesture("click", "Soumettre"),
    ],
    "1.4": [Gesture("click", "Continuer")],
    "1.5": [Gesture("click", "roue dentée", role="icon"), Gesture("click", "Mon compte")],
    "1.6": [Gesture("click", "Gérer mes numéros de téléphone portable")],
    "1.7": [Gesture("click", "Ajouter un numéro de téléphone portable")],
    "1.8": [Gesture("fill", "phone"), Gesture("click", "Ajouter")],
    "1.9": [
        Gesture("wait", "sms", within="challenge"),
        Gesture("type_code", "sms", within="challenge"),
        Gesture("click", "Finaliser"),
    ],
    "1.10": [],
    "1.11": [],
    "1.12": [Gesture("click", "roue dentée", role="icon"), Gesture("click", "Déconnexion")],
    "2.13": OPEN_RCAM,
    "2.14": [Gesture("fill", "email"), Gesture("click", "Suivant")],
    "2.15": [
        Gesture("fill", "password"),
        Gesture("open_list", "Méthode d’authentification"),
        Gesture("choose", SMS, within="Méthode d’authentification"),
        Gesture("fill", "phone"),
        Gesture("click", "Connexion"),
    ],
    "2.16": [
        Gesture("wait", "sms", within="challenge"),
        Gesture("type_code", "sms", within="challenge"),
        Gesture("click", "Connexion"),
    ],
    "2.17": [
        Gesture("fill", "pension_number", count=2),
        Gesture("fill", "birth_date"),
        Gesture("click", "Suivant"),
    ],
    "2.18": [Gesture("wait", "email|sms", within="final_code")],
    "3.1": OPEN_RCAM,
    "3.2": [
        Gesture("open_list", "méthode d’Authentification"),
        Gesture("choose", SMS, within="méthode d’Authentification"),
        Gesture("fill", "phone"),
        Gesture("click", "Connexion"),
    ],
    "3.3": [Gesture("type_code", "sms", within="challenge"), Gesture("click", "Connexion")],
    "3.4": [
        Gesture("type_code", "", within="final_code"),
        Gesture("type_code", "", within="final_code"),  # kept: the follower knows a code already typed
        Gesture("click", "", role="button", within="validate"),
        Gesture("logout"),
        Gesture("sign_in_again"),
    ],
}

BELOW_FOLD_GREY = [Statement("position", "below-fold", "Connecter"), Statement("colour", "grey", "Connecter")]
# Every bundled instruction: its statements, in order.
BUNDLED_STATEMENTS: dict[str, list[Statement]] = {
    "1.3": [
        Statement("language", "en", "email"),
        Statement("position", "middle", "ce lien"),
        Statement("position", "bottom", "special characters"),
        Statement("colour", "blue", "Soumettre"),
    ],
    "1.4": [Statement("message", "mot de passe a été modifié", "screen")],
    "1.5": [Statement("position", "top-right", "roue dentée")],
    "1.10": [Statement("channel", frozenset({"screen", "email"}), "confirmation:all")],
    "1.11": [Statement("possible", ("add_phone", True))],
    "2.13": BELOW_FOLD_GREY,
    "2.16": [Statement("channel", frozenset({"sms"}), "code:all")],
    "2.17": [Statement("times", ("pension_number", 2)), Statement("prefilled", ("last_name", "first_name"))],
    "2.18": [Statement("channel", frozenset({"email", "sms"}), "final_code:any")],
    "3.1": BELOW_FOLD_GREY,
    "3.4": [Statement("next_sign_in", True)],
}


def statements(text: str) -> list[Statement]:
    return [statement for sentence in read_text(text) for statement in sentence.statements]


def same(gesture: Gesture) -> tuple:
    """What a rewording must keep of a gesture."""
    return (gesture.action, gesture.target, gesture.role, gesture.count, gesture.within, gesture.alternatives)


def test_the_bundled_ids_are_all_expected():
    assert list(BUNDLED_GESTURES) == list(GUIDE.ids)


@pytest.mark.parametrize("id", GUIDE.ids)
def test_bundled_instruction_gestures(id):
    assert gestures(GUIDE.instruction(id).text) == BUNDLED_GESTURES[id]


@pytest.mark.parametrize("id", GUIDE.ids)
def test_bundled_instruction_statements(id):
    assert statements(GUIDE.instruction(id).text) == BUNDLED_STATEMENTS.get(id, [])


def test_the_markdown_guides_read_like_the_text_one():
    for path in (ROOT / "tests" / "guides" / "bundled.md", FOLLOW / "markdown_headings.md"):
        guide = load_guide(path)
        assert {id: gestures(guide.instruction(id).text) for id in guide.ids} == BUNDLED_GESTURES


def test_stage_contexts():
    first, second, third = (stage.context for stage in GUIDE.stages)
    assert gestures(first) == [] and statements(first) == []  # the list of things to prepare is no step
    reasons = [sentence.reason for sentence in read_text(first)]
    assert reasons[0].startswith("preparation") and all(reasons)
    assert read_text(second)[0].reason == phrases.NOTHING_UNDERSTOOD
    assert gestures(third) == [Gesture("wait", "email|sms", within="final_code")]
    assert statements(third) == [Statement("channel", frozenset({"email", "sms"}), "final_code:any")]


def test_sentences_and_reasons():
    sentences = read_text(GUIDE.instruction("1.3").text)
    opened = sentences[1]
    assert opened.text.startswith("Ouvrez-le") and opened.gestures == (Gesture("open_message", "email"),)
    assert opened.reason.startswith("advice")  # "sur votre PC … mais pas sur votre smartphone"
    done = read_text(GUIDE.instruction("2.18").text)[0]
    assert (done.text, done.gestures, done.statements, done.reason) == ("C’est fait !", (), (), "nothing to do or see")
    # sentences without punctuation are cut where a new clause opens
    assert [s.text for s in read_text(GUIDE.instruction("2.16").text)][0] == (
        "Un code (appelé “challenge”) arrivera sur votre téléphone portable")
    assert "open_list.arrow_of" in read_text(GUIDE.instruction("2.15").text)[1].rules


def test_offsets_and_words_are_the_texts():
    for instruction in GUIDE.instructions:
        text = instruction.text
        for sentence in read_text(text):
            assert text[sentence.start:sentence.end] == sentence.text
            for item in (*sentence.gestures, *sentence.statements):
                assert item.text and text[item.start:item.start + len(item.text)] == item.text
                assert sentence.start <= item.start < sentence.end


def test_every_value_is_of_the_model():
    for instruction in GUIDE.instructions:
        for gesture in gestures(instruction.text):
            assert gesture.action in ACTIONS
            if gesture.action == "fill":
                assert gesture.target in FIELDS
            assert gesture.role in ("button", "link", "menu", "icon", "option", "")
        for statement in statements(instruction.text):
            assert statement.kind in STATEMENTS


# --------------------------------------------------------------------------- the table, row by row

EXAMPLES = [pytest.param(rule, sentence, expected, id=f"{rule.name}-{index}")
            for rule in RULES for index, (sentence, expected) in enumerate(rule.examples)]


@pytest.mark.parametrize(("rule", "sentence", "expected"), EXAMPLES)
def test_rule_example(rule: Rule, sentence: str, expected: tuple):
    read = read_text(sentence)
    assert any(rule.name in s.rules for s in read), f"{rule.name} did not match {sentence!r}: {read}"
    given = iter([item for s in read for item in (*s.gestures, *s.statements)])
    missing = [item for item in expected if item not in given]  # in this order, among what it gives
    assert not missing, f"{sentence!r} gave {[(*s.gestures, *s.statements) for s in read]}"
    if rule.note:
        assert any(rule.note in s.reason for s in read)


def test_every_row_brings_an_example_and_a_unique_name():
    assert all(rule.examples for rule in RULES), [rule.name for rule in RULES if not rule.examples]
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))


def test_rows_use_known_actions_kinds_conditions_and_resolvers():
    for rule in RULES:
        assert not rule.when or rule.when in CONDITIONS, rule.name
        assert rule.gives or rule.note, rule.name
        for item in rule.gives:
            if isinstance(item, G):
                assert item.action in ACTIONS, rule.name
                specs = (item.target, item.role, item.within, item.alternatives, item.count)
                known = RESOLVERS
            else:
                assert isinstance(item, S) and item.kind in STATEMENTS, rule.name
                specs = (item.value, item.subject)
                known = {*RESOLVERS, *STATEMENT_RESOLVERS}
            for spec in specs:
                if isinstance(spec, str) and spec.startswith("@"):
                    assert spec in known, (rule.name, spec)


def test_the_reader_knows_no_guide():
    source = inspect.getsource(phrases)
    assert "rehearse.guide" not in source and "BUNDLED_GUIDE" not in source and "acces-rcam" not in source


# --------------------------------------------------------------------------- rewordings

# (instruction, sentence as in the bundled text, two rewordings: a synonym verb, the infinitive, clauses
# reordered); the instruction with one sentence replaced must give the same gestures.
REWORDINGS: list[tuple[str, str, str, str]] = [
    ("1.1", "Depuis votre navigateur internet, lancez https://webgate.ec.europa.eu/cas et indiquez votre adresse "
            "électronique dans le cadre + Clic sur ”Suivant”.",
     "Depuis votre navigateur internet, ouvrez https://webgate.ec.europa.eu/cas et saisissez votre adresse e-mail "
     "dans le cadre + Cliquez sur ”Suivant”.",
     "Lancer https://webgate.ec.europa.eu/cas dans votre navigateur, puis taper votre courriel dans le cadre et "
     "cliquer sur « Suivant »."),
    ("1.2", "Sur l’écran suivant, remplissez les différents champs (=zones) + Clic sur «Créer un compte »",
     "Sur l’écran suivant, complétez le formulaire puis cliquez sur « Créer un compte »",
     "Remplir tous les champs de l’écran suivant, puis appuyer sur « Créer un compte »."),
    ("1.3", "Après quelques minutes, vous recevrez un courriel en EN du Service d’Authentification de la Commission.",
     "Un courriel en EN du Service d’Authentification de la Commission arrivera après quelques minutes.",
     "Vous recevrez après quelques minutes un courriel en EN du Service d’Authentification de la Commission."),
    ("1.3", "Ouvrez-le sur votre PC ( ou laptop, tablette) mais pas sur votre smartphone.",
     "Ouvrez ce courriel sur votre PC ( ou laptop, tablette) mais pas sur votre smartphone.",
     "Sur votre PC (ou laptop, tablette), mais pas sur votre smartphone, ouvrez le courriel."),
    ("1.3", "Clic sur « ce lien » (ou « this link » si vous recevez le message en anglais) au milieu du message afin "
            "de créer un mot de passe.",
     "Cliquez sur « ce lien » (ou « this link » si vous recevez le message en anglais) au milieu du message afin "
     "de créer un mot de passe.",
     "Afin de créer un mot de passe, cliquer sur « ce lien » (ou « this link » si vous recevez le message en "
     "anglais) au milieu du message."),
    ("1.3", "Sur l’écran suivant, introduire un mot de passe",
     "Sur l’écran suivant, saisissez un mot de passe",
     "Introduisez sur l’écran suivant un mot de passe"),
    ("1.3", "Clic sur Soumettre dans la zone bleue",
     "Cliquez sur Soumettre dans la zone bleue",
     "Dans la zone bleue, cliquer sur « Soumettre »"),
    ("1.4", "Clic sur « Continuer » pour enregistrer votre numéro de téléphone portable.",
     "Cliquez sur « Continuer » pour enregistrer votre numéro de téléphone portable.",
     "Pour enregistrer votre numéro de téléphone portable, cliquer sur « Continuer »."),
    ("1.5", "Clic sur la roue dentée en haut à droite et ensuite sur « Mon compte »",
     "Cliquez sur la roue dentée en haut à droite puis sur « Mon compte »",
     "En haut à droite, appuyez sur la roue dentée, et ensuite sur « Mon compte »"),
    ("1.6", "Sur l’écran suivant Clic sur « Gérer mes numéros de téléphone portable »",
     "Sur l’écran suivant, cliquez sur « Gérer mes numéros de téléphone portable »",
     "Cliquer sur « Gérer mes numéros de téléphone portable » sur l’écran suivant"),
    ("1.7", "Ensuite Clic sur “Ajouter un numéro de téléphone portable”:",
     "Ensuite, cliquez sur “Ajouter un numéro de téléphone portable”.",
     "Appuyez ensuite sur « Ajouter un numéro de téléphone portable »"),
    ("1.8", "Ajouter le numéro de téléphone souhaité en commençant par le code pays, par exemple +32, +33 …, sans "
            "parenthèses, points, tirets + Clic sur Ajouter",
     "Saisissez le numéro de téléphone souhaité en commençant par le code pays, par exemple +32, +33 …, sans "
     "parenthèses, points, tirets + Cliquez sur Ajouter",
     "Indiquer votre numéro de GSM en commençant par le code pays (par exemple +32, +33 …), sans parenthèses, "
     "points, tirets, puis cliquer sur « Ajouter »"),
    ("1.9", "Vous recevrez un SMS contenant un code (appelé “challenge ») de 2 x 4 caractères.",
     "Un SMS contenant un code (appelé “challenge ») de 2 x 4 caractères arrivera sur votre téléphone.",
     "Vous allez recevoir un SMS contenant un code (appelé “challenge ») de 2 x 4 caractères."),
    ("1.9", "Reprenez ce code sur l’écran suivant.",
     "Recopiez ce code sur l’écran suivant.",
     "Sur l’écran suivant, tapez ce code."),
    ("1.9", "Clic ensuite sur « Finaliser »",
     "Cliquez ensuite sur « Finaliser »",
     "Puis cliquer sur « Finaliser »"),
    ("1.12", "Dès que c’est fini, Clic sur la roue dentée + « Déconnexion »",
     "Dès que c’est fini, cliquez sur la roue dentée puis sur « Déconnexion »",
     "Une fois terminé, appuyez sur la roue dentée et ensuite sur « Déconnexion »"),
    ("2.13", "Depuis votre navigateur internet, lancez https://webgate.ec.europa.eu/RCAM/.",
     "Rendez-vous sur https://webgate.ec.europa.eu/RCAM/ depuis votre navigateur internet.",
     "Dans votre navigateur, ouvrir https://webgate.ec.europa.eu/RCAM/."),
    ("2.13", "Descendre + Clic sur « Connecter » dans le rectangle gris de l’écran.",
     "Faites défiler la page + Cliquez sur « Connecter » dans le rectangle gris de l’écran.",
     "Descendez, puis cliquez sur « Connecter » dans le rectangle gris de l’écran."),
    ("2.14", "Sur l’écran suivant, indiquez votre adresse email + Clic sur « Suivant ».",
     "Sur l’écran suivant, tapez votre adresse e-mail + Cliquez sur « Suivant ».",
     "Entrer votre adresse électronique sur l’écran suivant et appuyer sur « Suivant »."),
    ("2.15", "Ensuite : Indiquez votre nouveau mot de passe.",
     "Ensuite : Saisissez votre nouveau mot de passe.",
     "Entrez ensuite votre mot de passe."),
    ("2.15", "Clic sur la flèche à droite de “Méthode d’authentification”",
     "Cliquez sur la flèche à droite de “Méthode d’authentification”.",
     "Sous “Méthode d’authentification”, cliquez sur la flèche."),
    ("2.15", "Dans la liste qui s’ouvre: Clic sur “Téléphone portable + SMS”",
     "Dans la liste qui s’ouvre, choisissez “Téléphone portable + SMS”",
     "Sélectionner “Téléphone portable + SMS” dans la liste qui s’ouvre"),
    ("2.15", "Ajouter ensuite votre numéro de telephone portable + Clic sur « Connexion »",
     "Ajoutez ensuite votre numéro de portable + Cliquez sur « Connexion »",
     "Indiquer ensuite votre numéro de téléphone portable, puis cliquer sur « Connexion »"),
    ("2.16", "Un code (appelé “challenge”) arrivera sur votre téléphone portable",
     "Vous recevrez par SMS un code (appelé “challenge”)",
     "Un code (appelé “challenge”) vous sera envoyé par SMS"),
    ("2.16", "Reprenez les 3 x 3 caractères – sans distinction de minuscules ou majuscules – du SMS dans les espaces "
             "indiqués ci-dessous + Clic sur « Connexion »",
     "Recopiez les 3 x 3 caractères – sans distinction de minuscules ou majuscules – du SMS dans les espaces "
     "indiqués ci-dessous + Cliquez sur « Connexion »",
     "Dans les espaces indiqués ci-dessous, tapez le code du SMS (sans distinction de minuscules ou majuscules), "
     "puis cliquez sur « Connexion »"),
    ("2.17", "Sur l’écran suivant, indiquez le numéro de pension (2 fois !) et votre date de naissance + Clic sur "
             "« Suivant ».",
     "Sur l’écran suivant, saisissez deux fois le numéro de pension et votre date de naissance + Cliquez sur "
     "« Suivant ».",
     "Indiquer votre numéro de pension (2 fois !), puis votre date de naissance et cliquer sur « Suivant »."),
    ("2.18", "Il faut attendre le code final qui sera envoyé par courriel ou SMS (et non plus par courrier postal à "
             "votre domicile, comme indiqué).",
     "Attendez le code final, qui sera envoyé par courriel ou SMS (et non plus par courrier postal à votre "
     "domicile, comme indiqué).",
     "Le code final vous sera envoyé par courriel ou SMS (et non plus par courrier postal à votre domicile, "
     "comme indiqué) : il faut l’attendre."),
    ("3.1", "Depuis votre navigateur internet, lancez https://webgate.ec.europa.eu/RCAM/",
     "Allez sur https://webgate.ec.europa.eu/RCAM/ depuis votre navigateur internet",
     "Accédez à https://webgate.ec.europa.eu/RCAM/ avec votre navigateur internet"),
    ("3.1", "Descendre + Clic sur « Connecter » dans le rectangle gris de l’écran",
     "Faire défiler la page vers le bas + Appuyer sur « Connecter » dans le rectangle gris de l’écran",
     "Descendez jusqu’au rectangle gris de l’écran et cliquez sur « Connecter »"),
    ("3.2", "Sous la “méthode d’Authentification”, clic sur la flèche à droite et choisir ”Téléphone portable + "
            "SMS”.",
     "Sous la “méthode d’Authentification”, cliquez sur la flèche à droite et choisissez ”Téléphone portable + "
     "SMS”.",
     "Cliquer sur la flèche à droite de la “méthode d’Authentification” puis sélectionner ”Téléphone portable + "
     "SMS”."),
    ("3.2", "Ajoutez votre numéro de téléphone précédé du code pays (par ex +32…) + Clic sur « Connexion ».",
     "Entrez votre numéro de téléphone précédé du code pays (par ex +32…) + Cliquez sur « Connexion ».",
     "Précédé du code pays (par ex +32…), indiquez votre numéro de téléphone, puis appuyez sur « Connexion »."),
    ("3.3", "Insérez le code (appelé challenge) de 3 x 3 caractères dans les zones prévues + Clic sur « Connexion ».",
     "Saisissez le code (appelé challenge) de 3 x 3 caractères dans les zones prévues + Cliquez sur « Connexion ».",
     "Dans les zones prévues, tapez le code (appelé challenge) de 3 x 3 caractères, puis cliquez sur "
     "« Connexion »."),
    ("3.4", "A présent, vous pouvez encoder le code final de 4x3 caractères pour finaliser la procédure complète.",
     "A présent, saisissez le code final de 4x3 caractères pour finaliser la procédure complète.",
     "Pour finaliser la procédure complète, introduisez à présent le code final de 4x3 caractères."),
    ("3.4", "Introduisez le code final et validez-le.",
     "Tapez le code final et validez-le.",
     "Entrez le code final, puis validez."),
    ("3.4", "Déconnectez-vous complètement maintenant.",
     "Maintenant, déconnectez-vous complètement.",
     "Il faut maintenant se déconnecter complètement."),
    ("3.4", "Vous aurez bientôt accès aux applications lors d’une prochaine connexion via EU Login.",
     "Lors d’une prochaine connexion via EU Login, vous aurez bientôt accès aux applications.",
     "L’accès aux applications suivra, à votre prochaine connexion par EU Login."),
]


def _normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize(("id", "original", "variant"), [
    pytest.param(id, original, variant, id=f"{id}-{n}-{which}")
    for n, (id, original, *variants) in enumerate(REWORDINGS) for which, variant in enumerate(variants)
])
def test_rewording_gives_the_same_gestures(id, original, variant):
    text = GUIDE.instruction(id).text
    assert original in text
    reworded = _normalised(text.replace(original, variant))
    assert [same(g) for g in gestures(reworded)] == [same(g) for g in gestures(text)], reworded


def test_every_sentence_with_gestures_is_reworded():
    covered = {(id, original) for id, original, *_ in REWORDINGS}
    for instruction in GUIDE.instructions:
        for sentence in read_text(instruction.text):
            if sentence.gestures:
                assert any(id == instruction.id and (original in sentence.text or sentence.text in original)
                           for id, original in covered), (instruction.id, sentence.text)


# --------------------------------------------------------------------------- the follower's revisions


def _by_id(path: Path) -> dict[str, tuple[list[Gesture], list[Statement]]]:
    guide = load_guide(path)
    return {i.id: (gestures(i.text), statements(i.text)) for i in guide.instructions}


BUNDLED = _by_id(BUNDLED_GUIDE)

# what each revision of tests/guides/follow changes in the reading (instruction -> its gestures, statements)
FOLLOW_CHANGES: dict[str, dict[str, tuple[list[Gesture] | None, list[Statement] | None]]] = {
    "field_wrong.txt": {"1.1": ([Gesture("open", CAS), Gesture("fill", "phone"), Gesture("click", "Suivant")],
                                None)},
    "position_wrong.txt": {"1.5": (None, [Statement("position", "bottom-left", "roue dentée")])},
    "colour_wrong.txt": {"1.3": (None, [*BUNDLED_STATEMENTS["1.3"][:3], Statement("colour", "green", "Soumettre")])},
    "channel_wrong.txt": {"1.10": (None, [Statement("channel", frozenset({"screen", "sms"}), "confirmation:all")])},
    "method_wrong.txt": {"2.15": ([*BUNDLED_GESTURES["2.15"][:2],
                                   Gesture("choose", "Mot de passe", within="Méthode d’authentification"),
                                   *BUNDLED_GESTURES["2.15"][3:]], None)},
    "email_language_wrong.txt": {"1.3": (None, [Statement("language", "fr", "email"),
                                                *BUNDLED_STATEMENTS["1.3"][1:]])},
    "instruction_removed.txt": {"1.8": ([], [])},
    "instructions_swapped.txt": {"1.5": (BUNDLED_GESTURES["1.6"], []),
                                 "1.6": (BUNDLED_GESTURES["1.5"], BUNDLED_STATEMENTS["1.5"])},
    "impossible_claimed.txt": {"1.11": (None, [Statement("possible", ("add_phone", False))])},
    "example_invalid.txt": {},
    "cliquez_sur.txt": {},
    "privacy_ticked.txt": {"1.2": ([Gesture("fill_form"), Gesture("tick", "déclaration de confidentialité"),
                                    Gesture("click", "Créer un compte")], None)},
    "tip_added.txt": {},
    "prose_reworded.txt": {},
    "quotes_unified.txt": {},
}


@pytest.mark.parametrize("name", list(FOLLOW_CHANGES))
def test_follower_revision_readings(name):
    read = _by_id(FOLLOW / name)
    expected = {id: list(value) for id, value in BUNDLED.items()}
    for id, (new_gestures, new_statements) in FOLLOW_CHANGES[name].items():
        if new_gestures == [] and new_statements == [] and id not in read:
            del expected[id]
            continue
        if new_gestures is not None:
            expected[id][0] = new_gestures
        if new_statements is not None:
            expected[id][1] = new_statements
    assert {id: list(value) for id, value in read.items()} == expected


# --------------------------------------------------------------------------- the screens' words


@pytest.mark.parametrize(("key", "kind"), [
    ("whoami_email", "email"), ("password", "password"), ("new_password", "password"),
    ("confirm_password", "password"), ("first_name", "first_name"), ("last_name", "last_name"),
    ("email", "email"), ("email_confirm", "email_confirm"), ("email_language", "language"), ("captcha", "captcha"),
    ("phone_number", "phone"), ("mobile_phone", "phone"), ("rcam_pension_number", "pension_number"),
    ("rcam_pension_number_confirm", "pension_number"), ("rcam_birth_date", "birth_date"),
    ("challenge_part", "challenge"), ("rcam_final_code_part", "final_code"), ("auth_method", None),
    ("device_name", "device_name"), ("device_pin", "pin"), ("device_pin_confirm", "pin_confirm"), ("app_pin", "pin"),
])
def test_field_kind_of_the_screens_labels(key, kind):
    for language in ("fr", "en"):
        assert field_kind(TEXTS[key][language].format(n=1, total=3)) == kind, (key, language)


def test_icons_and_logout():
    assert icon_matches("roue dentée", TEXTS["gear_menu"]["fr"]) and icon_matches("roue dentée", "Settings")
    assert not icon_matches("roue dentée", TEXTS["my_account"]["fr"]) and not icon_matches("bouton", "Paramètres")
    assert all(is_logout(TEXTS["logout"][language]) for language in ("fr", "en"))
    assert not is_logout(TEXTS["sign_in"]["fr"]) and not is_logout(TEXTS["my_account"]["en"])
    assert set(phrases.FIELD_WORDS) >= set(FIELDS)
    # every field a text names is the person's own data, but for what they make up (a PIN, their phone's name)
    assert set(FIELDS) - phrases.PERSON_DATA == {"pin", "device_name"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_language_of_the_mock_messages(language):
    for subject, body in (("mail_register_subject", "mail_register_before"), ("mail_phone_subject", "mail_phone_body"),
                          ("mail_final_code_subject", "mail_final_code_howto")):
        text = f"{TEXTS[subject][language]} {TEXTS[body][language]}"
        assert language_of(text) == language, text


def test_possible_controls_name_the_screens_control():
    add = normalise_label(TEXTS["add_phone_link"]["fr"])
    assert all(word in add for word in phrases.POSSIBLE_CONTROLS["add_phone"])
    manage = normalise_label(TEXTS["manage_phones"]["fr"])
    assert not all(word in manage for word in phrases.POSSIBLE_CONTROLS["add_phone"])
    # every "possible" the table can give has the words of its control
    assert set(phrases.VOCABULARIES["POSSIBILITY"].values()) <= set(phrases.POSSIBLE_CONTROLS)


# --------------------------------------------------------------------------- the EU Login app (the 2026 guide)

GUIDE_2026 = load_guide(bundled_guide("2026").path)
APP_PIN = "Application mobile EU Login : code PIN"
METHOD = "Méthode d’authentification"

# The 2026 guide's instructions that use the phone's app, or its new fields: their gestures, in order.
GESTURES_2026: dict[str, list[Gesture]] = {
    "1.4": [Gesture("fill_in", "Nouveau mot de passe"), Gesture("fill_in", "Confirmez le nouveau mot de passe"),
            Gesture("click", "Soumettre")],
    "1.6": [],  # installing the app: nothing to do on these screens
    "1.7": [Gesture("open_app")],
    "1.8": [Gesture("open_app"), Gesture("click", "Initialiser"), Gesture("use_pc")],
    "1.12": [Gesture("fill_in", "Nom de votre appareil", within="Mon smartphone")],
    "1.13": [Gesture("pick", "pin", count=4), Gesture("fill_in", "Votre code PIN à 4 chiffres"),
             Gesture("fill_in", "Confirmez votre code PIN"), Gesture("click", "Envoyer")],
    "1.14": [Gesture("open_app"), Gesture("scan", "Scanner le code QR")],
    "1.15": [Gesture("open_app"), Gesture("fill_in", "Code PIN", role="pin"), Gesture("click", "Confirmer")],
    "2.21": [Gesture("open_list", METHOD), Gesture("choose", APP_PIN, within=METHOD), Gesture("click", "Connexion")],
    "2.22": [Gesture("open_app", within="request")],
    "2.23": [Gesture("fill_in", "Code PIN", role="pin"), Gesture("click", "Confirmer")],
    "3.5": [Gesture("open_app", within="request")],
    "3.6": [Gesture("fill_in", "Code PIN", role="pin"), Gesture("click", "Confirmer")],
    "3.8": [Gesture("click", "Déconnexion"), Gesture("sign_in_again")],
}
STATEMENTS_2026: dict[str, list[Statement]] = {
    "1.14": [Statement("qr", "computer")],
    "1.16": [Statement("channel", frozenset({"screen", "email"}), "confirmation:all")],
    "2.22": [Statement("app", "request")],
    "2.23": [Statement("goes_on", True)],
    "3.6": [Statement("goes_on", True)],
}


@pytest.mark.parametrize("id", list(GESTURES_2026))
def test_2026_guide_gestures(id):
    assert [same(g) for g in gestures(GUIDE_2026.instruction(id).text)] == [same(g) for g in GESTURES_2026[id]]


@pytest.mark.parametrize("id", list(STATEMENTS_2026))
def test_2026_guide_statements(id):
    assert statements(GUIDE_2026.instruction(id).text) == STATEMENTS_2026[id]


def test_2026_guide_notes_what_no_screen_shows():
    install, = read_text(GUIDE_2026.instruction("1.6").text)
    assert not install.gestures and "fake phone has the EU Login app" in install.reason
    assert any("notifications" in s.reason for s in read_text(GUIDE_2026.instruction("1.7").text))


# The rows the 2026 guide brought: each has at least two example phrasings of its own, found in neither guide.
APP_RULES = ("note.remember", "qr.shown",
             "note.install_app", "note.notifications", "open_app.verb", "open_app.notification", "place.phone",
             "place.pc", "tap.in_app", "scan.hold", "scan.verb", "app.shows", "goes_on", "pick.pin", "fill.on_phone",
             "fill_in.field", "fill_in.into", "fill_in.it", "fill_in.again", "fill_in.named_first", "logout.by_click")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).casefold()


@pytest.mark.parametrize("name", APP_RULES)
def test_app_rules_bring_two_phrasings_found_in_neither_guide(name):
    rule = next(rule for rule in RULES if rule.name == name)
    assert len(rule.examples) >= 2, name
    guides = _flat(" ".join(i.text for guide in (GUIDE, GUIDE_2026) for i in guide.instructions))
    for sentence, _ in rule.examples:
        assert _flat(sentence).strip(" .") not in guides, (name, sentence)


# More phrasings of the app's gestures, in neither guide: sentence -> what it gives (gestures, then statements).
APP_PHRASINGS: list[tuple[str, list[Gesture | Statement]]] = [
    ("Installez l’appli EU Login sur votre iPhone.", []),
    ("Téléchargez l’application puis ouvrez-la.", []),
    ("Autorisez les notifications quand le téléphone vous le demande.", []),
    ("Démarrez l’application EU Login.", [Gesture("open_app")]),
    ("Vous allez recevoir une notification : appuyez dessus.", [Gesture("open_app", within="request")]),
    ("La notification arrive sur le téléphone portable (ou ouvrez l’appli).",
     [Gesture("open_app", within="request")]),
    ("Sur l’application EU Login de votre téléphone, appuyez sur « Initialiser ».",
     [Gesture("open_app"), Gesture("click", "Initialiser")]),
    ("Appuyez sur « Scanner le code QR », puis orientez la caméra vers l’écran de votre ordinateur.",
     [Gesture("open_app"), Gesture("scan", "Scanner le code QR")]),
    ("Scanner le code QR affiché sur le PC.", [Gesture("open_app"), Gesture("scan")]),
    ("Sur votre GSM, tapez votre code PIN.", [Gesture("open_app"), Gesture("fill", "pin")]),
    ("Introduisez le code PIN sur le smartphone puis appuyez sur « Confirmer ».",
     [Gesture("open_app"), Gesture("fill", "pin"), Gesture("click", "Confirmer")]),
    ("Saisissez votre code PIN dans le champ « Code PIN ».", [Gesture("fill_in", "Code PIN", role="pin")]),
    ("Encodez-le à nouveau dans « Confirmez votre code PIN ».", [Gesture("fill_in", "Confirmez votre code PIN")]),
    ("Indiquez votre code PIN dans « Votre code PIN à 4 chiffres », puis une deuxième fois dans « Confirmez votre "
     "code PIN ».", [Gesture("fill_in", "Votre code PIN à 4 chiffres", role="pin"),
                     Gesture("fill_in", "Confirmez votre code PIN")]),
    ("Dans « Nom de votre appareil », tapez le nom de votre choix, par exemple Téléphone de Marie.",
     [Gesture("fill_in", "Nom de votre appareil", within="Téléphone de Marie")]),
    ("Sélectionnez un code PIN à 4 chiffres.", [Gesture("pick", "pin", count=4)]),
    ("Revenez ensuite à votre ordinateur.", [Gesture("use_pc")]),
    ("L’appli affiche la demande de confirmation.", [Statement("app", "request")]),
    ("Votre ordinateur poursuit de lui-même.", [Statement("goes_on", True)]),
    ("Un QR code apparaîtra sur votre PC.", [Statement("qr", "computer")]),
    ("Notez bien le nom choisi.", []),
    ("Déconnectez-vous, clic sur « Déconnexion ».", [Gesture("click", "Déconnexion")]),
]


@pytest.mark.parametrize(("sentence", "expected"), APP_PHRASINGS)
def test_app_phrasings(sentence, expected):
    read = read_text(sentence)
    given = [same(item) if isinstance(item, Gesture) else item for s in read for item in (*s.gestures, *s.statements)]
    assert given == [same(item) if isinstance(item, Gesture) else item for item in expected], sentence
    guides = _flat(" ".join(i.text for guide in (GUIDE, GUIDE_2026) for i in guide.instructions))
    assert _flat(sentence).strip(" .") not in guides


def test_the_app_screens_words():
    for language in ("fr", "en"):
        assert phrases.QR_NAME_RE.search(TEXTS["device_qr"][language])
        assert phrases.QR_NAME_RE.search(TEXTS["app_qr_image"][language])
        assert phrases.SCAN_NAME_RE.search(TEXTS["app_scan"][language])
        assert not phrases.SCAN_NAME_RE.search(TEXTS["app_initialise"][language])
        assert not phrases.SCAN_NAME_RE.search(TEXTS["app_confirm"][language])
