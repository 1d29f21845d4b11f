"""What one rehearsal of the journey saw: the rendered screens, the e-mails and SMS, and measured facts.

The checker reads these, never the project's label constants: a label changed in a template shows up here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mock_sites import profiles


@dataclass(frozen=True)
class Element:
    """One element of a screen as the accessibility tree names it."""

    role: str  # "button", "link", "heading", "textbox", "combobox", "option", "checkbox", "region", "group", …
    name: str  # accessible name, as rendered
    box: tuple[float, float, float, float] | None = None  # x, y, width, height in the full-page screenshot


@dataclass
class ScreenCapture:
    key: str  # stable name of the screen, e.g. "eulogin:whoami_title" (site:label key of its heading)
    site: str  # "eulogin", "rcam", "mailbox", "phone"
    url: str
    heading: str  # the rendered h1
    elements: list[Element] = field(default_factory=list)
    text: str = ""  # visible text of the page
    screenshot: str | None = None  # path of a full-page PNG, relative to the report folder
    data: dict = field(default_factory=dict)  # facts read off the page, e.g. {"password_policy": {...}}


@dataclass
class MessageCapture:
    """An e-mail or SMS as the fake mailbox or phone page showed it."""

    key: str  # e.g. "email:registration", "sms:phone_challenge", "sms:sign_in_challenge", "email:final_code"
    channel: str  # "email" or "sms"
    subject: str
    text: str
    links: list[tuple[str, str]] = field(default_factory=list)  # (anchor text, url)
    screen: str | None = None  # key of the ScreenCapture of the page that showed it


@dataclass
class Rehearsal:
    """Everything one browser run of the journey captured; shared by every guide checked in the same run."""

    screens: dict[str, ScreenCapture] = field(default_factory=dict)
    messages: dict[str, MessageCapture] = field(default_factory=dict)
    # bundled instruction id -> keys of the screens and messages that instruction concerns, in order
    by_instruction: dict[str, list[str]] = field(default_factory=dict)
    # URL typed by the person -> key of the screen it led to
    urls: dict[str, str] = field(default_factory=dict)
    # measured facts, e.g. {"code_formats": {"sms:phone_challenge": [2, 4], ...},
    #                       "case_insensitive": {"sms:phone_challenge": True, ...},
    #                       "passwords": {"23-11Ukraine": True}, "phone_refused": {"+32(0)470…": True, …},
    #                       "password_policy": {"min_length": 10, "min_groups": 3}}
    facts: dict = field(default_factory=dict)
    seconds: float = 0.0
    profile: str = profiles.DEFAULT  # the screen profile rehearsed (mock_sites.profiles)
    # On screens the seed guide was not written for (2026): the bundled guide that was (its path), and, like
    # ``by_instruction`` for the seed guide, the keys each of its instructions concerns. A guide closer to it than
    # to the seed guide has its claims checked on its screens (verify).
    own_guide: str = ""
    by_own_instruction: dict[str, list[str]] = field(default_factory=dict)
