"""What an instruction of the guide says that a screen can confirm or contradict: its *claims*.

``extract_claims(instruction)`` reads ``Instruction.text`` (already normalised by the guide model: one line,
single spaces, no NBSP, hyphenation re-joined) and gives the claims in the order they are written, each with
the 1-based line of the guide file where it appears (found in ``Instruction.raw``).

Kinds
-----
``url``              an address to open ("lancez https://…"); ``value`` without trailing punctuation.
``label``            a label of a screen, an e-mail or an SMS: quoted in any style the guide uses (« », “ ”,
                     ” ”, " " and mixed pairs such as “challenge »), or unquoted after "Clic sur" ("Clic sur
                     Soumettre dans la zone bleue" → Soumettre). ``clickable`` when the guide clicks it
                     ("Clic sur", "Clic ensuite sur", "et ensuite sur", "choisir"); ``in_list`` when it is
                     chosen in a list (an option); ``alternatives``: other labels joined by "ou" — the claim
                     holds if one of them holds. ``value`` is ``normalise_label(name)``.
``term``             a word the guide introduces as a name ("appelé « token »", "(appelé challenge)").
``gesture``          a click on something without text: "la roue dentée" (``value`` "gear"), "la flèche à
                     droite de …" (``value`` "arrow", ``target`` the label it belongs to, if quoted).
``code_format``      "2 x 4 caractères", "4x3 caractères" → ``(groups, size)``.
``password_rule``    "au moins 10 caractères" → ``{"min_length": 10}``; "3 des 4 groupes" →
                     ``{"min_groups": 3, "group_count": 4}``.
``example_password`` "Exemple: 23-11Ukraine" → ``"23-11Ukraine"``.
``phone_rule``       "en commençant par le code pays" → ``{"country_code_required": True}``; "sans parenthèses,
                     points, tirets" → ``{"parentheses_refused": True, "dots_refused": True, "dashes_refused":
                     True}``.
``case_insensitive`` "sans distinction en majuscules ou minuscules" → ``True``.
``note``             the guide's own correction of a screen: the final code "non plus par courrier postal"
                     → ``"final_code_not_by_post"`` (a known discrepancy).
``prose``            a sentence with words no screen can confirm ("indiquez votre adresse électronique"),
                     one claim per such sentence, kept as unchecked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from os import PathLike
from typing import Any

from rehearse.check.phrases import (  # every French pattern lives in phrases.py
    ALTERNATIVE_BETWEEN_RE,
    APOSTROPHES,
    ARTICLE_RE,
    CASE_RE,
    CHOOSE_END_RE,
    CLICK_ANYWHERE_RE,
    CLICK_END_RE,
    CLICK_RE,
    CODE_FORMAT_RE,
    CONTROL_RE,
    COUNTRY_CODE_RE,
    DASHES,
    EXAMPLE_BEFORE_RE,
    EXAMPLE_PHONE_RE,
    EXAMPLE_RE,
    GESTURE_END_RE,
    GESTURE_NOUNS,
    GROUPS_RE,
    JOINED_END_RE,
    LIST_RE,
    MIN_LENGTH_RE,
    NOTE_POST_RE,
    OF_END_RE,
    OPENING_QUOTES,
    PASSWORD_CONTEXT_RE,
    PHONE_CONTEXT_RE,
    PROSE_STOP,
    QUOTE_RE,
    SENTENCE_BREAK_RE,
    SENTENCE_END_RE,
    SEPARATOR_WORDS,
    SEPARATORS_RE,
    STOP_WORDS,
    TERM_BEFORE_RE,
    TERM_UNQUOTED_RE,
    URL_RE,
    URL_TRAILING,
    WORD_RE,
)
from rehearse.guide import Guide, GuideError, Instruction, load_guide

__all__ = [
    "CHECKABLE_KINDS",
    "KINDS",
    "Claim",
    "example_passwords",
    "example_phones",
    "extract_claims",
    "extract_text_claims",
    "guide_urls",
    "normalise_label",
    "normalise_url",
]

KINDS = (
    "url",
    "label",
    "term",
    "gesture",
    "code_format",
    "password_rule",
    "example_password",
    "phone_rule",
    "example_phone",
    "case_insensitive",
    "note",
    "prose",
)
CHECKABLE_KINDS = frozenset(KINDS) - {"term", "prose"}  # gestures are checked when they can be

@dataclass(frozen=True)
class Claim:
    """One thing an instruction says about the screens."""

    kind: str
    text: str  # as written (whitespace normalised), e.g. "« Créer un compte »", "2 x 4 caractères"
    value: Any  # normalised: see the module docstring
    line: int  # 1-based line of the guide file
    clickable: bool = False
    alternatives: tuple[str, ...] = ()  # other labels joined by "ou", as written, without quotes
    name: str = ""  # label / term / gesture: the words as written, without quotes
    in_list: bool = False  # a label chosen in a list (an option of a combobox or listbox)
    target: str = ""  # gesture "arrow": the label the arrow belongs to, as written
    start: int = field(default=-1, compare=False)  # offset in Instruction.text

    @property
    def labels(self) -> tuple[str, ...]:
        """A label claim's label and its alternatives, as written."""
        return (self.name, *self.alternatives) if self.kind == "label" else ()


