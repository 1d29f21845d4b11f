"""The revisions of ``tests/guides/follow/`` are what ``expected.py`` says they are (no browser).

Each file parses, keeps the bundled guide's instruction ids (``instruction_removed.txt``: all but 1.8), a trip-up
changes exactly one instruction (the swap: exactly 1.5 and 1.6, exchanged), and a harmless rewrite keeps every
quoted label of the bundled guide.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest

from rehearse.guide import BUNDLED_GUIDE, Guide, bundled_guide, load_guide
from tests.guides.follow.expected import FOLLOW, HARMLESS, TRIP_UPS
from tests.guides.follow_2026.expected import CHANGED_2026, FOLLOW_2026, TRIP_UPS_2026

VERDICTS = {"ok", "mismatch", "stuck", "gap", "unchecked", "note"}

# The instruction(s) each trip-up edits, when not just the instruction the follower must flag.
CHANGED: dict[str, set[str]] = {
    "instruction_removed.txt": {"1.8"},  # gone; the follower trips at 1.9 (no SMS comes)
    "instructions_swapped.txt": {"1.5", "1.6"},  # texts exchanged; the follower trips at 1.5
}

_QUOTED_RE = re.compile(r"[«“”\"]\s*([^«»“”\"]+?)\s*[»“”\"]")


@pytest.fixture(scope="module")
def bundled() -> Guide:
    return load_guide(BUNDLED_GUIDE)


def _texts(guide: Guide) -> dict[str, str]:
    return {instruction.id: instruction.text for instruction in guide.instructions}


def _changed(guide: Guide, bundled: Guide) -> set[str]:
    mine, theirs = _texts(guide), _texts(bundled)
    return {id for id in mine.keys() | theirs.keys() if mine.get(id) != theirs.get(id)}


def _quoted(text: str) -> Counter[str]:
    """The quoted strings of ``text``, whatever the quote style, spacing and apostrophe."""
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u202f", " ")
    return Counter(re.sub(r"\s+", " ", found).replace("’", "'") for found in _QUOTED_RE.findall(text))


def test_table_is_well_formed():
    assert not set(TRIP_UPS) & set(HARMLESS)
    on_disk = {path.name for path in FOLLOW.iterdir() if path.suffix in {".txt", ".md"}}
    assert on_disk == set(TRIP_UPS) | set(HARMLESS)
    for name, (verdict, id, words) in TRIP_UPS.items():
        assert verdict in VERDICTS - {"ok", "unchecked", "note"}, name
        assert re.fullmatch(r"\d\.\d{1,2}", id), name
        assert words and all(isinstance(word, str) and word.strip() for word in words), name


@pytest.mark.parametrize("name", [*TRIP_UPS, *HARMLESS])
def test_parses_with_the_bundled_ids(name, bundled):
    guide = load_guide(FOLLOW / name)
    expected = [id for id in bundled.ids if not (name == "instruction_removed.txt" and id == "1.8")]
    assert list(guide.ids) == expected
    assert [stage.number for stage in guide.stages] == [1, 2, 3]


@pytest.mark.parametrize("name", list(TRIP_UPS))
def test_trip_up_changes_one_instruction(name, bundled):
    verdict, id, words = TRIP_UPS[name]
    guide = load_guide(FOLLOW / name)
    assert _changed(guide, bundled) == CHANGED.get(name, {id})
    # The detail words are what the follower looks for: they come from the revision's own instruction.
    text = guide.instruction(id).text.casefold()
    for word in words:
        assert word.casefold() in text, (name, id, word)


def test_swap_exchanges_the_two_texts(bundled):
    mine, theirs = _texts(load_guide(FOLLOW / "instructions_swapped.txt")), _texts(bundled)
    assert (mine["1.5"], mine["1.6"]) == (theirs["1.6"], theirs["1.5"])


@pytest.mark.parametrize("name", list(TRIP_UPS))
def test_trip_up_is_a_one_place_edit_of_the_bundled_file(name):
    """Copied byte for byte, then one contiguous run of lines edited."""
    changed = _edited_lines(FOLLOW / name, BUNDLED_GUIDE)
    assert 0 < len(changed) <= 3, (name, changed)  # instruction 1.8's example spans a blank line


def _edited_lines(revision, original) -> list[bytes]:
    """The lines of ``original`` between the longest common head and tail of the two files: what was edited."""
    mine, theirs = revision.read_bytes().split(b"\n"), original.read_bytes().split(b"\n")
    head = 0
    while head < min(len(mine), len(theirs)) and mine[head] == theirs[head]:
        head += 1
    tail = 0
    while tail < min(len(mine), len(theirs)) - head and mine[-1 - tail] == theirs[-1 - tail]:
        tail += 1
    return theirs[head : len(theirs) - tail]


@pytest.mark.parametrize("name", HARMLESS)
def test_harmless_keeps_every_quoted_label(name, bundled):
    guide = load_guide(FOLLOW / name)
    mine = _texts(guide)
    assert mine != _texts(bundled) or name.endswith(".md"), "a harmless rewrite must change something"
    for instruction in bundled.instructions:
        wanted = _quoted(instruction.text)
        kept = _quoted(mine[instruction.id])
        assert not wanted - kept, (name, instruction.id, wanted - kept)


def test_markdown_differs_from_bundled_md():
    bundled_md = FOLLOW.parent / "bundled.md"
    assert (FOLLOW / "markdown_headings.md").read_bytes() != bundled_md.read_bytes()
    assert load_guide(FOLLOW / "markdown_headings.md").ids == load_guide(bundled_md).ids


# --------------------------------------------------------------------------- trip-ups of the 2026 guide

GUIDE_2026 = bundled_guide("2026").path


def test_the_2026_table_is_well_formed():
    on_disk = {path.name for path in FOLLOW_2026.iterdir() if path.suffix in {".txt", ".md"}}
    assert on_disk == set(TRIP_UPS_2026) and len(on_disk) >= 3
    assert set(CHANGED_2026) <= set(TRIP_UPS_2026)
    for name, (verdict, id, words) in TRIP_UPS_2026.items():
        assert verdict in {"stuck", "mismatch"}, name
        assert re.fullmatch(r"\d\.\d{1,2}", id), name
        assert words and all(isinstance(word, str) and word.strip() for word in words), name


@pytest.mark.parametrize("name", list(TRIP_UPS_2026))
def test_2026_trip_up_changes_one_instruction_of_the_2026_guide(name):
    verdict, id, words = TRIP_UPS_2026[name]
    guide, original = load_guide(FOLLOW_2026 / name), load_guide(GUIDE_2026)
    assert list(guide.ids) == list(original.ids)
    assert _changed(guide, original) == CHANGED_2026.get(name, {id})
    text = guide.instruction(id).text.casefold()
    for word in words:
        assert word.casefold() in text, (name, id, word)


@pytest.mark.parametrize("name", list(TRIP_UPS_2026))
def test_2026_trip_up_is_a_one_place_edit_of_the_2026_guide(name):
    assert 0 < len(_edited_lines(FOLLOW_2026 / name, GUIDE_2026)) <= 3, name
