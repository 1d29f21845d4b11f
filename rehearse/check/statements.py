"""What an instruction tells the reader they will see, against what its follow saw: ``ok`` or ``mismatch``.

Each statement kind of the phrase table (``phrases.STATEMENTS``) has one check here, in ``CHECKS``; a kind with
no check is an error at import time, so it can never silently come out "unchecked". A check reads only the
follow's record (``follow.InstructionFollow``: its steps, the captures it concerns, what it observed) and the
captured screens, e-mails and SMS; positions and colours are measured from the elements' boxes and the
screenshots' pixels (``measure.py``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from . import measure, phrases
from .capture import Element, Rehearsal
from .claims import normalise_label
from .follow import InstructionFollow, Step

__all__ = ["CHECKS", "check_statement"]

Check = Callable[[phrases.Statement, InstructionFollow, Rehearsal, Path], tuple[str, str]]
VIEWPORT_HEIGHT = 800


def _step_for(statement: phrases.Statement, record: InstructionFollow) -> Step | None:
    """The step of the control the statement is about (its subject), or None."""
    wanted = normalise_label(statement.subject)
    with_element = [step for step in record.steps if step.element is not None and step.element.box]
    for step in with_element:
        if wanted and (wanted in normalise_label(step.element.name) or wanted in normalise_label(step.claim)):
            return step
    return None


def _screens(record: InstructionFollow, rehearsal: Rehearsal):
    return [rehearsal.screens[key] for key in record.keys if key in rehearsal.screens]


def _messages(record: InstructionFollow, rehearsal: Rehearsal):
    return [rehearsal.messages[key] for key in record.keys if key in rehearsal.messages]


def _position(statement, record, rehearsal, report_dir):
    claimed = statement.value
    if claimed == "middle" and record.observed.get("message_link"):
        box, within = record.observed["message_link"]
        words = measure.position(box, within[2], within[3], VIEWPORT_HEIGHT, within=within)
        # « au milieu du message »: inside it, with its text above and below (not its first or last line)
        centre = box[1] + box[3] / 2
        held = "outside" not in words and within[1] + 0.2 * within[3] < centre < within[1] + 0.9 * within[3]
        return ("ok" if held else "mismatch",
                f"the link sits {'/'.join(sorted(words))} in the message (the text: {claimed})")
    step = _step_for(statement, record)
    element: Element | None = step.element if step else None
    screen = rehearsal.screens.get(step.screen) if step and step.screen else None
    if element is None or screen is None or not screen.screenshot:
        observed = record.observed.get(f"position:{normalise_label(statement.subject)}")
        if observed:
            box, size = observed
            words = measure.position(box, size[0], size[1], VIEWPORT_HEIGHT)
            held = measure.holds(claimed, words)
            return ("ok" if held else "mismatch",
                    f"« {statement.subject} » is {'/'.join(sorted(words))} on the screen (the text: {claimed})")
        return "unchecked", f"no element « {statement.subject} » was measured"
    width, height = measure.image_size(report_dir / screen.screenshot)
    words = measure.position(element.box, width, height, VIEWPORT_HEIGHT)
    held = measure.holds(claimed, words)
    return ("ok" if held else "mismatch",
            f"« {element.name} » is {'/'.join(sorted(words))} on {screen.key} (the text: {claimed})")


def _colour(statement, record, rehearsal, report_dir):
    step = _step_for(statement, record)
    screen = rehearsal.screens.get(step.screen) if step and step.screen else None
    if step is None or screen is None or not screen.screenshot:
        return "unchecked", f"no element « {statement.subject} » was seen to measure its zone's colour"
    found, rgb = measure.zone_colour(report_dir / screen.screenshot, step.element.box)
    if not measure.is_colour(statement.value, found):
        filled, fill_rgb = measure.fill_colour(report_dir / screen.screenshot, step.element.box)
        if measure.is_colour(statement.value, filled):
            found, rgb = filled, fill_rgb
    held = measure.is_colour(statement.value, found)
    return ("ok" if held else "mismatch",
            f"the zone of « {step.element.name} » is {found} (rgb{tuple(rgb)}) on {screen.key}; the text says "
            f"{statement.value}")


def _language(statement, record, rehearsal, report_dir):
    mails = [m for m in _messages(record, rehearsal) if m.channel == "email"]
    if not mails:
        return "mismatch", f"no e-mail came to read its language (the text: {statement.value})"
    found = phrases.language_of(f"{mails[0].subject} {mails[0].text}")
    return ("ok" if found == statement.value else "mismatch",
            f"{mails[0].key} arrived in {found} (« {mails[0].subject} »); the text says {statement.value}")


def _channel(statement, record, rehearsal, report_dir):
    wanted = set(statement.value)
    every = not statement.subject.endswith(":any")
    about = statement.subject.split(":")[0]
    if about in ("code", "final_code"):  # the channel a code came by: the messages it was read from
        messages = (_messages(record, rehearsal) if about == "code" else
                    [m for key, m in rehearsal.messages.items() if "final_code" in key])
        came = {m.channel for m in messages if m.key.split("/")[-1].split(":")[1].startswith(
            "challenge" if about == "code" else "final_code")}
        held = (wanted <= came) if every else bool(wanted & came)
        return ("ok" if held else "mismatch",
                f"the {about.replace('_', ' ')} came by {', '.join(sorted(came)) or 'nothing'}; the text says "
                + (" and " if every else " or ").join(sorted(wanted)))
    observed = record.observed.get("channels")
    if observed is None:
        return "unchecked", "the follow did not look for the confirmation's channels here"
    came = {channel for channel, seen in observed.items() if seen}
    held = wanted <= came if every else bool(wanted & came)
    said = ", ".join(sorted(came)) or "nothing"
    return ("ok" if held else "mismatch",
            f"came: {said}; the text says {' and '.join(sorted(wanted)) if every else ' or '.join(sorted(wanted))}")


def _prefilled(statement, record, rehearsal, report_dir):
    for screen in _screens(record, rehearsal):
        fields = screen.data.get("fields") or {}
        kinds = {phrases.field_kind(label): value for label, value in fields.items()}
        if all(kinds.get(kind) for kind in statement.value):
            shown = ", ".join(f"{label} « {value} »" for label, value in fields.items()
                              if phrases.field_kind(label) in statement.value)
            return "ok", f"already filled on {screen.key}: {shown}"
    return "mismatch", "these fields were not already filled: " + ", ".join(statement.value)


def _times(statement, record, rehearsal, report_dir):
    kind, count = statement.value
    for screen in _screens(record, rehearsal):  # « adresse électronique (2 fois) »: the address and its confirmation
        boxes = [e for e in screen.elements if e.role == "textbox" and phrases.field_kind(e.name) in (kind,
                                                                                                   f"{kind}_confirm")]
        if len(boxes) >= count:
            return "ok", f"{screen.key} asks it {len(boxes)} times: " + ", ".join(f"« {e.name} »" for e in boxes)
    return "mismatch", f"no screen of this instruction asks {kind.replace('_', ' ')} {count} times"


def _possible(statement, record, rehearsal, report_dir):
    what, claimed = statement.value if isinstance(statement.value, tuple) else (statement.value, True)
    observed = record.observed.get(f"possible:{what}")
    if observed is None:
        return "unchecked", f"the follow did not look whether one can {what.replace('_', ' ')}"
    found = bool(observed)
    detail = (f"the screen offers « {observed} »" if found else "no control for it on the screens")
    return ("ok" if found == claimed else "mismatch",
            f"{detail}; the text says it is {'possible' if claimed else 'not possible'}")


def _next_sign_in(statement, record, rehearsal, report_dir):
    observed = record.observed.get("signed_in_again")
    if observed is None:
        return "unchecked", "the follow did not sign in again"
    key, granted = observed
    return ("ok" if granted else "mismatch",
            f"signed in again: {key}" + ("" if granted else ", still no access"))


def _message(statement, record, rehearsal, report_dir):
    words = [w for w in re.findall(r"\w+", normalise_label(str(statement.value))) if len(w) > 3]
    for screen in _screens(record, rehearsal):
        text = normalise_label(screen.text)
        if words and all(w in text for w in words):
            return "ok", f"{screen.key} says it"
    return "mismatch", f"no screen of this instruction says « {statement.value} »"


def _app(statement, record, rehearsal, report_dir):
    seen = record.observed.get(f"app:{statement.value}")
    if seen is None:
        return "unchecked", "the follow did not look at the phone's app for it"
    return ("ok", f"the phone's app showed « {seen} »") if seen else (
        "mismatch", f"the phone's app showed no {str(statement.value).replace('_', ' ')}")


def _goes_on(statement, record, rehearsal, report_dir):
    seen = record.observed.get("goes_on")
    if seen is None:
        return "unchecked", "the follow did not watch the computer here"
    went, key = seen
    return ("ok", f"the computer went on by itself to {key}") if went else (
        "mismatch", f"the computer did not go on by itself: it stayed on {key}")


def _qr(statement, record, rehearsal, report_dir):
    seen = record.observed.get("qr")
    if seen is None:
        return "unchecked", "the follow did not look for a QR code here"
    name, key = seen
    return ("ok", f"{key} shows a QR code (« {name} »)") if name else ("mismatch", f"{key} shows no QR code")


CHECKS: dict[str, Check] = {
    "position": _position,
    "colour": _colour,
    "language": _language,
    "channel": _channel,
    "prefilled": _prefilled,
    "times": _times,
    "possible": _possible,
    "next_sign_in": _next_sign_in,
    "message": _message,
    "app": _app,
    "goes_on": _goes_on,
    "qr": _qr,
}
_missing = set(phrases.STATEMENTS) - set(CHECKS)
if _missing:  # pragma: no cover - a statement kind without a check must never ship
    raise ImportError(f"statement kinds without a check: {', '.join(sorted(_missing))}")


def check_statement(statement: phrases.Statement, record: InstructionFollow, rehearsal: Rehearsal,
                    report_dir: Path) -> tuple[str, str]:
    """``(verdict, detail)`` of one statement against its instruction's follow."""
    if record.stuck and statement.kind not in ("language", "prefilled", "times", "message"):
        return "unchecked", "the reader got stuck before this could be seen"
    return CHECKS[statement.kind](statement, record, rehearsal, Path(report_dir))