# --------------------------------------------------------------------------- normalisation


def normalise_label(text: str) -> str:
    """A label as compared with the screens: apostrophes, dashes, spaces (NBSP, newlines) and case folded."""
    text = unicodedata.normalize("NFC", text)
    for char in APOSTROPHES:
        text = text.replace(char, "'")
    for char in DASHES:
        text = text.replace(char, "-")
    text = re.sub(r"[\s\u00a0\u202f\u2007\u200b]+", " ", text).strip()
    text = text.rstrip(" .:;,")
    return text.casefold()


def normalise_url(url: str) -> str:
    """A URL as compared with the rehearsal's: no trailing punctuation or slash, lower-case scheme and host."""
    url = url.strip().rstrip(URL_TRAILING)
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#]*)(.*)$", url)
    if match:
        url = match.group(1).lower() + match.group(2).lower() + match.group(3)
    return url.rstrip("/")


# --------------------------------------------------------------------------- extraction


@dataclass
class _Found:
    start: int
    end: int
    claim: Claim
    anchors: tuple[str, ...]  # strings to look for in the raw lines, best first


def extract_claims(instruction: Instruction) -> list[Claim]:
    """The claims of one instruction, in the order they are written, with their line in the guide file."""
    return extract_text_claims(instruction.text, raw=instruction.raw, first_line=instruction.first_line)


def extract_text_claims(text: str, raw: str | None = None, first_line: int = 1) -> list[Claim]:
    """The claims of a normalised text (an instruction's, or a stage's context such as the NB).

    ``raw`` (the verbatim lines, starting at ``first_line``) is only used to find each claim's line. Read once per
    text: a check reads the same instructions for the follow's signatures, the probes and every guide's findings.
    """
    return list(_text_claims(text, raw, first_line))


