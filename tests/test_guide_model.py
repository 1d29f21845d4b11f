"""Tests for rehearse.guide: parsing the bundled French guide (text and Markdown)."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from pathlib import Path

import pytest

from rehearse.guide import (
    BUNDLED_GUIDE,
    Guide,
    GuideError,
    Instruction,
    Stage,
    instruction_sort_key,
    load_guide,
    parse_guide,
)

GUIDES_DIR = Path(__file__).parent / "guides"
BUNDLED_MD = GUIDES_DIR / "bundled.md"

EXPECTED_IDS = (
    [f"1.{n}" for n in range(1, 13)] + [f"2.{n}" for n in range(13, 19)] + [f"3.{n}" for n in range(1, 5)]
)


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(BUNDLED_GUIDE)


@pytest.fixture(scope="module")
def bundled_lines() -> list[str]:
    return BUNDLED_GUIDE.read_text(encoding="utf-8").split("\n")


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _with_lines(lines: list[str], after_line: int, *new: str) -> str:
    """The bundled guide with ``new`` lines inserted after 1-based line ``after_line``."""
    return "\n".join(lines[:after_line] + list(new) + lines[after_line:])


# --------------------------------------------------------------------------- bundled guide


def test_bundled_guide_path_is_the_repository_file() -> None:
    assert BUNDLED_GUIDE.is_absolute()
    assert BUNDLED_GUIDE.name == "acces-rcam-eu-login.txt"
    assert BUNDLED_GUIDE.parent.name == "guides"
    assert BUNDLED_GUIDE.is_file()


def test_ids_in_order(guide: Guide) -> None:
    assert list(guide.ids) == EXPECTED_IDS
    assert len(guide.instructions) == 22
    assert [i.id for i in guide.instructions] == EXPECTED_IDS


def test_title_path_and_sha256(guide: Guide) -> None:
    assert guide.title == "CREATION D’UN ACCES EU LOGIN EXTERNE"
    assert guide.path == str(BUNDLED_GUIDE)
    assert guide.sha256 == hashlib.sha256(BUNDLED_GUIDE.read_bytes()).hexdigest()
    assert parse_guide(BUNDLED_GUIDE.read_text(encoding="utf-8")).sha256 == guide.sha256


@pytest.mark.parametrize(
    ("number", "title", "line", "ids"),
    [
        (1, "1ère étape", 2, EXPECTED_IDS[:12]),
        (2, "2ème étape (à faire immédiatement après la 1ère étape)", 83, EXPECTED_IDS[12:18]),
        (3, "3ème étape", 129, EXPECTED_IDS[18:]),
    ],
)
def test_stages(guide: Guide, number: int, title: str, line: int, ids: list[str]) -> None:
    assert [s.number for s in guide.stages] == [1, 2, 3]
    stage = guide.stage(number)
    assert isinstance(stage, Stage)
    assert stage.title == title
    assert stage.line == line
    assert [i.id for i in stage.instructions] == ids
    assert all(i.stage == number for i in stage.instructions)


def test_stage_contexts(guide: Guide) -> None:
    assert (
        guide.stage(2).context
        == "Indispensable pour être reconnu par le PMO pour RCAM, Sysper Post Activity…"
    )
    assert guide.stage(3).context == (
        "A EFFECTUER QUAND VOUS AUREZ RECU LE CODE FINAL (appelé « Token ») PAR COURRIEL OU SMS"
    )
    assert "numéro de pension" in guide.stage(1).context


def test_guide_context_has_prerequisites_and_nb(guide: Guide) -> None:
    assert guide.context.startswith("Il faut préparer : - Votre numéro de pension")
    assert "numéro de pension" in guide.context
    assert "UN SEUL compte" in guide.context
    assert guide.context.endswith("Veuillez mettre votre mot de passe à jour !")
    assert "Depuis votre navigateur" not in guide.context


@pytest.mark.parametrize(
    ("id", "first_line", "last_line"),
    [
        ("1.1", 15, 16),
        ("1.2", 21, 33),  # the stray caption "(Déjà ajouté)" stays in raw
        ("1.3", 37, 49),
        ("1.6", 58, 58),  # " 6." with a leading space
        ("1.8", 68, 70),
        ("1.10", 76, 77),
        ("1.12", 82, 82),
        ("2.13", 88, 89),
        ("2.15", 95, 112),
        ("2.16", 113, 115),  # " 16." with a leading space
        ("2.18", 126, 128),
        ("3.1", 136, 137),
        ("3.4", 150, 162),
    ],
)
def test_line_numbers(
    guide: Guide, bundled_lines: list[str], id: str, first_line: int, last_line: int
) -> None:
    instruction = guide.instruction(id)
    assert (instruction.first_line, instruction.last_line) == (first_line, last_line)
    assert bundled_lines[first_line - 1].strip().startswith(f"{instruction.number}.")
    assert instruction.raw == "\n".join(bundled_lines[first_line - 1 : last_line])


def test_every_instruction_starts_on_its_numbered_line(guide: Guide, bundled_lines: list[str]) -> None:
    for instruction in guide.instructions:
        assert re.match(rf"^\s*{instruction.number}\.\s+\S", bundled_lines[instruction.first_line - 1])
        assert bundled_lines[instruction.last_line - 1].strip()
        stage, number = instruction.id.split(".")
        assert (instruction.stage, instruction.number) == (int(stage), int(number))
        assert instruction.sort_key == (instruction.stage, instruction.number)


@pytest.mark.parametrize(
    ("id", "fragment"),
    [
        ("1.1", "lancez https://webgate.ec.europa.eu/cas"),
        ("1.3", "Clic sur « ce lien » (ou « this link »"),
        ("1.3", "- Chiffres: 0 à 9 - Caractères spéciaux"),
        ("1.3", "Exemple: 23-11Ukraine Clic sur Soumettre"),
        ("1.7", "Ensuite Clic sur “Ajouter un numéro de téléphone portable”:"),
        ("1.8", "+32, +33 …, sans parenthèses, points, tirets + Clic sur Ajouter"),
        ("1.9", "(appelé “challenge ») de 2 x 4 caractères. Reprenez ce code"),
        ("2.15", "Indiquez votre nouveau mot de passe."),
        ("2.15", "« Connexion »"),
        ("2.15", "“Téléphone portable + SMS”"),
        ("2.15", "Clic sur la flèche à droite de “Méthode d’authentification” Dans la liste"),
        ("2.16", "Reprenez les 3 x 3 caractères – sans distinction"),
        ("2.17", "date de naissance + Clic sur « Suivant »."),
        ("3.2", "choisir ”Téléphone portable + SMS”."),
        ("3.4", "validez-le."),
        ("3.4", "Déconnectez-vous complètement maintenant."),
    ],
)
def test_text_contains(guide: Guide, id: str, fragment: str) -> None:
    assert fragment in guide.instruction(id).text


def test_text_details(guide: Guide) -> None:
    first = guide.instruction("1.1")
    assert first.text.startswith("Depuis votre navigateur internet")
    assert first.text.endswith("Clic sur ”Suivant”.")
    assert guide.instruction("2.15").text.startswith("Ensuite : Indiquez")
    assert guide.instruction("2.15").text.endswith("Clic sur « Connexion »")
    assert guide.instruction("2.16").text.startswith("Un code")
    assert guide.instruction("3.4").text.endswith("prochaine connexion via EU Login.")
    assert "Déjà ajouté" not in guide.instruction("1.2").text
    assert "Déjà ajouté" not in guide.instruction("1.3").text
    assert "(Déjà ajouté)" in guide.instruction("1.2").raw
    assert guide.instruction("1.2").text.endswith("Clic sur «Créer un compte »")


def test_texts_are_normalised(guide: Guide) -> None:
    for instruction in guide.instructions:
        text = instruction.text
        assert text == text.strip()
        assert "  " not in text
        assert "\n" not in text and "\u00a0" not in text
        assert not re.match(r"\d+\.", text), instruction.id
        assert "étape" not in text, instruction.id


def test_instruction_lookup_error(guide: Guide) -> None:
    with pytest.raises(KeyError, match="9.9"):
        guide.instruction("9.9")
    with pytest.raises(KeyError, match="known ids"):
        guide.instruction("1.13")


def test_model_is_frozen(guide: Guide) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        guide.title = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        guide.instructions[0].text = "x"  # type: ignore[misc]
    assert isinstance(guide.instructions[0], Instruction)
    assert isinstance(guide.stages, tuple) and isinstance(guide.stages[0].instructions, tuple)


def test_crlf_input_parses_the_same(guide: Guide) -> None:
    text = BUNDLED_GUIDE.read_text(encoding="utf-8").replace("\n", "\r\n")
    crlf = parse_guide(text)
    assert crlf.ids == guide.ids
    assert [i.first_line for i in crlf.instructions] == [i.first_line for i in guide.instructions]
    assert [i.text for i in crlf.instructions] == [i.text for i in guide.instructions]


# --------------------------------------------------------------------------- sorting


@pytest.mark.parametrize(
    ("ids", "expected"),
    [
        (["1.10", "1.9", "2.13", "1.2"], ["1.2", "1.9", "1.10", "2.13"]),
        (["3.1", "2.18", "1.12", "3.4"], ["1.12", "2.18", "3.1", "3.4"]),
    ],
)
def test_instruction_sort_key(ids: list[str], expected: list[str]) -> None:
    assert sorted(ids, key=instruction_sort_key) == expected


def test_instruction_sort_key_values_and_errors() -> None:
    assert instruction_sort_key("1.10") == (1, 10)
    assert instruction_sort_key("2.15") == (2, 15)
    for bad in ("", "1", "a.b", "1.2.3"):
        with pytest.raises(ValueError):
            instruction_sort_key(bad)


def test_guide_order_is_sort_order(guide: Guide) -> None:
    assert sorted(guide.ids, key=instruction_sort_key) == list(guide.ids)


# --------------------------------------------------------------------------- errors


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "absent.txt"
    with pytest.raises(GuideError, match="absent.txt"):
        load_guide(missing)


def test_directory_is_not_a_guide(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match="cannot read"):
        load_guide(tmp_path)


def test_binary_file(tmp_path: Path) -> None:
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    with pytest.raises(GuideError, match="image.png.*UTF-8"):
        load_guide(binary)


def test_nul_bytes_are_binary(tmp_path: Path) -> None:
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"1\xc3\xa8re \xc3\xa9tape\n1. x\x00\x00")
    with pytest.raises(GuideError, match="binary"):
        load_guide(binary)


@pytest.mark.parametrize("content", ["", "   \n\n \n"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text(content, encoding="utf-8")
    with pytest.raises(GuideError, match="empty"):
        load_guide(empty)


def test_text_without_stage(tmp_path: Path) -> None:
    text = "Mode d’emploi\n\n1. Ouvrez le navigateur.\n2. Connectez-vous après la 1ère étape.\n"
    with pytest.raises(GuideError, match="no recognisable stage"):
        parse_guide(text)
    plain = tmp_path / "notes.txt"
    plain.write_text(text, encoding="utf-8")
    with pytest.raises(GuideError, match="notes.txt"):
        load_guide(plain)


def test_stage_without_instruction() -> None:
    with pytest.raises(GuideError, match="no numbered instruction"):
        parse_guide("Titre\n1ère étape\nRien à faire.\n")


# --------------------------------------------------------------------------- revisions


def test_appended_instruction_in_stage_two(guide: Guide, bundled_lines: list[str]) -> None:
    revised = parse_guide(_with_lines(bundled_lines, 128, "19. Fermez le navigateur."))
    assert list(revised.ids) == EXPECTED_IDS[:18] + ["2.19"] + EXPECTED_IDS[18:]
    added = revised.instruction("2.19")
    assert (added.first_line, added.last_line, added.text) == (129, 129, "Fermez le navigateur.")
    assert revised.instruction("2.18").text == guide.instruction("2.18").text
    assert revised.stage(3).line == 130


def test_stray_one_in_prose_after_instruction_five(guide: Guide, bundled_lines: list[str]) -> None:
    revised = parse_guide(_with_lines(bundled_lines, 57, "1. ne répétez pas l’étape 1 ici."))
    assert revised.ids == guide.ids
    assert revised.instruction("1.5").text.endswith("« Mon compte » 1. ne répétez pas l’étape 1 ici.")


@pytest.mark.parametrize(
    "stray",
    [
        " 6bis Sur l’écran suivant",
        "6bis. Variante",
        "2 x 4 caractères",
        "23.11.2022 : date de mise à jour",
        "+33 6 12 34 56 78",
        "- 7. point de liste",
        "5. encore cinq",
    ],
)
def test_prose_that_looks_like_a_list_item(guide: Guide, bundled_lines: list[str], stray: str) -> None:
    revised = parse_guide(_with_lines(bundled_lines, 58, stray))
    assert revised.ids == guide.ids
    assert _collapse(stray) in revised.instruction("1.6").text


def test_stray_jump_in_prose_is_not_an_instruction(guide: Guide, bundled_lines: list[str]) -> None:
    # "9." inside instruction 3 while 4. to 12. follow: a stray number, not a jump.
    revised = parse_guide(_with_lines(bundled_lines, 40, "9. voir plus bas"))
    assert revised.ids == guide.ids
    assert "9. voir plus bas" in revised.instruction("1.3").text


def test_removed_instruction_leaves_a_gap(bundled_lines: list[str]) -> None:
    lines = list(bundled_lines)
    assert lines[62].startswith("7.")
    del lines[62]  # instruction 7 removed, the rest not renumbered
    revised = parse_guide("\n".join(lines))
    assert "1.7" not in revised.ids
    assert list(revised.ids) == [i for i in EXPECTED_IDS if i != "1.7"]


def test_inserted_and_renumbered_instruction() -> None:
    text = "\n".join(
        [
            "Titre",
            "1ère étape",
            "1. Un.",
            "2. Nouveau deux.",
            "3. Ancien deux.",
            " 2ème étape",
            "4. Quatre.",
            "3ème étape",
            "1. Encore un.",
        ]
    )
    assert parse_guide(text).ids == ("1.1", "1.2", "1.3", "2.4", "3.1")


def test_mention_of_a_stage_inside_prose_is_not_a_heading(guide: Guide, bundled_lines: list[str]) -> None:
    # A wrapped line that happens to start with "1ère étape" inside stage 2.
    revised = parse_guide(_with_lines(bundled_lines, 89, "1ère étape) si besoin."))
    assert [s.number for s in revised.stages] == [1, 2, 3]
    assert revised.ids == guide.ids
    assert revised.instruction("2.13").text.endswith("1ère étape) si besoin.")


@pytest.mark.parametrize(
    ("heading", "number"),
    [
        ("1ère étape", 1),
        ("  1ere etape :", 1),
        ("2e étape", 2),
        ("Étape 3", 3),
        ("Etape 3 - finalisation", 3),
        ("ÉTAPE 2", 2),
        ("Première étape", 1),
    ],
)
def test_stage_heading_variants(heading: str, number: int) -> None:
    parsed = parse_guide(f"Titre\n{heading}\n1. Faites ceci.\n")
    assert [s.number for s in parsed.stages] == [number]
    assert parsed.ids == (f"{number}.1",)
    assert parsed.stages[0].title == heading.strip()


# --------------------------------------------------------------------------- normalisation


def test_hyphenation_and_line_joining() -> None:
    text = "\n".join(
        [
            "Titre",
            "1ère étape",
            "1. Introduisez le code et validez-",
            "le.",
            "2. Par exemple +32,",
            "",
            "+33 …, sans tirets -",
            "et sans points.",
            "3. Voir la page EU-",
            "Login puis Clic sur",
            "« Connexion »",
            "4.\u00a0Espace\u00a0insécable  et  “guillemets” ’ ici\u00a0!",
        ]
    )
    parsed = parse_guide(text)
    assert parsed.instruction("1.1").text == "Introduisez le code et validez-le."
    assert parsed.instruction("1.2").text == "Par exemple +32, +33 …, sans tirets - et sans points."
    assert parsed.instruction("1.3").text == "Voir la page EU- Login puis Clic sur « Connexion »"
    assert parsed.instruction("1.4").text == "Espace insécable et “guillemets” ’ ici !"
    assert "\u00a0" in parsed.instruction("1.4").raw


def test_caption_only_when_standing_alone() -> None:
    text = "\n".join(
        [
            "Titre",
            "1ère étape",
            "1. Remplissez le formulaire.",
            "",
            "(Déjà ajouté)",
            "",
            "2. Ouvrez-le sur votre PC",
            "(ou laptop, tablette) mais pas sur votre smartphone.",
        ]
    )
    parsed = parse_guide(text)
    assert parsed.instruction("1.1").text == "Remplissez le formulaire."
    assert parsed.instruction("1.1").last_line == 5
    assert parsed.instruction("1.2").text == (
        "Ouvrez-le sur votre PC (ou laptop, tablette) mais pas sur votre smartphone."
    )


# --------------------------------------------------------------------------- Markdown


@pytest.fixture(scope="module")
def markdown_guide() -> Guide:
    return load_guide(BUNDLED_MD)


def test_markdown_fixture_matches_text_guide(guide: Guide, markdown_guide: Guide) -> None:
    assert markdown_guide.ids == guide.ids
    assert markdown_guide.title == guide.title
    assert _collapse(markdown_guide.context) == _collapse(guide.context)
    assert [(s.number, s.title) for s in markdown_guide.stages] == [(s.number, s.title) for s in guide.stages]
    assert [_collapse(s.context) for s in markdown_guide.stages] == [
        _collapse(s.context) for s in guide.stages
    ]


@pytest.mark.parametrize("id", EXPECTED_IDS)
def test_markdown_instruction_text_matches(guide: Guide, markdown_guide: Guide, id: str) -> None:
    assert _collapse(markdown_guide.instruction(id).text) == _collapse(guide.instruction(id).text)


def test_markdown_line_numbers_and_markup(markdown_guide: Guide) -> None:
    md_lines = BUNDLED_MD.read_text(encoding="utf-8").split("\n")
    for instruction in markdown_guide.instructions:
        assert md_lines[instruction.first_line - 1].lstrip().startswith(f"{instruction.number}.")
    for instruction in markdown_guide.instructions:
        assert "**" not in instruction.text and "`" not in instruction.text
        assert "](" not in instruction.text and "<https" not in instruction.text
    assert "**" in markdown_guide.instruction("1.1").raw
    assert markdown_guide.path == str(BUNDLED_MD)


def test_markdown_variants() -> None:
    text = "\n".join(
        [
            "# Mon guide",
            "",
            "Préambule *important*.",
            "",
            "### Étape 1",
            "",
            "1) **Clic sur** « Suivant »",
            "   puis _attendez_.",
            "2) Voir [la page](https://example.org) \\*sans\\* gras.",
            "",
            "---",
            "",
            "**2ème étape**",
            "",
            "3. Continuez `ici`.",
            "## Étape 3",
            "1. Fin.",
        ]
    )
    parsed = parse_guide(text, "draft.md")
    assert parsed.title == "Mon guide"
    assert parsed.context == "Préambule important."
    assert parsed.ids == ("1.1", "1.2", "2.3", "3.1")
    assert parsed.instruction("1.1").text == "Clic sur « Suivant » puis attendez."
    assert parsed.instruction("1.2").text == "Voir la page *sans* gras."
    assert parsed.instruction("2.3").text == "Continuez ici."
    assert [s.title for s in parsed.stages] == ["Étape 1", "2ème étape", "Étape 3"]
    assert parse_guide(text, markdown=True).ids == parsed.ids


def test_markdown_dispatch_by_suffix(tmp_path: Path) -> None:
    content = "# Titre\n\n## 1ère étape\n\n1. **Fait**.\n"
    for name in ("guide.md", "guide.markdown", "GUIDE.MD"):
        target = tmp_path / name
        target.write_text(content, encoding="utf-8")
        assert load_guide(target).instruction("1.1").text == "Fait."
    as_text = tmp_path / "guide.txt"
    as_text.write_text(content, encoding="utf-8")
    with pytest.raises(GuideError, match="no recognisable stage"):
        load_guide(as_text)  # "## 1ère étape" is not a plain-text heading
