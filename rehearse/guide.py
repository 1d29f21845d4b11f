"""Parse the French how-to guide into stages and numbered instructions.

The bundled guide (``guides/acces-rcam-eu-login.txt``) is a plain-text export
of a PDF.  It is split into *stages* ("1ère étape", "2ème étape", "3ème
étape") and each stage holds *numbered instructions*.  Numbering continues
across stages 1 and 2 (1–12, then 13–18) and restarts in stage 3 (1–4), so an
instruction is identified by ``"<stage>.<number as printed>"``: ``"1.3"``,
``"2.15"``, ``"3.4"``.

Markdown renderings of a guide (``.md`` / ``.markdown``) are parsed with the
same model: stages are headings, instructions are ordered-list items.

Stage headings
--------------
Plain text: a line whose *stripped* text **starts with** a stage label —
``"1ère étape"``, ``"2ème étape"``, ``"2e étape"``, ``"Première étape"``,
``"Étape 3"``, ``"Etape 3"`` (case-insensitive).  A mere mention such as
``"... après la 1ère étape)"`` inside a line is not a heading.  Markdown: an
ATX heading (``#`` to ``######``) or a line that is entirely bold/emphasised,
whose text starts with such a label.  In both cases stage numbers must
increase through the file; a label going backwards (e.g. a wrapped line
starting with ``"1ère étape)"`` inside stage 2) is prose.

Instruction detection
---------------------
A line is a *candidate* when it matches ``^\\s*(\\d{1,2})\\.\\s+\\S`` (Markdown
also accepts ``N)``): a one- or two-digit number, a dot, whitespace, then
text.  ``"+33 …"``, ``"- Chiffres: 0 à 9"``, ``"Exemple:  23-11Ukraine"``,
``"2 x 4 caractères"`` never match.  Within each stage, candidates are then
accepted in order:

* the first instruction of a stage must be numbered ``1`` (numbering restarts)
  or be greater than the last instruction number of the previous stage
  (numbering continues, possibly with a gap);
* every later instruction must be numbered strictly greater than the previous
  accepted one — a number that goes backwards or repeats (a stray ``"1."`` in
  the prose of instruction 5) is prose;
* the *expected* number (previous + 1, or ``1`` / previous-stage-last + 1 at a
  stage start) is always accepted; a jump (``5.`` followed by ``7.``, as after
  removing an instruction in a revision) is accepted too, unless a smaller
  acceptable candidate follows later in the same stage — then the jump is a
  stray number in prose and the later, smaller one is the real next
  instruction.

Consequently a revision with an inserted (renumbered) or removed instruction
still parses, and its ids follow the printed numbers.

Text normalisation
------------------
``Instruction.text`` (and the ``context`` fields) join the lines with single
spaces, collapse runs of whitespace, turn non-breaking spaces into plain
spaces, drop zero-width characters, re-join words hyphenated across a line
break (``"validez-"`` + ``"le."`` gives ``"validez-le."``: the hyphen is kept,
no space is inserted; this only happens when the line ends with a letter
followed by ``-`` and the next line starts with a lowercase letter), and drop
stray image captions: a short stand-alone paragraph fully in parentheses, such
as ``"(Déjà ajouté)"``.  Quotes (« » “ ” ’) are kept as they are.
``Instruction.raw`` keeps the original lines verbatim.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "BUNDLED_GUIDE",
    "BUNDLED_GUIDES",
    "BundledGuide",
    "Guide",
    "GuideError",
    "Instruction",
    "Stage",
    "instruction_sort_key",
    "load_guide",
    "parse_guide",
]

GUIDES_DIR: Path = Path(__file__).resolve().parent.parent / "guides"
BUNDLED_GUIDE: Path = GUIDES_DIR / "acces-rcam-eu-login.txt"


@dataclass(frozen=True)
class BundledGuide:
    """A guide the project bundles, the screens it is written for, and how its scenarios name its instructions."""

    path: Path
    screens: str  # the screen profile (mock_sites.profiles) it is written for: checked and rehearsed on it
    tag_prefix: str  # a scenario tagged ``@<prefix><id>`` covers instruction ``<id>`` (``@2026-1.5``)
    journey: str  # the marker of its dress rehearsal's scenarios (``rehearse run``)

    def tag(self, instruction_id: str) -> str:
        return f"{self.tag_prefix}{instruction_id}"


BUNDLED_GUIDES: tuple[BundledGuide, ...] = (
    # the seed guide, written before 1 July 2025: EU Login with sign-in by SMS
    BundledGuide(BUNDLED_GUIDE, screens="2020", tag_prefix="", journey="journey"),
    # the same procedure on today's screens, with the EU Login Mobile App
    BundledGuide(GUIDES_DIR / "acces-rcam-eu-login-2026.md", screens="2026", tag_prefix="2026-",
                 journey="journey-2026"),
)


def bundled_guide(screens: str | None = None, path: Path | str | None = None) -> BundledGuide | None:
    """The bundled guide written for ``screens``, or the one at ``path`` (None when there is none)."""
    for guide in BUNDLED_GUIDES:
        if path is not None and Path(path).resolve() == guide.path:
            return guide
        if path is None and guide.screens == screens:
            return guide
    return None

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


class GuideError(Exception):
    """The guide cannot be read or does not look like a guide."""


# --------------------------------------------------------------------------- model


def instruction_sort_key(id: str) -> tuple[int, int]:
    """Sort key for an instruction id: ``"1.10"`` sorts after ``"1.9"``.

    Raises ``ValueError`` for anything that is not ``"<stage>.<number>"``.
    """
    match = re.fullmatch(r"\s*(\d+)\.(\d+)\s*", str(id))
    if match is None:
        raise ValueError(f"not an instruction id (expected '<stage>.<number>', e.g. '1.3'): {id!r}")
    return int(match.group(1)), int(match.group(2))


@dataclass(frozen=True)
class Instruction:
    """One numbered instruction of a stage."""

    id: str
    stage: int
    number: int
    text: str
    raw: str
    first_line: int
    last_line: int

    @property
    def sort_key(self) -> tuple[int, int]:
        return (self.stage, self.number)


@dataclass(frozen=True)
class Stage:
    """A stage ("1ère étape", ...) and its instructions."""

    number: int
    title: str
    line: int
    context: str
    instructions: tuple[Instruction, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(instruction.id for instruction in self.instructions)


@dataclass(frozen=True)
class Guide:
    """A parsed guide."""

    path: str | None
    title: str
    context: str
    stages: tuple[Stage, ...]
    sha256: str

    @property
    def instructions(self) -> tuple[Instruction, ...]:
        """All instructions, in guide order."""
        return tuple(instruction for stage in self.stages for instruction in stage.instructions)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(instruction.id for instruction in self.instructions)

    def instruction(self, id: str) -> Instruction:
        """The instruction with this id; ``KeyError`` naming the guide and the known ids otherwise."""
        wanted = str(id).strip()
        for instruction in self.instructions:
            if instruction.id == wanted:
                return instruction
        known = ", ".join(self.ids) or "none"
        raise KeyError(f"no instruction {id!r} in guide {self.path or '<text>'} (known ids: {known})")

    def stage(self, number: int) -> Stage:
        """The stage with this number; ``KeyError`` otherwise."""
        for stage in self.stages:
            if stage.number == number:
                return stage
        known = ", ".join(str(stage.number) for stage in self.stages)
        raise KeyError(f"no stage {number!r} in guide {self.path or '<text>'} (known stages: {known})")


# --------------------------------------------------------------------------- loading


def load_guide(path: str | os.PathLike[str]) -> Guide:
    """Read and parse a guide file (Markdown when the suffix is ``.md``/``.markdown``).

    Raises ``GuideError`` when the file cannot be read, is not UTF-8 text, is
    empty, or has no recognisable stage.
    """
    location = Path(path)
    try:
        data = location.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise GuideError(f"cannot read guide {location}: {reason}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GuideError(
            f"guide {location} is not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
    markdown = location.suffix.lower() in MARKDOWN_SUFFIXES
    return _parse(text, str(location), markdown=markdown, sha256=hashlib.sha256(data).hexdigest())


def parse_guide(text: str, path: str | None = None, *, markdown: bool | None = None) -> Guide:
    """Parse guide text.

    ``path`` is only recorded (and used in error messages); when ``markdown``
    is ``None`` it also selects the Markdown parser if it ends in ``.md`` or
    ``.markdown``.  ``sha256`` is the digest of ``text`` encoded as UTF-8.
    """
    if markdown is None:
        markdown = path is not None and Path(path).suffix.lower() in MARKDOWN_SUFFIXES
    return _parse(text, path, markdown=markdown, sha256=hashlib.sha256(text.encode("utf-8")).hexdigest())


# --------------------------------------------------------------------------- lines

_ORDINAL_WORDS = {
    "première": 1,
    "premiere": 1,
    "deuxième": 2,
    "deuxieme": 2,
    "seconde": 2,
    "troisième": 3,
    "troisieme": 3,
    "quatrième": 4,
    "quatrieme": 4,
    "cinquième": 5,
    "cinquieme": 5,
    "sixième": 6,
    "sixieme": 6,
}
_STAGE_NUMBERED_RE = re.compile(r"(\d{1,2})\s*(?:ère|ere|re|er|ème|eme|è|e)\s+[ée]tape\b", re.IGNORECASE)
_STAGE_WORD_RE = re.compile(r"(" + "|".join(_ORDINAL_WORDS) + r")\s+[ée]tape\b", re.IGNORECASE)
_STAGE_AFTER_RE = re.compile(r"[ée]tape\s+(\d{1,2})\b", re.IGNORECASE)

_TEXT_ITEM_RE = re.compile(r"^\s*(\d{1,2})\.(?=\s+\S)")
_MD_ITEM_RE = re.compile(r"^\s*(\d{1,2})[.)](?=\s+\S)")
_MD_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_MD_BLOCKQUOTE_RE = re.compile(r"^\s{0,3}(?:>\s?)+")
_MD_FENCE_RE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_MD_BREAK_RE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_BULLET_RE = re.compile(r"^(\s*)[*+](?=\s)")

_CAPTION_RE = re.compile(r"^\([^()]{1,40}\)$")
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_SPACE_RE = re.compile(r"\s+")


def _stage_number(text: str) -> int | None:
    """Stage number when ``text`` (already stripped) starts with a stage label."""
    text = unicodedata.normalize("NFC", text)
    match = _STAGE_NUMBERED_RE.match(text) or _STAGE_AFTER_RE.match(text)
    if match:
        return int(match.group(1))
    match = _STAGE_WORD_RE.match(text)
    if match:
        return _ORDINAL_WORDS[match.group(1).lower()]
    return None


@dataclass
class _Line:
    """One source line: ``raw`` verbatim, ``clean`` with markup removed (Markdown)."""

    number: int
    raw: str
    clean: str
    heading: tuple[int, str] | None = None  # (stage number, title) when the line is a stage heading
    title: str | None = None  # Markdown: text of a non-stage heading
    item: int | None = None  # candidate instruction number
    item_text: str = ""  # clean text after the "N." marker

    @property
    def blank(self) -> bool:
        return not self.clean.strip()


def _split_lines(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _text_lines(lines: Sequence[str]) -> list[_Line]:
    result = []
    for index, raw in enumerate(lines, start=1):
        line = _Line(index, raw, raw)
        stripped = raw.strip()
        number = _stage_number(stripped)
        if number is not None:
            line.heading = (number, stripped)
        else:
            match = _TEXT_ITEM_RE.match(raw)
            if match:
                line.item = int(match.group(1))
                line.item_text = raw[match.end() :]
        result.append(line)
    return result


def _md_lines(lines: Sequence[str]) -> list[_Line]:
    result = []
    fence: str | None = None
    in_comment = False
    for index, raw in enumerate(lines, start=1):
        line = _Line(index, raw, "")
        result.append(line)
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
            else:
                line.clean = raw
            continue
        fence_match = _MD_FENCE_RE.match(raw)
        if fence_match:
            fence = fence_match.group(1)
            continue
        body = raw
        if in_comment or "<!--" in body:
            body, in_comment = _strip_comments(body, in_comment)
        body = _MD_BLOCKQUOTE_RE.sub("", body)
        if _MD_BREAK_RE.match(body):
            continue
        heading = _MD_HEADING_RE.match(body)
        if heading:
            title = _strip_markup(heading.group(2) or "").strip()
            number = _stage_number(title)
            if number is not None:
                line.heading = (number, title)
            else:
                line.title = title
            line.clean = title
            continue
        emphasised = re.fullmatch(r"\s*(\*\*|__|\*|_)(.+?)\1\s*:?\s*", body)
        if emphasised:
            title = _strip_markup(emphasised.group(2)).strip()
            number = _stage_number(title)
            if number is not None:
                line.heading = (number, title)
                line.clean = title
                continue
        match = _MD_ITEM_RE.match(body)
        if match:
            line.item = int(match.group(1))
            line.item_text = _strip_markup(body[match.end() :])
        body = _MD_BULLET_RE.sub(r"\1-", body)
        line.clean = _strip_markup(body)
    return result


def _strip_comments(body: str, in_comment: bool) -> tuple[str, bool]:
    kept = []
    position = 0
    while position < len(body):
        if in_comment:
            end = body.find("-->", position)
            if end < 0:
                return "".join(kept), True
            position = end + 3
            in_comment = False
        else:
            start = body.find("<!--", position)
            if start < 0:
                kept.append(body[position:])
                break
            kept.append(body[position:start])
            position = start + 4
            in_comment = True
    return "".join(kept), in_comment


_MD_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_IMAGE_RE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK_RE = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_MD_AUTOLINK_RE = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_MD_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_STAR_EM_RE = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_MD_UNDERSCORE_EM_RE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_MD_CODE_RE = re.compile(r"(`+)(.+?)\1")


def _strip_markup(text: str) -> str:
    """Remove inline Markdown markup, keeping the words and the quote characters."""
    escaped: list[str] = []

    def protect(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = _MD_ESCAPE_RE.sub(protect, text)
    text = re.sub(r"\\\s*$", "", text)  # hard line break
    text = _MD_CODE_RE.sub(lambda m: m.group(2).strip(), text)
    text = _MD_IMAGE_RE.sub("", text)
    text = _MD_LINK_RE.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_AUTOLINK_RE.sub(r"\1", text)
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
    text = _MD_TAG_RE.sub("", text)
    for _ in range(2):  # nested **_x_**
        text = _MD_STRONG_RE.sub(r"\2", text)
        text = _MD_STAR_EM_RE.sub(r"\1", text)
        text = _MD_UNDERSCORE_EM_RE.sub(r"\1", text)
    text = text.replace("**", "")
    return re.sub(r"\ue000(\d+)\ue001", lambda m: escaped[int(m.group(1))], text)


# --------------------------------------------------------------------------- normalisation


def _is_caption(lines: Sequence[str], index: int) -> bool:
    """A short stand-alone paragraph fully in parentheses, e.g. "(Déjà ajouté)"."""
    if not _CAPTION_RE.match(lines[index].strip()):
        return False
    before = index == 0 or not lines[index - 1].strip()
    after = index == len(lines) - 1 or not lines[index + 1].strip()
    return before and after


def _normalise(lines: Sequence[str], *, keep_first: bool = False) -> str:
    """Join ``lines`` into one normalised paragraph (see the module docstring)."""
    pieces: list[str] = []
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        if not (keep_first and index == 0) and _is_caption(lines, index):
            continue
        pieces.append(line)
    text = ""
    for piece in pieces:
        piece = _INVISIBLE_RE.sub("", unicodedata.normalize("NFC", piece)).strip()
        piece = piece.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2007", " ").strip()
        if not piece:
            continue
        if not text:
            text = piece
        elif text.endswith("\u00ad") and piece[0].isalpha():
            text = text[:-1] + piece
        elif len(text) >= 2 and text[-1] == "-" and text[-2].isalpha() and piece[0].islower():
            text += piece
        else:
            text += " " + piece
    text = text.replace("\u00ad", "")
    return _SPACE_RE.sub(" ", text).strip()


# --------------------------------------------------------------------------- parsing


def _select_items(block: Sequence[_Line], previous_last: int | None) -> list[tuple[_Line, int]]:
    """Pick the instruction lines of one stage among the candidates (module docstring rule)."""
    candidates = [(line, n) for line in block if (n := line.item) is not None]
    chosen: list[tuple[_Line, int]] = []
    current: int | None = None  # number of the last accepted instruction of this stage

    def acceptable(number: int) -> bool:
        if current is not None:
            return number > current
        return number == 1 or previous_last is None or number > previous_last

    for position, (line, number) in enumerate(candidates):
        if not acceptable(number):
            continue
        expected = {current + 1} if current is not None else {1, (previous_last or 0) + 1}
        if number not in expected and any(
            later < number and acceptable(later) for _, later in candidates[position + 1 :]
        ):
            continue  # a jump, but the real next instruction comes later: this one is prose
        chosen.append((line, number))
        current = number
    return chosen


def _parse(text: str, path: str | None, *, markdown: bool, sha256: str) -> Guide:
    label = path or "<text>"
    if "\x00" in text:
        raise GuideError(f"guide {label} looks binary (contains NUL bytes), not a text guide")
    if not text.strip():
        raise GuideError(f"guide {label} is empty")
    builder: Callable[[Sequence[str]], list[_Line]] = _md_lines if markdown else _text_lines
    lines = builder(_split_lines(text))

    # Stage headings: numbers must increase through the file.
    headings: list[tuple[_Line, int, str]] = []  # (line, stage number, title)
    for line in lines:
        if line.heading is None:
            continue
        if headings and line.heading[0] <= headings[-1][1]:
            line.heading = None  # a mention inside prose, e.g. a wrapped "1ère étape)"
            continue
        headings.append((line, *line.heading))
    if not headings:
        raise GuideError(
            f"guide {label}: no recognisable stage (expected a line starting with "
            "'1ère étape', '2ème étape' or 'Étape 3')"
        )

    # Title and prose before the first stage.
    preamble = lines[: headings[0][0].number - 1]
    title = ""
    title_line: _Line | None = None
    if markdown:
        title_line = next((line for line in preamble if line.title), None)
    if title_line is None:
        title_line = next((line for line in preamble if not line.blank), None)
    if title_line is not None:
        title = _normalise([title_line.title or title_line.clean], keep_first=True)
    before_stages = [line.clean for line in preamble if line is not title_line]

    stages: list[Stage] = []
    guide_context_lines = list(before_stages)
    previous_last: int | None = None
    for position, (heading, stage_number, stage_title) in enumerate(headings):
        end = headings[position + 1][0].number - 1 if position + 1 < len(headings) else len(lines)
        block = lines[heading.number : end]
        items = _select_items(block, previous_last)
        first_item = items[0][0].number if items else end + 1
        context_lines = [line.clean for line in block if line.number < first_item]
        instructions = []
        for index, (item, number) in enumerate(items):
            stop = items[index + 1][0].number - 1 if index + 1 < len(items) else end
            span = lines[item.number - 1 : stop]
            body = [item.item_text] + [line.clean for line in span[1:]]
            last = max((line.number for line in span if not line.blank), default=item.number)
            instructions.append(
                Instruction(
                    id=f"{stage_number}.{number}",
                    stage=stage_number,
                    number=number,
                    text=_normalise(body, keep_first=True),
                    raw="\n".join(line.raw for line in lines[item.number - 1 : last]),
                    first_line=item.number,
                    last_line=last,
                )
            )
        if items:
            previous_last = items[-1][1]
        if position == 0:
            guide_context_lines += [""] + context_lines
        stages.append(
            Stage(
                number=stage_number,
                title=_SPACE_RE.sub(" ", stage_title).strip(),
                line=heading.number,
                context=_normalise(context_lines),
                instructions=tuple(instructions),
            )
        )

    guide = Guide(
        path=path,
        title=title,
        context=_normalise(guide_context_lines),
        stages=tuple(stages),
        sha256=sha256,
    )
    if not guide.instructions:
        raise GuideError(f"guide {label}: stages found but no numbered instruction ('1. ...')")
    return guide