@lru_cache(maxsize=4096)
def _text_claims(text: str, raw: str | None, first_line: int) -> tuple[Claim, ...]:
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken)

    def add(start: int, end: int, claim: Claim, *anchors: str) -> None:
        found.append(_Found(start, end, replace(claim, start=start), anchors or (claim.text,)))
        taken.append((start, end))

    password_context = bool(PASSWORD_CONTEXT_RE.search(text))
    phone_context = bool(PHONE_CONTEXT_RE.search(text))

    # URLs first: nothing inside an address is anything else.
    for match in URL_RE.finditer(text):
        url = match.group(0).rstrip(URL_TRAILING)
        add(match.start(), match.start() + len(url), Claim("url", url, url, first_line), url)

    # Quoted words: labels, terms, quoted example passwords; "ou" alternatives join the previous label.
    previous: _Found | None = None
    for match in QUOTE_RE.finditer(text):
        start, end = match.span()
        if not free(start, end):
            continue
        inner = match.group(2).strip()
        if not inner:
            continue
        before = text[:start]
        if (
            previous is not None
            and previous.claim.kind in ("label", "term")
            and ALTERNATIVE_BETWEEN_RE.match(text[previous.end : start])
        ):
            old = previous.claim
            previous.claim = replace(
                old,
                alternatives=(*old.alternatives, inner),
                text=f"{old.text} ou {match.group(0)}",
            )
            previous.end = end
            taken.append((start, end))
            continue
        if TERM_BEFORE_RE.search(before):
            claim = Claim("term", match.group(0), normalise_label(inner), first_line, name=inner)
        elif password_context and EXAMPLE_BEFORE_RE.search(before):
            claim = Claim("example_password", inner, inner, first_line)
        else:
            clause = _clause(text, start, taken)
            clickable = bool(CLICK_END_RE.search(clause)) or (
                bool(CLICK_ANYWHERE_RE.search(clause)) and bool(JOINED_END_RE.search(clause))
            )
            if OF_END_RE.search(clause):
                clickable = False  # "Clic sur la flèche à droite de “…”": the arrow is clicked, not the label
            in_list = clickable and (
                bool(CHOOSE_END_RE.search(clause)) or bool(LIST_RE.search(text[max(0, start - 60) : start]))
            )
            claim = Claim(
                "label", match.group(0), normalise_label(inner), first_line,
                clickable=clickable, name=inner, in_list=in_list,
            )
        add(start, end, claim, match.group(0), inner)
        previous = found[-1]

    # "Clic sur …" without quotes: a label (a capitalised word or words) or a gesture (gear, arrow, …).
    for match in CLICK_RE.finditer(text):
        after = match.end()
        if after >= len(text) or text[after] in OPENING_QUOTES or not free(after, after + 1):
            continue
        if CONTROL_RE.match(text, after):
            continue  # "Clic sur le bouton « Suivant »": the quoted label is the claim
        article = ARTICLE_RE.match(text, after)
        if article:
            _gesture(text, match.start(), article.end(), add, first_line)
            continue
        words = _label_words(text, after)
        if words:
            end = after + len(words)
            if free(after, end):
                claim = Claim("label", words, normalise_label(words), first_line, clickable=True, name=words)
                add(after, end, claim, text[match.start() : end], words)

    # Names without quotes: "(appelé challenge)".
    for match in TERM_UNQUOTED_RE.finditer(text):
        start, end = match.span(1)
        if free(start, end):
            word = match.group(1)
            add(start, end, Claim("term", word, normalise_label(word), first_line, name=word),
                match.group(0), word)

    for match in CODE_FORMAT_RE.finditer(text):
        if free(*match.span()):
            value = (int(match.group(1)), int(match.group(2)))
            add(*match.span(), Claim("code_format", match.group(0), value, first_line))

    if password_context:
        for match in MIN_LENGTH_RE.finditer(text):
            if free(*match.span()):
                number = int(next(group for group in match.groups() if group))
                add(*match.span(), Claim("password_rule", match.group(0), {"min_length": number}, first_line))
        for match in GROUPS_RE.finditer(text):
            if free(*match.span()):
                groups = [int(group) for group in match.groups() if group]
                value = {"min_groups": groups[0], "group_count": groups[1]}
                add(*match.span(), Claim("password_rule", match.group(0), value, first_line))
        for match in EXAMPLE_RE.finditer(text):
            password = match.group(1).rstrip(".,;")
            start = match.start(1)
            if password and free(start, start + len(password)) and not password.startswith("+"):
                add(match.start(), start + len(password),
                    Claim("example_password", f"{text[match.start():start]}{password}", password, first_line),
                    password)

    if phone_context:
        for match in COUNTRY_CODE_RE.finditer(text):
            if free(*match.span()):
                add(*match.span(), Claim("phone_rule", match.group(0), {"country_code_required": True}, first_line))
        for match in SEPARATORS_RE.finditer(text):
            if not free(*match.span()):
                continue
            listed = match.group(1).casefold().replace("’", "'")
            value = {rule: True for word, rule in SEPARATOR_WORDS.items() if re.search(
                r"\b" + re.escape(word.replace("’", "'")) + r"\b", listed)}
            written = match.group(0).rstrip(" ,")
            add(match.start(), match.start() + len(written), Claim("phone_rule", written, value, first_line))
        for match in EXAMPLE_PHONE_RE.finditer(text):
            if free(*match.span(1)):
                prefixes = tuple(part.strip() for part in match.group(1).split(","))
                add(*match.span(), Claim("example_phone", match.group(0), prefixes, first_line))

    for match in CASE_RE.finditer(text):
        if free(*match.span()):
            add(*match.span(), Claim("case_insensitive", match.group(0), True, first_line))

    for match in NOTE_POST_RE.finditer(text):
        if free(*match.span()):
            written = match.group(0).rstrip(" .,")
            add(match.start(), match.start() + len(written),
                Claim("note", written, "final_code_not_by_post", first_line))

    # Prose: every sentence that still says something once the claims above are taken out of it.
    for start, end in _sentences(text):
        residue = list(text[start:end])
        for a, b in taken:
            for index in range(max(a, start), min(b, end)):
                residue[index - start] = " "
        words = [w for w in WORD_RE.findall("".join(residue)) if w.casefold().strip("'’") not in PROSE_STOP
                 and len(w) > 2]
        if len(words) >= 3:
            sentence = text[start:end].strip()
            add(start, end, Claim("prose", sentence, sentence, first_line), sentence)

    found.sort(key=lambda item: (item.start, item.claim.kind != "prose"))
    if not found and text.strip():
        found.append(_Found(0, len(text), Claim("prose", text.strip(), text.strip(), first_line), (text.strip(),)))
    locator = _RawLocator(raw, first_line) if raw is not None else None
    claims = []
    for item in found:
        line = locator.line(item.anchors) if locator else first_line
        claims.append(replace(item.claim, line=line))
    return tuple(claims)


