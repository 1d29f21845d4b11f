"""Every instruction of the bundled guide has a scenario: the link is the instruction id as a tag."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd.feature import get_features

from rehearse.guide import BUNDLED_GUIDE, Guide, load_guide, parse_guide

FEATURES = Path(__file__).parents[1] / "features"
COVERED_STAGES = (1, 2, 3)


def tagged_instructions(features_dir: Path = FEATURES) -> dict[str, list[str]]:
    """Instruction id -> names of the scenarios tagged with it, over every feature file."""
    found: dict[str, list[str]] = {}
    for feature in get_features([str(features_dir)]):
        for scenario in feature.scenarios.values():
            for tag in scenario.tags | feature.tags:
                found.setdefault(tag, []).append(scenario.name)
    return found


def uncovered(guide: Guide, features_dir: Path = FEATURES) -> list[str]:
    tags = tagged_instructions(features_dir)
    return [i.id for i in guide.instructions if i.stage in COVERED_STAGES and i.id not in tags]


def test_every_instruction_of_the_bundled_guide_has_a_scenario():
    guide = load_guide(BUNDLED_GUIDE)
    assert [i.id for i in guide.instructions if i.stage in COVERED_STAGES], "no instruction to cover"
    assert uncovered(guide) == []


def test_a_guide_with_an_extra_instruction_is_not_covered():
    text = BUNDLED_GUIDE.read_text(encoding="utf-8")
    last = " Clic sur la roue dentée + « Déconnexion »"
    assert last in text
    extra = text.replace("+ « Déconnexion »  \n", "+ « Déconnexion »  \n13. Fermez votre navigateur.\n", 1)
    guide = parse_guide(extra)
    assert "1.13" in guide.ids
    assert uncovered(guide) == ["1.13"]


def test_every_tag_of_a_scenario_names_an_instruction_or_a_known_marker():
    from rehearse.report import STATIC_MARKERS

    ids = set(load_guide(BUNDLED_GUIDE).ids)
    unknown = {tag for tag in tagged_instructions() if tag not in ids and tag not in STATIC_MARKERS}
    assert unknown == set()
