"""Every instruction of every bundled guide has a scenario, on the guide's own screens: the link is the
instruction id as a tag, after the guide's prefix (``@1.5`` for the seed guide, ``@2026-1.5`` for the 2026 one)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_bdd.feature import get_features

from rehearse.guide import BUNDLED_GUIDE, BUNDLED_GUIDES, BundledGuide, Guide, load_guide, parse_guide
from rehearse.markers import SCREENS_TAG

FEATURES = Path(__file__).parents[1] / "features"
COVERED_STAGES = (1, 2, 3)
GUIDE_IDS = [bundled.path.name for bundled in BUNDLED_GUIDES]


def scenarios(features_dir: Path = FEATURES) -> list[tuple[str, set[str]]]:
    """(name, tags: the scenario's own and its feature's) of every scenario of every feature file."""
    return [(scenario.name, set(scenario.tags | feature.tags))
            for feature in get_features([str(features_dir)]) for scenario in feature.scenarios.values()]


def tagged_instructions(features_dir: Path = FEATURES) -> dict[str, list[str]]:
    """Tag -> names of the scenarios tagged with it, over every feature file."""
    found: dict[str, list[str]] = {}
    for name, tags in scenarios(features_dir):
        for tag in tags:
            found.setdefault(tag, []).append(name)
    return found


def uncovered(guide: Guide, features_dir: Path = FEATURES, bundled: BundledGuide = BUNDLED_GUIDES[0]) -> list[str]:
    tags = tagged_instructions(features_dir)
    return [i.id for i in guide.instructions if i.stage in COVERED_STAGES and bundled.tag(i.id) not in tags]


def screens_tags(tags: set[str]) -> set[str]:
    return {tag.removeprefix(SCREENS_TAG) for tag in tags if tag.startswith(SCREENS_TAG)}


@pytest.mark.parametrize("bundled", BUNDLED_GUIDES, ids=GUIDE_IDS)
def test_every_instruction_of_a_bundled_guide_has_a_scenario(bundled: BundledGuide):
    guide = load_guide(bundled.path)
    assert [i.id for i in guide.instructions if i.stage in COVERED_STAGES], "no instruction to cover"
    assert uncovered(guide, bundled=bundled) == []


@pytest.mark.parametrize("bundled", BUNDLED_GUIDES, ids=GUIDE_IDS)
def test_a_scenario_of_a_bundled_guide_runs_on_that_guide_s_screens(bundled: BundledGuide):
    """A scenario tagged with a guide's instruction runs on the guide's profile (its @screens- tag, or the default
    2020 for the seed guide): each runs once, on the screens it is about."""
    ids = {bundled.tag(i) for i in load_guide(bundled.path).ids}
    wrong = {name: sorted(screens_tags(tags)) or ["2020 (default)"] for name, tags in scenarios()
             if tags & ids and (screens_tags(tags) or {"2020"}) != {bundled.screens}}
    assert wrong == {}


def test_a_guide_with_an_extra_instruction_is_not_covered():
    text = BUNDLED_GUIDE.read_text(encoding="utf-8")
    last = " Clic sur la roue dentée + « Déconnexion »"
    assert last in text
    extra = text.replace("+ « Déconnexion »  \n", "+ « Déconnexion »  \n13. Fermez votre navigateur.\n", 1)
    guide = parse_guide(extra)
    assert "1.13" in guide.ids
    assert uncovered(guide) == ["1.13"]


def test_the_2026_guide_s_instructions_are_not_covered_by_the_seed_guide_s_tags():
    """``@1.5`` covers the seed guide's 1.5, never the 2026 guide's: without its ``2026-`` scenarios, the 2026 guide
    would be uncovered."""
    seed, today = BUNDLED_GUIDES
    guide = load_guide(today.path)
    only_seed = {name: {tag for tag in tags if not tag.startswith(today.tag_prefix)} for name, tags in scenarios()}
    tags = {tag for tags in only_seed.values() for tag in tags}
    assert [i.id for i in guide.instructions if today.tag(i.id) not in tags and i.stage in COVERED_STAGES]


def test_every_tag_of_a_scenario_names_an_instruction_or_a_known_marker():
    from rehearse.report import STATIC_MARKERS

    ids = {bundled.tag(i) for bundled in BUNDLED_GUIDES for i in load_guide(bundled.path).ids}
    known = set(STATIC_MARKERS) | {bundled.journey for bundled in BUNDLED_GUIDES}
    unknown = {tag for tag in tagged_instructions() if tag not in ids and tag not in known
               and not tag.startswith(SCREENS_TAG)}
    assert unknown == set()