def _clause(text: str, start: int, taken: list[tuple[int, int]]) -> str:
    """The words just before ``start``: back to the previous sentence end or the previous claim."""
    boundary = 0
    for match in SENTENCE_END_RE.finditer(text, 0, start):
        boundary = match.end()
    for a, b in taken:
        if b <= start and b > boundary and text[a] in OPENING_QUOTES:
            boundary = b
    return text[boundary:start]


def _label_words(text: str, position: int) -> str:
    """Unquoted label after "Clic sur": capitalised words up to a small word or punctuation (at most 6)."""
    words = []
    for match in re.finditer(r"\S+", text[position:]):
        word = match.group(0)
        core = word.rstrip(".,;:!?)")
        if not core or core.casefold() in STOP_WORDS or core in ("+", "-", "–") or core[0] in OPENING_QUOTES:
            break
        if not words and not (core[0].isupper() or core[0].isdigit()):
            return ""
        words.append(core)
        if core != word or len(words) == 6:
            break
    if not words:
        return ""
    # The span as written (keeps the original spacing between the words).
    end = position
    for word in words:
        end = text.index(word, end) + len(word)
    return text[position:end]


def _gesture(text: str, click_start: int, noun_start: int, add, first_line: int) -> None:
    """"Clic sur la roue dentée …" / "Clic sur la flèche à droite de “…”": a click on something without text."""
    match = GESTURE_END_RE.search(text, noun_start)
    end = match.start() if match else len(text)
    phrase = text[noun_start:end].strip()
    if not phrase:
        return
    folded = phrase.casefold()
    value = next((kind for kind, nouns in GESTURE_NOUNS if any(noun in folded for noun in nouns)), None)
    if value is None:
        value = normalise_label(phrase)
    target = ""
    rest = text[end:]
    quoted = QUOTE_RE.match(rest.lstrip())
    if value == "arrow" and quoted and OF_END_RE.search(phrase + " "):
        target = quoted.group(2).strip()
    written = text[click_start:end].strip()
    add(click_start, end, Claim("gesture", written, value, first_line, name=phrase, target=target), written, phrase)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for match in SENTENCE_BREAK_RE.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


