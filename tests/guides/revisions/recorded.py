"""The checker's unit tests read a ``Rehearsal`` recorded from a real follow of the bundled guide (no browser).

``recorded_rehearsal.json`` beside this file is what ``scripts/record_rehearsal.py`` wrote after following the
bundled guide in Chromium on the mock sites, with the probes of every revision of this folder (example passwords,
example country codes, URLs). It stores a digest of what the screens are made of (``mock_sites/labels.py``,
``mock_sites/rules.py`` and the templates): ``test_check_verify.py`` fails when the digest is stale, naming the
command that records it again::

    .venv/bin/python scripts/record_rehearsal.py

``recorded_rehearsal(relabel={"Suivant": "Continuer"})`` renders a label changed in the templates;
``facts={...}`` replaces measured facts; ``urls={...}`` the URLs the follow opened.
"""

from __future__ import annotations

import copy
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from rehearse.check.capture import Element, MessageCapture, Rehearsal, ScreenCapture

ROOT = Path(__file__).resolve().parents[3]
RECORDED = Path(__file__).resolve().parent / "recorded_rehearsal.json"
RECORD_COMMAND = ".venv/bin/python scripts/record_rehearsal.py"


def source_files() -> list[Path]:
    """What the screens, e-mails and SMS are made of: a change in any of them may change what a follow sees."""
    templates = sorted((ROOT / "mock_sites" / "templates").rglob("*.html"))
    return [ROOT / "mock_sites" / "labels.py", ROOT / "mock_sites" / "rules.py", *templates]


def sources_digest() -> str:
    digest = hashlib.sha256()
    for path in source_files():
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def _document() -> dict:
    return json.loads(RECORDED.read_text(encoding="utf-8"))


def recorded_digest() -> str:
    return _document()["sources"]


def recorded_rehearsal(*, relabel: dict[str, str] | None = None, urls: dict | None = None,
                       facts: dict | None = None) -> Rehearsal:
    """A fresh copy of the recorded rehearsal, with the changes asked for."""
    data = copy.deepcopy(_document()["rehearsal"])
    swaps = relabel or {}

    def swap(text: str) -> str:
        for old, new in swaps.items():
            text = text.replace(old, new)
        return text

    screens = {}
    for key, screen in data["screens"].items():
        elements = [Element(e["role"], swap(e["name"]), tuple(e["box"]) if e["box"] else None)
                    for e in screen["elements"]]
        screens[key] = ScreenCapture(key=key, site=screen["site"], url=screen["url"], heading=swap(screen["heading"]),
                                     elements=elements, text=swap(screen["text"]), screenshot=screen["screenshot"],
                                     data=screen["data"])
    messages = {key: MessageCapture(key=key, channel=m["channel"], subject=swap(m["subject"]), text=swap(m["text"]),
                                    links=[(swap(a), u) for a, u in m["links"]], screen=m["screen"])
                for key, m in data["messages"].items()}
    return Rehearsal(screens=screens, messages=messages, by_instruction=data["by_instruction"],
                     urls=dict(urls) if urls is not None else data["urls"],
                     facts=copy.deepcopy(facts) if facts is not None else data["facts"], seconds=data["seconds"])


def recorded_facts() -> dict:
    return copy.deepcopy(_document()["rehearsal"]["facts"])
