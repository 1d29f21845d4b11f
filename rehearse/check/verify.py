"""Check the claims of a guide revision against one rehearsal of the screens: findings, instruction by instruction.

``check_guide(guide, rehearsal)`` maps each instruction of the revision to an instruction of the bundled guide
(by id when the ids line up, else by order and content), extracts its claims (``claims.py``) and checks each
on the screens and messages that the bundled instruction concerns (``Rehearsal.by_instruction``). Every
finding says how its instruction was mapped. ``check_guides`` does the same for several guides, sharing the
bundled guide and the rehearsal.

What the rehearsal must capture
-------------------------------
The checker reads only the ``Rehearsal`` (``capture.py``), never the project's label constants. Keys are the
capture keys of ``rehearsal.py`` (``site:<label key of the h1>``, ``email:…``, ``sms:…``; a capture seen again
may be suffixed ``@<instruction>``): the checker never parses them, it only follows ``by_instruction``.

``by_instruction[id]`` — for every id of the *bundled* guide ("1.1" … "2.18", "3.1" … "3.4"): the keys (in
``screens`` or ``messages``) of everything the instruction concerns: ``AFTER_INSTRUCTION[id].concerns`` (the
screen it starts on — for 1.1 ``eulogin:whoami_title``, for 2.13 and 3.1 ``rcam:rcam_welcome_title`` where
its URL leads —, the screens it passes through, the e-mails and SMS it reads: 1.3 ``email:registration``,
1.9 ``sms:phone_challenge``, 2.16 ``sms:sign_in_challenge``, 3.4 ``email:final_code``) and
``AFTER_INSTRUCTION[id].key`` (where it leads). An id missing there makes its claims "unchecked". A label
is looked for on all of them; one found only on other instructions' captures is reported with their ids
(the inverse of ``by_instruction``).

``screens[key]`` — ``heading`` and ``elements`` (role + accessible name, as the accessibility tree gives them),
including buttons, links, headings, comboboxes (a ``<select>`` named by its label: "Méthode
d’authentification") with their **options** ("Téléphone portable + SMS"), and the gear menu open (button
"Paramètres", links "Mon compte", "Déconnexion": ``eulogin:gear_menu``); ``box`` of an element is carried to
``Finding.element`` for the illustrated guide. ``text``: the note of 2.18 looks for "courrier postal" in the
text of the instruction's screens (``rcam:rcam_registered_title``). ``data``: ``"password_policy"`` (used when
``facts`` lacks it) and ``"code_format"`` ``[groups, size]`` (idem).

``messages[key]`` — ``text`` and ``links`` (anchor, url): « ce lien » / « this link » is a link anchor of
``email:registration``. A non-clicked label may also be found in a message's subject or text.

``urls`` — URL as typed → key of the screen it led to (``None`` or an unknown key: it led nowhere). At least
``https://webgate.ec.europa.eu/cas`` and ``https://webgate.ec.europa.eu/RCAM/``; a URL of a revision that the
rehearsal did not open is a mismatch ("not a URL of the rehearsed sites"). ``guide_urls(guides)`` lists them
all, should the rehearsal want to open each.

``facts`` —

* ``"code_formats"``: ``{key: [groups, size]}`` (or ``[groups, [sizes]]``) of the codes actually sent, by
  message key (``sms:phone_challenge`` [2, 4], ``sms:sign_in_challenge`` [3, 3], ``email:final_code`` [4, 3])
  and/or by screen key (the code boxes). A claim holds when one of its instruction's keys has that format.
* ``"case_insensitive"``: ``{key: bool}`` — True when the code of that message was accepted typed in lower case.
* ``"password_policy"``: ``{"min_length": 10, "min_groups": 3, "group_count": 4}`` as read off the password
  screen.
* ``"passwords"``: ``{password: bool}`` — True when the password screen accepted it: try every password of
  ``example_passwords(guides)``; ``"password_refusals"`` (or ``"password_errors"``): ``{password: message}``.
* ``"phone_rules"``: ``{rule: bool}`` — True when the add-phone screen refused a number breaking the rule;
  rules ``country_code`` (``0470123456``), ``parentheses``, ``dots``, ``dashes`` (also accepted with the
  claims' names ``country_code_required``, ``parentheses_refused``, …; ``PHONE_PROBES`` gives examples).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

from rehearse.check import phrases
from rehearse.check.capture import Element, MessageCapture, Rehearsal, ScreenCapture
from rehearse.check.claims import (
    KINDS,
    Claim,
    _RawLocator,
    example_passwords,
    example_phones,
    extract_claims,
    guide_urls,
    normalise_label,
    normalise_url,
)
from rehearse.check.rehearsal import PHONE_PROBES
from rehearse.guide import BUNDLED_GUIDE, Guide, GuideError, Instruction, load_guide

__all__ = [
    "PHONE_PROBES",
    "VERDICTS",
    "Finding",
    "GuideResult",
    "Mapping",
    "check_guide",
    "check_guides",
    "verdict_counts",
    "example_passwords",
    "example_phones",
    "guide_urls",
    "map_instructions",
    "stuck_on_withdrawn",
]

VERDICTS = ("ok", "mismatch", "stuck", "gap", "unchecked", "note")
FAILING = frozenset({"mismatch", "stuck"})  # a gap fails only with --strict

# The same rules under the names the rehearsal may use.
PHONE_RULE_ALIASES = {
    "country_code_required": "country_code",
    "parentheses_refused": "parentheses",
    "dots_refused": "dots",
    "dashes_refused": "dashes",
    "spaces_refused": "spaces",
}
PHONE_RULE_WORDS = {
    "country_code_required": "a number without the country code",
    "parentheses_refused": "a number with parentheses",
    "dots_refused": "a number with dots",
    "dashes_refused": "a number with dashes",
    "spaces_refused": "a number with spaces",
}

CLICKABLE_ROLES = frozenset({"button", "link"})
LIST_ROLES = frozenset({"option", "menuitem", "menuitemradio", "listitem"})
GEAR_NAMES = ("paramètres", "settings", "roue dentée", "menu", "réglages", "gear")
POST_RE = re.compile(r"(?:par\s+)?courrier\s+postal|par\s+la\s+poste|par\s+courrier|by\s+post", re.IGNORECASE)

MIN_SIMILARITY = 0.5  # two instructions with less in common are different instructions
MIN_SIMILARITY_SAME_ID = 0.3  # ... unless they have the same id
SAME_ID_BONUS = 0.2


@dataclass
class Finding:
    """One claim of one instruction, and what the screens said about it."""

    instruction: str  # id in the checked guide
    line: int  # 1-based line in the checked guide's file
    claim: str  # the claim as written
    kind: str
    verdict: str  # "ok", "mismatch", "unchecked", "note"
    detail: str  # the evidence, and how the instruction was mapped
    bundled: str | None = None  # id of the bundled instruction it was checked as
    screen: str | None = None  # key of the screen (or message) where the claim was found or checked
    element: Element | None = None  # the element it names, on that screen (its box, for highlighting)
    looking_for: str = ""  # stuck: what the reader was looking for
    offered: tuple[str, ...] = ()  # stuck: what the screen offered instead (the closest labels)
    screenshot: str | None = None  # stuck: the screen where the reader got stuck (relative to the report folder)
    start: int = field(default=-1, compare=False, repr=False)  # offset of the claim in the instruction's text


@dataclass
class Mapping:
    """How one instruction of a revision corresponds to the bundled guide."""

    instruction: str
    bundled: str | None
    how: str  # "id", "content" or "none"
    similarity: float

    def describe(self) -> str:
        if self.bundled is None:
            return "no matching instruction in the bundled guide: unchecked"
        if self.how == "id":
            if self.similarity < MIN_SIMILARITY:
                return f"mapped by id (text differs from bundled {self.bundled}: similarity {self.similarity:.2f})"
            return "mapped by id"
        return f"mapped by content to bundled {self.bundled} (similarity {self.similarity:.2f})"


@dataclass
class GuideResult:
    path: str
    ok: bool
    findings: list[Finding] = field(default_factory=list)
    mapping: list[str] = field(default_factory=list)  # notes: how ids were mapped, bundled instructions left out
    error: str | None = None  # the guide is unusable (unreadable, no stages)
    mapped: dict[str, str | None] = field(default_factory=dict)  # revision id -> bundled id
    guide: Guide | None = None
    strict: bool = False  # gaps fail the guide too
    # the captures of the bundled guide its ids were mapped to (``mapped``): the seed guide's or, on screens written
    # for another, that one's
    by_instruction: dict[str, list[str]] | None = field(default=None, repr=False)

    @property
    def counts(self) -> dict[str, int]:
        return verdict_counts(self.findings)


def verdict_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """How many findings of each verdict, every verdict present (0 if none): the one count that the text summary,
    the JSON, JUnit and the illustrated guide show."""
    counts = dict.fromkeys(VERDICTS, 0)
    for finding in findings:
        counts[finding.verdict] += 1
    return counts


# --------------------------------------------------------------------------- mapping


def _comparable(text: str) -> str:
    text = normalise_label(text)
    return re.sub(r"[«»“”\"]", '"', text)


def _similarity(a: list[str], b: list[str]) -> float:
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def map_instructions(revision: Guide, bundled: Guide) -> list[Mapping]:
    """Map each instruction of ``revision`` to one of ``bundled`` (or to none), keeping the order.

    Same ids and similar texts: by id. Otherwise a monotone alignment maximising the texts' similarity
    (``difflib.SequenceMatcher`` over the words of the normalised texts), with a bonus for the same id, so that
    an inserted or removed instruction (and the renumbering after it) does not shift every later instruction.
    """
    ours = revision.instructions
    theirs = bundled.instructions
    left = [_comparable(i.text).split() for i in ours]
    right = [_comparable(i.text).split() for i in theirs]
    if [i.id for i in ours] == [i.id for i in theirs]:
        same = [_similarity(a, b) for a, b in zip(left, right, strict=True)]
        if all(value >= MIN_SIMILARITY for value in same):
            return [Mapping(a.id, a.id, "id", value) for a, value in zip(ours, same, strict=True)]
    n, m = len(ours), len(theirs)
    similarity = [[0.0] * m for _ in range(n)]
    for i in range(n):
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(left[i])
        for j in range(m):
            matcher.set_seq1(right[j])
            if matcher.real_quick_ratio() < MIN_SIMILARITY_SAME_ID or matcher.quick_ratio() < MIN_SIMILARITY_SAME_ID:
                continue
            similarity[i][j] = matcher.ratio()

    def score(i: int, j: int) -> float | None:
        same = ours[i].id == theirs[j].id
        value = similarity[i][j]
        if value >= MIN_SIMILARITY or (same and value >= MIN_SIMILARITY_SAME_ID):
            return value + (SAME_ID_BONUS if same else 0.0)
        return None

    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            options = [best[i + 1][j], best[i][j + 1]]
            pair = score(i, j)
            if pair is not None:
                options.append(pair + best[i + 1][j + 1])
            best[i][j] = max(options)
    partner: dict[int, int] = {}
    i = j = 0
    while i < n and j < m:
        pair = score(i, j)
        if pair is not None and abs(best[i][j] - (pair + best[i + 1][j + 1])) < 1e-9:
            partner[i] = j
            i += 1
            j += 1
        elif abs(best[i][j] - best[i + 1][j]) < 1e-9:
            i += 1
        else:
            j += 1
    mappings = []
    for index, instruction in enumerate(ours):
        if index in partner:
            other = theirs[partner[index]]
            how = "id" if other.id == instruction.id else "content"
            mappings.append(Mapping(instruction.id, other.id, how, similarity[index][partner[index]]))
        else:
            mappings.append(Mapping(instruction.id, None, "none", 0.0))
    return mappings


# --------------------------------------------------------------------------- rehearsal views


class _Screens:
    """The rehearsal seen from the checker: keys per bundled instruction, and labels per key."""

    def __init__(self, rehearsal: Rehearsal, bundled: Guide, by_instruction: dict[str, list[str]]) -> None:
        self.rehearsal = rehearsal
        self.by_instruction = by_instruction
        self.order = {id: index for index, id in enumerate(bundled.ids)}
        self.owners: dict[str, list[str]] = {}
        for id, keys in by_instruction.items():
            for key in keys:
                self.owners.setdefault(key, []).append(id)
        for ids in self.owners.values():
            ids.sort(key=lambda id: self.order.get(id, len(self.order)))
        self.urls = {normalise_url(url): key for url, key in rehearsal.urls.items()}

    def keys(self, bundled_id: str) -> list[str]:
        return [
            key for key in self.by_instruction.get(bundled_id, [])
            if key in self.rehearsal.screens or key in self.rehearsal.messages
        ]

    def all_keys(self) -> list[str]:
        return [*self.rehearsal.screens, *self.rehearsal.messages]

    def where(self, key: str) -> str:
        ids = self.owners.get(key, [])
        if not ids:
            return key
        return f"{key} (instruction{'s' if len(ids) > 1 else ''} {', '.join(ids)})"

    def elements(self, key: str) -> list[Element]:
        """Named things of a screen or message: elements and heading; link anchors of a message."""
        screen = self.rehearsal.screens.get(key)
        if screen is not None:
            elements = [element for element in screen.elements if element.name and element.name.strip()]
            if screen.heading and not any(e.role == "heading" and e.name == screen.heading for e in elements):
                elements.append(Element("heading", screen.heading))
            return elements
        message = self.rehearsal.messages.get(key)
        if message is not None:
            return [Element("link", anchor) for anchor, _url in message.links if anchor]
        return []

    def message(self, key: str) -> MessageCapture | None:
        return self.rehearsal.messages.get(key)

    def screen(self, key: str) -> ScreenCapture | None:
        return self.rehearsal.screens.get(key)


def _quote(label: str) -> str:
    return f"« {' '.join(label.split())} »"


def _a(role: str) -> str:
    return ("an " if role[:1] in "aeiou" else "a ") + role


def _roles(claim: Claim) -> frozenset[str] | None:
    """Roles a label may have on its screen; ``None``: any."""
    if not claim.clickable:
        return None
    return CLICKABLE_ROLES | LIST_ROLES if claim.in_list else CLICKABLE_ROLES


def _role_phrase(roles: frozenset[str] | None) -> str:
    if roles is None:
        return "a label"
    return "a button or link" + (" or a list option" if roles & LIST_ROLES else "")


def _in_text(label: str, text: str) -> bool:
    folded = normalise_label(text)
    return re.search(r"(?<!\w)" + re.escape(label) + r"(?!\w)", folded) is not None


# --------------------------------------------------------------------------- checks


class _Checker:
    def __init__(self, rehearsal: Rehearsal, bundled: Guide,
                 by_instruction: dict[str, list[str]] | None = None) -> None:
        self.rehearsal = rehearsal
        self.by_instruction = rehearsal.by_instruction if by_instruction is None else by_instruction
        self.view = _Screens(rehearsal, bundled, self.by_instruction)
        self.facts = rehearsal.facts or {}

    # Each check returns (verdict, detail, screen key, element).
    def check(self, claim: Claim, bundled_id: str) -> tuple[str, str, str | None, Element | None]:
        method = getattr(self, CLAIM_CHECKS[claim.kind])
        keys = self.view.keys(bundled_id)
        if not keys and claim.kind not in ("term", "prose", "example_password", "password_rule", "phone_rule"):
            return "unchecked", f"the rehearsal captured no screen for bundled instruction {bundled_id}", None, None
        return method(claim, bundled_id, keys)

    # --- labels
    def _find(self, claim: Claim, keys: Sequence[str]) -> tuple[str, Element] | None:
        roles = _roles(claim)
        wanted = {normalise_label(label) for label in claim.labels}
        for key in keys:
            for element in self.view.elements(key):
                if normalise_label(element.name) in wanted and (roles is None or element.role in roles):
                    return key, element
            message = self.view.message(key)
            if message is not None and roles is None:
                for label in wanted:
                    if _in_text(label, f"{message.subject}\n{message.text}"):
                        return key, Element("text", label)
        return None

    def _label(self, claim: Claim, bundled_id: str, keys: list[str]):
        written = _quote(claim.name)
        roles = _roles(claim)
        hit = self._find(claim, keys)
        if hit is not None:
            key, element = hit
            shown = _quote(element.name)
            alias = "" if normalise_label(element.name) == claim.value else f" ({shown} is the guide's alternative)"
            return "ok", f"{shown} is {_a(element.role)} on {key}{alias}", key, element
        here = ", ".join(keys)
        # On this instruction's screens, but not as something one clicks.
        loose = Claim("label", claim.text, claim.value, claim.line, name=claim.name, alternatives=claim.alternatives)
        if roles is not None:
            wrong = self._find(loose, keys)
            if wrong is not None:
                key, element = wrong
                return ("mismatch", f"{written} is on {key} as {_a(element.role)}, not as {_role_phrase(roles)}",
                        key, element)
        others = [key for key in self.view.all_keys() if key not in keys]
        elsewhere = []
        for key in others:
            hit = self._find(loose, [key])
            if hit is not None:
                elsewhere.append(hit)
        if elsewhere:
            places = ", ".join(self.view.where(key) for key, _ in elsewhere[:4])
            key, element = elsewhere[0]
            return "mismatch", f"{written} is on {places}, not on this instruction's screens ({here})", key, element
        suggestion = self._closest(claim, keys)
        return "mismatch", f"{written} is on none of the screens; {suggestion}", (keys[0] if keys else None), None

    def _closest(self, claim: Claim, keys: Sequence[str]) -> str:
        roles = _roles(claim)
        names: dict[str, str] = {}
        for key in keys:
            for element in self.view.elements(key):
                short = len(element.name.strip()) < 3 <= len(claim.value)  # "FR", "EN": language links
                if (roles is None or element.role in roles) and not short:
                    names.setdefault(normalise_label(element.name), element.name)
        if not names:
            return f"this instruction's screens ({', '.join(keys)}) name nothing of the kind"
        scored = sorted(((difflib.SequenceMatcher(None, claim.value, name).ratio(), name) for name in names),
                        key=lambda pair: -pair[0])
        best = scored[0][0]
        close = [name for ratio, name in scored[:3] if ratio >= max(0.35, best * 0.85)]
        if close:
            return "did you mean " + " or ".join(_quote(names[name]) for name in close) + " ?"
        offered = ", ".join(_quote(name) for name in list(names.values())[:8])
        return f"this instruction's screens ({', '.join(keys)}) offer {offered}"

    # --- URLs
    def _url(self, claim: Claim, bundled_id: str, keys: list[str]):
        wanted = normalise_url(claim.value)
        if wanted not in self.view.urls:
            opened = ", ".join(sorted(self.rehearsal.urls)) or "none"
            return ("mismatch", f"{claim.value} is not a URL of the rehearsed sites (the rehearsal opened: {opened})",
                    None, None)
        landed = self.view.urls[wanted]
        if landed is None or landed not in self.rehearsal.screens:
            return "mismatch", f"{claim.value} leads to no screen of the journey ({landed or 'an error'})", None, None
        if landed in keys:
            return "ok", f"{claim.value} leads to {landed}", landed, None
        return ("mismatch", f"{claim.value} leads to {self.view.where(landed)}, not to this instruction's screens "
                f"({', '.join(keys)})", landed, None)

    # --- codes
    def _facts_for(self, name: str, keys: Sequence[str]) -> dict[str, Any]:
        table = self.facts.get(name) or {}
        found = {key: table[key] for key in keys if key in table}
        if name == "code_formats":
            for key in keys:
                screen = self.view.screen(key)
                if key not in found and screen is not None and "code_format" in screen.data:
                    found[key] = screen.data["code_format"]
        return found

    def _code_format(self, claim: Claim, bundled_id: str, keys: list[str]):
        formats = {key: _as_format(value) for key, value in self._facts_for("code_formats", keys).items()}
        formats = {key: value for key, value in formats.items() if value is not None}
        if not formats:
            return "unchecked", "no code was measured on this instruction's screens or messages", None, None
        groups, size = claim.value
        measured = ", ".join(f"{key} {g} x {'/'.join(map(str, s)) if isinstance(s, tuple) else s}"
                             for key, (g, s) in formats.items())
        for key, value in formats.items():
            if value == (groups, size):
                return "ok", f"{key} has a code of {groups} x {size} characters", key, None
        return ("mismatch", f"the guide says {groups} x {size} characters; measured: {measured}",
                next(iter(formats)), None)

    def _case_insensitive(self, claim: Claim, bundled_id: str, keys: list[str]):
        measured = self._facts_for("case_insensitive", keys)
        if not measured:
            return "unchecked", "the rehearsal did not try this instruction's code in another letter case", None, None
        for key, value in measured.items():
            if value:
                return "ok", f"the code of {key} was accepted in lower case", key, None
        return ("mismatch", "the code was refused in another letter case: " + ", ".join(measured),
                next(iter(measured)), None)

    # --- passwords
    def _password_policy(self, keys: Sequence[str]) -> dict:
        policy = self.facts.get("password_policy")
        if policy:
            return policy
        for key in [*keys, *self.rehearsal.screens]:
            screen = self.view.screen(key)
            if screen is not None and screen.data.get("password_policy"):
                return screen.data["password_policy"]
        return {}

    def _password_rule(self, claim: Claim, bundled_id: str, keys: list[str]):
        policy = self._password_policy(keys)
        compared = {name: value for name, value in claim.value.items() if name in policy}
        if not compared:
            return "unchecked", "the rehearsal read no password policy off the password screen", None, None
        wrong = {name: policy[name] for name, value in compared.items() if policy[name] != value}
        screen = next((key for key in keys if self.view.screen(key) and "password" in key), None)
        if wrong:
            said = ", ".join(f"{name} {claim.value[name]}" for name in wrong)
            shown = ", ".join(f"{name} {value}" for name, value in wrong.items())
            return "mismatch", f"the guide says {said}; the password screen says {shown}", screen, None
        shown = ", ".join(f"{name} {value}" for name, value in compared.items())
        return "ok", f"the password screen's policy: {shown}", screen, None

    def _example_password(self, claim: Claim, bundled_id: str, keys: list[str]):
        tried = self.facts.get("passwords") or {}
        if claim.value not in tried:
            return ("unchecked", f"the rehearsal did not try {claim.value!r} (give it example_passwords(guides))",
                    None, None)
        if tried[claim.value]:
            return "ok", f"{claim.value!r} was accepted by the password screen", None, None
        reasons = {**(self.facts.get("password_refusals") or {}), **(self.facts.get("password_errors") or {})}
        reason = reasons.get(claim.value)
        return ("mismatch", f"{claim.value!r} was refused by the password screen" + (f": {reason}" if reason else ""),
                None, None)

    # --- phone numbers
    def _phone_rule(self, claim: Claim, bundled_id: str, keys: list[str]):
        rules = self.facts.get("phone_rules") or {}

        def measured(name: str):
            return rules.get(name, rules.get(PHONE_RULE_ALIASES.get(name, name)))

        compared = {name: value for name, value in claim.value.items() if measured(name) is not None}
        if not compared:
            return "unchecked", "the rehearsal did not probe these phone number rules", None, None
        wrong = [name for name, value in compared.items() if bool(measured(name)) != bool(value)]
        if wrong:
            said = "; ".join(PHONE_RULE_WORDS.get(name, name) for name in wrong)
            return "mismatch", f"the add-phone screen accepted {said}", None, None
        unknown = [name for name in claim.value if name not in compared]
        detail = "the add-phone screen refused " + "; ".join(PHONE_RULE_WORDS.get(name, name) for name in compared)
        if unknown:
            detail += f" (not probed: {', '.join(unknown)})"
        return "ok", detail, None, None

    def _example_phone(self, claim: Claim, bundled_id: str, keys: list[str]):
        tried = self.facts.get("phone_examples") or {}
        untried = [prefix for prefix in claim.value if prefix not in tried]
        if untried:
            return ("unchecked", f"the rehearsal did not try the country code {', '.join(untried)} "
                    "(give it example_phones(guides))", None, None)
        refused = [prefix for prefix in claim.value if not tried[prefix]]
        if refused:
            said = (self.facts.get("phone_example_errors") or {}).get(refused[0], "")
            return ("mismatch", f"a number written with {', '.join(refused)} was refused by the add-number screen"
                    + (f": {said}" if said else ""), None, None)
        return "ok", "numbers written with " + ", ".join(claim.value) + " were accepted", None, None

    # --- the known discrepancy
    def _note(self, claim: Claim, bundled_id: str, keys: list[str]):
        texts = {key: self.view.screen(key).text for key in keys if self.view.screen(key) is not None}
        if not any(texts.values()):
            return "unchecked", "the rehearsal captured no text for this instruction's screens", None, None
        for key, text in texts.items():
            match = POST_RE.search(text or "")
            if match:
                came = [key for key in self.rehearsal.messages if key.split("@")[0] in ("email:final_code",
                                                                                          "sms:final_code")]
                how = f"; the final code came by {' and '.join(came)}" if came else ""
                return ("note", f"known discrepancy: {key} still announces the post (“{match.group(0)}”); the guide "
                        f"corrects it{how}", key, None)
        return ("mismatch", "the guide corrects a mention of the post, but this instruction's screens "
                f"({', '.join(texts)}) no longer mention it: drop the correction", None, None)

    # --- gestures (optional: the gear and the list arrow)
    def _gesture(self, claim: Claim, bundled_id: str, keys: list[str]):
        if claim.value == "gear":
            for key in keys:
                for element in self.view.elements(key):
                    if element.role == "button" and normalise_label(element.name) in GEAR_NAMES:
                        return "ok", f"the gear is the button {_quote(element.name)} on {key}", key, element
            return "unchecked", "gesture: no button named like a gear menu on this instruction's screens", None, None
        if claim.value == "arrow":
            target = normalise_label(claim.target) if claim.target else None
            for key in keys:
                for element in self.view.elements(key):
                    if element.role in ("combobox", "listbox") and (
                        target is None or normalise_label(element.name) == target
                    ):
                        return "ok", f"the arrow opens the list {_quote(element.name)} on {key}", key, element
            return "unchecked", "gesture: no list on this instruction's screens", None, None
        return "unchecked", "gesture: a click on something without text", None, None

    def _term(self, claim: Claim, bundled_id: str, keys: list[str]):
        for key in keys:
            screen, message = self.view.screen(key), self.view.message(key)
            text = screen.text if screen else (f"{message.subject} {message.text}" if message else "")
            if text and _in_text(claim.value, text):
                return "ok", f"term: {key} calls it « {claim.name} » too", key, None
        return "unchecked", f"term: a name the guide gives ({claim.name}), not a label of a screen", None, None

    def _prose(self, claim: Claim, bundled_id: str, keys: list[str]):
        return "unchecked", "prose: no screen can confirm it", None, None


# Every claim kind -> the _Checker method that checks it. A kind without a check fails at import time: it can never
# silently come out "unchecked".
CLAIM_CHECKS: dict[str, str] = {kind: f"_{kind}" for kind in KINDS}
_UNCHECKED_KINDS = [kind for kind, method in CLAIM_CHECKS.items() if not callable(getattr(_Checker, method, None))]
if _UNCHECKED_KINDS:  # pragma: no cover - caught by any import of this module
    raise ImportError(f"claim kinds without a check: {', '.join(_UNCHECKED_KINDS)}")


def _as_format(value: Any) -> tuple[int, Any] | None:
    """``[groups, size]`` (or ``{"groups", "size"}``); a code with groups of unequal sizes keeps them as a tuple."""
    try:
        if isinstance(value, dict):
            value = (value["groups"], value["size"])
        groups, size = value
        if isinstance(size, list | tuple):
            return int(groups), tuple(int(part) for part in size)
        return int(groups), int(size)
    except (KeyError, TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- entry points

GuideLike = Guide | str | PathLike[str]


def _load(guide: GuideLike) -> tuple[Guide | None, str, str | None]:
    if isinstance(guide, Guide):
        return guide, guide.path or "<text>", None
    try:
        loaded = load_guide(guide)
    except GuideError as error:
        return None, str(guide), str(error)
    return loaded, str(guide), None


def references(rehearsal: Rehearsal) -> list[tuple[Guide, dict[str, list[str]]]]:
    """The bundled guides whose follows the rehearsal recorded instruction by instruction, with those records: the
    seed guide, then (on screens it was not written for) the guide that was."""
    found = [(load_guide(BUNDLED_GUIDE), rehearsal.by_instruction)]
    if getattr(rehearsal, "own_guide", ""):
        found.append((load_guide(rehearsal.own_guide), rehearsal.by_own_instruction))
    return found


def closest_reference(guide: Guide, found: list[tuple[Guide, dict[str, list[str]]]]) -> tuple[int, list[Mapping]]:
    """Which of ``found`` a guide's claims are checked against, and its mappings to it: the one most of its
    instructions map to (by id or content); ties go to the seed guide."""
    mappings = [map_instructions(guide, reference) for reference, _ in found]
    index = max(range(len(found)), key=lambda i: (sum(m.bundled is not None for m in mappings[i]), -i))
    return index, mappings[index]


def check_guide(guide: GuideLike, rehearsal: Rehearsal, *, bundled: Guide | None = None,
                strict: bool = False) -> GuideResult:
    """Check one guide (a parsed ``Guide`` or a path) against the rehearsal; never raises for a bad guide."""
    return check_guides([guide], rehearsal, bundled=bundled, strict=strict)[0]


def check_guides(
    guides: Iterable[GuideLike], rehearsal: Rehearsal, *, bundled: Guide | None = None, strict: bool = False
) -> list[GuideResult]:
    """Check several guides against one rehearsal (shared: checking ten costs little more than one)."""
    found = [(bundled, rehearsal.by_instruction)] if bundled is not None else references(rehearsal)
    checkers: dict[int, _Checker] = {}
    results = []
    for guide in guides:
        loaded, path, error = _load(guide)
        if loaded is None:
            results.append(GuideResult(path=path, ok=False, error=error))
            continue
        index, mappings = closest_reference(loaded, found)
        reference, by_instruction = found[index]
        checker = checkers.setdefault(index, _Checker(rehearsal, reference, by_instruction))
        results.append(_check(loaded, path, checker, reference, mappings, strict=strict))
    return results


def _check(guide: Guide, path: str, checker: _Checker, bundled: Guide, mappings: list[Mapping], *,
           strict: bool = False) -> GuideResult:
    result = GuideResult(path=path, ok=True, guide=guide, mapped={m.instruction: m.bundled for m in mappings},
                         by_instruction=checker.by_instruction)
    used = {m.bundled for m in mappings if m.bundled}
    for mapping in mappings:
        if mapping.how == "content":
            result.mapping.append(f"{mapping.instruction}: {mapping.describe()}")
        elif mapping.how == "none":
            result.mapping.append(f"{mapping.instruction}: new instruction, {mapping.describe()}")
        elif mapping.similarity < MIN_SIMILARITY:
            result.mapping.append(f"{mapping.instruction}: {mapping.describe()}")
    for instruction in bundled.instructions:
        if instruction.id not in used:
            result.mapping.append(f"bundled {instruction.id} has no counterpart in this guide (removed?)")
    follow = (getattr(checker.rehearsal, "follows", None) or {}).get(guide.sha256)
    firsts = {stage.instructions[0].id: stage.number for stage in guide.stages if stage.instructions}
    for instruction, mapping in zip(guide.instructions, mappings, strict=True):
        if follow is None:
            result.findings.extend(_check_instruction(instruction, mapping, checker))
            continue
        understood = [(s.start, s.end) for s in phrases.read_text(instruction.text) if s.gestures or s.statements]
        found = _check_instruction(instruction, mapping, checker)
        understood += [(s.start, s.end) for s in phrases.read_text(instruction.text)
                       if any(s.start <= f.start < s.end and f.kind != "prose" for f in found)]
        claims = [f for f in found if not (f.kind == "prose" and any(a <= f.start < b for a, b in understood))]
        context = follow.context_steps.get(firsts[instruction.id], []) if instruction.id in firsts else []
        result.findings.extend(_follow_findings(instruction, claims, follow, context, checker.rehearsal))
    result.findings = _with_withdrawal_notes(result.findings, checker.rehearsal)
    result.strict = strict
    failing = FAILING | ({"gap"} if strict else set())
    result.ok = not any(finding.verdict in failing for finding in result.findings)
    return result


def _with_withdrawal_notes(findings: list[Finding], rehearsal: Rehearsal) -> list[Finding]:
    """After each finding stuck on something the rehearsed screens no longer have (``facts["withdrawn"]``: a
    choice by its labels, waiting on a channel alone, or the screens' refusal of what the reader does instead),
    a note saying so."""
    withdrawn = rehearsal.facts.get("withdrawn") or []
    noted: list[Finding] = []
    for finding in findings:
        noted.append(finding)
        if finding.verdict != "stuck":
            continue
        gone = stuck_on_withdrawn(finding.looking_for, finding.detail, withdrawn)
        if gone is not None:
            noted.append(Finding(finding.instruction, finding.line, finding.claim, "note", "note",
                                 gone["note"], bundled=finding.bundled, screen=finding.screen))
    return noted


def stuck_on_withdrawn(looking_for: str, detail: str, withdrawn: list[dict]) -> dict | None:
    """The withdrawal (one of ``facts["withdrawn"]``) a reader stuck looking for ``looking_for`` with ``detail``
    got stuck on: its choice by one of its labels, waiting on its channel alone, or the screens' refusal of what
    the reader does instead; None when it is none of them. The rehearsal's recovery asks the same."""
    for gone in withdrawn:
        if (any(label in looking_for for label in gone["labels"])
                or looking_for.endswith(f" by {gone['channel']}")
                or any(refusal in detail for refusal in gone.get("refusals", ()))):
            return gone
    return None


def _follow_findings(instruction: Instruction, claims: list[Finding], follow, context, rehearsal: Rehearsal):
    """The claims' findings, then what following the instruction's words came to, sentence by sentence."""
    from rehearse.check.statements import check_statement

    record = follow.instructions.get(instruction.id)
    locator = _RawLocator(instruction.raw, instruction.first_line)
    findings = [finding for finding in claims]
    how = f"; followed as bundled {record.reused.split()[-1]}'s gestures" if record and record.reused else ""

    def line(text: str) -> int:
        return locator.line([text])

    for step in [*context, *(record.steps if record else [])]:
        findings.append(Finding(
            instruction=instruction.id, line=line(step.claim), claim=step.claim, kind="gap" if step.verdict == "gap"
            else "step", verdict=step.verdict, detail=step.detail + how, screen=step.screen, element=step.element,
            looking_for=step.looking_for, offered=step.offered, screenshot=step.screenshot))
    report_dir = getattr(rehearsal, "report_dir", None)
    for sentence in phrases.read_text(instruction.text):
        for statement in sentence.statements:
            if record is None:
                verdict, detail = "unchecked", "the instruction was not followed"
            else:
                verdict, detail = check_statement(statement, record, rehearsal, report_dir)
            findings.append(Finding(instruction=instruction.id, line=line(sentence.text), claim=statement.text or
                                    sentence.text, kind=statement.kind, verdict=verdict, detail=detail))
        if not sentence.gestures and not sentence.statements and not any(
                sentence.start <= f.start < sentence.end for f in claims):
            findings.append(Finding(instruction=instruction.id, line=line(sentence.text), claim=sentence.text,
                                    kind="prose", verdict="unchecked",
                                    detail=sentence.reason or "no rule understands it"))
    return findings


def _check_instruction(instruction: Instruction, mapping: Mapping, checker: _Checker) -> list[Finding]:
    findings = []
    how = mapping.describe()
    for claim in extract_claims(instruction):
        if mapping.bundled is None:
            verdict, detail, screen, element = "unchecked", how, None, None
        else:
            verdict, detail, screen, element = checker.check(claim, mapping.bundled)
            detail = f"{detail}; {how}"
        findings.append(
            Finding(
                instruction=instruction.id,
                line=claim.line,
                claim=claim.text,
                kind=claim.kind,
                verdict=verdict,
                detail=detail,
                bundled=mapping.bundled,
                screen=screen,
                element=element,
                start=claim.start,
            )
        )
    return findings