class _RawLocator:
    """Finds where a piece of normalised text sits in the verbatim lines (quotes broken across lines, NBSP,
    Markdown markup)."""

    def __init__(self, raw: str, first_line: int) -> None:
        chars: list[str] = []
        lines: list[int] = []
        line = first_line
        pending_space = False
        for char in unicodedata.normalize("NFC", raw):
            if char == "\n":
                line += 1
                pending_space = True
                continue
            if char in "*`<>\u00ad\u200b\u200c\u200d\u2060\ufeff":
                continue
            if char.isspace():
                pending_space = True
                continue
            if pending_space and chars:
                chars.append(" ")
                lines.append(line)
            pending_space = False
            chars.append(char)
            lines.append(line)
        self.text = "".join(chars)
        self.folded = self.text.casefold()
        self.lines = lines
        self.first_line = first_line

    def find(self, needle: str) -> int | None:
        needle = re.sub(r"\s+", " ", needle.replace("*", "").replace("`", "")).strip()
        if not needle:
            return None
        position = self.text.find(needle)
        if position < 0:
            position = self.folded.find(needle.casefold())
        return self.lines[position] if position >= 0 else None

    def line(self, anchors: Iterable[str]) -> int:
        anchors = [anchor for anchor in anchors if anchor and anchor.strip()]
        for anchor in anchors:
            found = self.find(anchor)
            if found is not None:
                return found
        for anchor in anchors:  # hyphenation or markup inside: the first words are enough
            words = anchor.split()
            for count in (4, 2, 1):
                if len(words) > count:
                    found = self.find(" ".join(words[:count]))
                    if found is not None:
                        return found
        return self.first_line


# --------------------------------------------------------------------------- across guides


def _guides(guides: Iterable[Guide | str | PathLike[str]]) -> list[Guide]:
    loaded = []
    for guide in guides:
        if isinstance(guide, Guide):
            loaded.append(guide)
            continue
        try:
            loaded.append(load_guide(guide))
        except GuideError:
            continue  # an unusable guide is reported by the checker, not here
    return loaded


def example_passwords(guides: Iterable[Guide | str | PathLike[str]]) -> set[str]:
    """Every example password the guides give: the rehearsal tries each on the password screen."""
    return {
        claim.value
        for guide in _guides(guides)
        for instruction in guide.instructions
        for claim in extract_claims(instruction)
        if claim.kind == "example_password"
    }


def example_phones(guides: Iterable[Guide | str | PathLike[str]]) -> set[str]:
    """Every example country code the guides give ("par exemple +32, +33"): the rehearsal tries a number with each
    on the add-number screen."""
    return {
        prefix
        for guide in _guides(guides)
        for instruction in guide.instructions
        for claim in extract_claims(instruction)
        if claim.kind == "example_phone"
        for prefix in claim.value
    }


def guide_urls(guides: Iterable[Guide | str | PathLike[str]]) -> set[str]:
    """Every URL the guides tell the reader to open (without trailing punctuation): the rehearsal may open
    each and record the screen it leads to in ``Rehearsal.urls``."""
    return {
        claim.value
        for guide in _guides(guides)
        for instruction in guide.instructions
        for claim in extract_claims(instruction)
        if claim.kind == "url"
    }
