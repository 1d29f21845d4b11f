"""Follow a guide revision in the browser, doing only what its words say.

``Follower.follow(guide)`` reads each instruction with the phrase table (``phrases.read_text``: the revision's own
text, never its ids nor the bundled guide) and performs its gestures on the mock sites, one browser, instruction
by instruction. Each gesture ends ``ok``, ``gap`` or ``stuck``:

* ``stuck``: the reader cannot do what the text says (no control of that name, the field refused the value, no SMS
  came, the screen reached is not the one described). The step keeps the screenshot, what was looked for and what
  the screen offered instead (the closest labels).
* ``gap``: the screen demanded something the text does not mention and the follower did what a sensible person
  does: fill a required field from the person's own data, tick a required box, or take the screen's single way
  back or forward. Nothing else is a gap: choosing an option, opening a URL or typing a code the text does not ask
  for is ``stuck``.

After every instruction the follower keeps what it saw (``Rehearsal``-style captures: screens, e-mails, SMS) and,
when revisions are to follow (``snapshots``), a snapshot of the world and the browser (``state.take``), from which
a later follow of another revision can fork or recover; it restores one into its own browser context.

What it reads of a screen costs round trips to the browser, so it reads each list of controls in one
(``Follower.shown``), keeps one DevTools session per tab, counts the messages of the mailbox and the phone from the
accessibility tree, and brings the tab it acts on to the front (a tab left behind gets no animation frames, and
Playwright waits for two before a click).

The person's one read of the world: the captcha's answer, as a person reads it off the picture
(``_read_captcha_picture``). Everything else comes from the rendered screens, e-mails and SMS.
"""

from __future__ import annotations

import difflib
import itertools
import re
import time
import unicodedata
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect
from playwright.sync_api import Error as PlaywrightError

from mock_sites import rules
from mock_sites.labels import TEXTS
from mock_sites.server import MockServer
from mock_sites.world import Identity
from rehearse.guard import NetworkGuard
from rehearse.guide import Guide, Instruction
from rehearse.pages import name_pattern

from . import phrases, state
from .capture import Element, MessageCapture, Rehearsal, ScreenCapture
from .claims import extract_claims, normalise_label

__all__ = ["Follow", "Follower", "InstructionFollow", "Step", "signature"]

VIEWPORT = {"width": 1280, "height": 800}
CONTEXT_OPTIONS = {"ignore_https_errors": True, "locale": "fr-FR", "viewport": VIEWPORT}
ACTION_TIMEOUT_MS = 5_000
SCREEN_TIMEOUT_MS = 3_000
MAX_WAIT = timedelta(days=30)  # a message that has not come in a month never comes
SERVE_LOOKS = 20  # under ``rehearse serve``: how many times the follower looks at the mailbox or phone
MAX_HOPS = 1  # single ways forward a gap may take before a gesture's target shows
NO_GAP_FILL = frozenset({"phone"})  # adding a number the text does not ask for is stuck, not a gap
APP_ACTIONS = frozenset({"click", "fill", "fill_in"})  # what the person may do on the phone's app as on a screen
APP_TIMEOUT_MS = 10_000  # a sign-in request reaches the app, the computer goes on after the app: within seconds
DEVICE_NAME = "Mon téléphone"  # the name the person gives their phone when the text gives none

CLICKABLE = ("button", "link", "menuitem")
NOISE_ROLES = frozenset({"StaticText", "InlineTextBox", "LineBreak", "generic", "none", "RootWebArea",
                         "LabelText", "MenuListPopup", "ListMarker", "Ignored", "presentation"})
UNNAMED_ROLES = frozenset({"textbox", "combobox", "checkbox", "radio", "button", "link", "heading", "option"})
ROLE_ALIASES = {"MenuListOption": "option", "image": "img"}
CODE_RE = re.compile(r"(?<![\w-])[A-Za-z0-9]{2,}(?:-[A-Za-z0-9]{2,})+(?![\w-])")


@dataclass
class Step:
    """What one gesture (or one gap, or one stated fact) came to."""

    instruction: str
    verdict: str  # "ok", "gap", "stuck", "mismatch"
    claim: str  # the words of the sentence, or what the gap was about
    detail: str
    kind: str = "step"  # "step" (a gesture done or not), "gap", "wait"
    looking_for: str = ""
    offered: tuple[str, ...] = ()
    screen: str | None = None
    element: Element | None = None
    screenshot: str | None = None


@dataclass
class InstructionFollow:
    """One instruction as followed: its steps, the captures it saw, the snapshot after it."""

    id: str
    signature: tuple
    steps: list[Step] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # captures it concerns: the screen it started on, then what it saw
    snapshot: state.Snapshot | None = None
    observed: dict = field(default_factory=dict)  # what the follow looked at for the text's statements
    reused: str | None = None  # "bundled <id>": the steps and captures are the bundled follow's
    seen: dict = field(default_factory=dict)  # the follower's memory after it: messages seen, last channel

    @property
    def stuck(self) -> bool:
        return any(step.verdict == "stuck" for step in self.steps)


@dataclass
class Follow:
    """A whole follow of one guide."""

    guide: Guide
    instructions: dict[str, InstructionFollow] = field(default_factory=dict)
    context_steps: dict[int, list[Step]] = field(default_factory=dict)  # stage number -> steps of its context
    rehearsal: Rehearsal = field(default_factory=Rehearsal)
    seconds: float = 0.0


def signature(instruction_text: str) -> tuple:
    """What a follower does for this text: its gestures (and how it types codes), not its wording."""
    lower = any(claim.kind == "case_insensitive" for claim in extract_claims(_text_instruction(instruction_text)))
    return tuple((g.action, normalise_label(g.target), g.role, normalise_label(g.within), g.count,
                  tuple(normalise_label(a) for a in g.alternatives)) for g in phrases.gestures(instruction_text)) + (
        ("lower", lower),)


def _text_instruction(text: str) -> Instruction:
    return Instruction(id="0.0", stage=0, number=0, text=text, raw=text, first_line=1, last_line=1)


# --------------------------------------------------------------------------- the screen, as the reader sees it


def _elements(tree: dict, snapshot: dict | None) -> tuple[list[Element], str]:
    """Chromium's accessibility tree as Elements in document order, with boxes (from the DOM ``snapshot``; none
    without it); and the h1's name."""
    boxes = {}
    if snapshot is not None:
        document = snapshot["documents"][0]
        backend = document["nodes"]["backendNodeId"]
        layout = document["layout"]
        boxes = {backend[i]: bounds for i, bounds in zip(layout["nodeIndex"], layout["bounds"], strict=False)}
    nodes = {node["nodeId"]: node for node in tree["nodes"]}
    roots = [node for node in tree["nodes"] if not node.get("parentId")]
    elements: list[Element] = []
    heading = ""

    def box_of(node: dict) -> tuple[float, float, float, float] | None:
        while node is not None:  # an option of a closed list has no box of its own: the list's
            bounds = boxes.get(node.get("backendDOMNodeId"))
            if bounds and bounds[2] > 0 and bounds[3] > 0:
                return tuple(round(v, 1) for v in bounds)
            node = nodes.get(node.get("parentId"))
        return None

    stack = list(reversed(roots))
    while stack:
        node = stack.pop()
        stack.extend(nodes[child] for child in reversed(node.get("childIds", [])) if child in nodes)
        if node.get("ignored"):
            continue
        role = node.get("role", {}).get("value", "")
        role = ROLE_ALIASES.get(role, role)
        name = " ".join(str(node.get("name", {}).get("value", "")).split())
        if role in NOISE_ROLES or not (name or role in UNNAMED_ROLES):
            continue
        if role == "heading" and not heading:
            level = next((p["value"].get("value") for p in node.get("properties", []) if p["name"] == "level"), None)
            if level == 1:
                heading = name
        elements.append(Element(role, name, box_of(node)))
    return elements, heading


def code_in(message_text: str) -> str | None:
    """The code a message carries: letters and digits in hyphen-separated groups (one with a letter first)."""
    found = CODE_RE.findall(message_text)
    with_letters = [c for c in found if any(ch.isalpha() for ch in c)]
    return (with_letters or found or [None])[0]


def code_format(code: str) -> list:
    """[groups, size] of a code as written (``ABCD-EFGH`` → [2, 4]); [groups, [sizes]] when they differ."""
    sizes = [len(part) for part in code.split("-")]
    return [len(sizes), sizes[0] if len(set(sizes)) == 1 else sizes]


def _heading_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Every text of the screens as a pattern ({name} placeholders match anything): to name a capture by its key."""
    patterns = []
    for key, texts in TEXTS.items():
        for wording in texts.values():
            parts = re.split(r"\{[a-z_]+\}", wording)
            patterns.append((re.compile("^" + ".+".join(re.escape(p) for p in parts) + "$"), key))
    return patterns


_HEADINGS = _heading_patterns()
# Screens whose heading is another text's too: the title keys come first.
_PREFERRED = ("_title", "login_success", "logged_out", "add_phone_link")


def screen_name(heading: str, site: str = "") -> str:
    """The label key whose text is this heading (a readable capture key); a slug when none is."""
    exact = [key for key, texts in TEXTS.items() if heading in texts.values()]
    found = exact or [key for pattern, key in _HEADINGS if pattern.match(heading)]
    if site == "rcam":
        found = [key for key in found if key.startswith("rcam_")] + [k for k in found if not k.startswith("rcam_")]
    for suffix in _PREFERRED:
        for key in found:
            if key.endswith(suffix) or key == suffix:
                return key
    if found:
        return found[0]
    return re.sub(r"[^a-z0-9]+", "_", unicodedata.normalize("NFKD", heading).encode("ascii", "ignore")
                  .decode().lower()).strip("_") or "untitled"


# --------------------------------------------------------------------------- the follower


@dataclass(frozen=True)
class Addresses:
    """Where the person types the guide's URLs and finds their mailbox and phone.

    By default, the guide's literal addresses (``https://webgate.ec.europa.eu/cas``: the harness serves the mocks
    at the guide's hosts) and the fake devices at ``https://mailbox.test`` and ``https://phone.test``; messages
    that take days come when the follower moves the world's clock. Under ``rehearse serve`` (``base`` set) the
    person types the served address instead of the guide's host, the devices are under ``/_devices``, and the
    follower only watches the mailbox and the phone: the clock is the server's."""

    base: str | None = None

    @property
    def moves_clock(self) -> bool:
        return self.base is None

    @property
    def hosts(self) -> tuple[str, ...]:
        """The hosts the browser may reach."""
        return rules.MOCK_HOSTS + ((urlsplit(self.base).hostname or "",) if self.base else ())

    def url(self, guide_url: str) -> str:
        if self.base is None:
            return guide_url
        parts = urlsplit(guide_url)
        return self.base.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")

    def device(self, channel: str, to: str) -> str:
        """The fake mailbox (``email``), the phone's messages (``sms``) or the phone's EU Login app (``app``)."""
        if channel == "app":
            return self.device("sms", to) + "/app"
        if channel == "sms":
            root = f"https://{rules.PHONE_HOST}" if self.base is None else self.base.rstrip("/") + rules.Paths.PHONE
        else:
            root = f"https://{rules.MAILBOX_HOST}" if self.base is None else self.base.rstrip("/") + rules.Paths.MAILBOX
        return f"{root}/{quote(to)}"


class Stuck(Exception):
    """A gesture the reader cannot perform."""

    def __init__(self, detail: str, looking_for: str, offered: tuple[str, ...] = (),
                 screenshot: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.looking_for = looking_for
        self.offered = offered
        self.screenshot = screenshot  # the screen where the reader got stuck, when it is not the one shown now


class Follower:
    """The person who does exactly what the text says, on one browser, and the notebook of what they saw."""

    def __init__(self, server: MockServer, browser: Browser, report_dir: Path,
                 say: Callable[[str], None] | None = None, *, identity: Identity | None = None,
                 guard: NetworkGuard | None = None, addresses: Addresses | None = None, snapshots: bool = True) -> None:
        self.server = server
        self.world = server.world
        self.browser = browser
        self.report_dir = Path(report_dir)
        (self.report_dir / "screens").mkdir(parents=True, exist_ok=True)
        self.say = say or (lambda line: None)
        self.addresses = addresses or Addresses()
        self.guard = guard or NetworkGuard(self.addresses.hosts)
        self.identity = identity or self.world.new_identity()
        self.password = ""
        self.context: BrowserContext | None = None
        self.page: Page | None = None
        self.device: Page | None = None
        self.rehearsal = Rehearsal()
        self.facts = self.rehearsal.facts
        for name in ("code_formats", "case_insensitive", "passwords", "password_errors", "phone_rules",
                     "phone_refused", "phone_errors"):
            self.facts.setdefault(name, {})
        self.bases: dict[str, str] = {}
        self.current = ""
        self.record: InstructionFollow | None = None
        self.last_screen: str | None = None
        self.last_channel = ""
        self.final_channel = ""  # the channel the final code came by
        self.final_key = ""  # and the key of its message
        self.seen_messages: dict[str, int] = {}  # device page URL -> messages seen there
        self.typed: dict[str, str] = {}  # message key -> the instruction that typed its code
        self.app: Page | None = None  # the phone's EU Login app (a tab of its own: nothing else navigates it)
        self.on_app = False  # the person holds the phone: clicks and fills go to the app first
        self.app_resume = ""  # where the app was when the person put the phone down (a GET of it shows it again)
        self.pc_went: bool | None = None  # after the app confirmed something: did the computer go on by itself
        self.pin = ""  # the PIN the person chose
        self.lower_case = False
        self.chosen: list[str] = []  # options chosen in lists during the current instruction
        self.pending_code: tuple[str, str] | None = None  # the code typed in this instruction, and its message
        self.prefix = ""  # capture key prefix: "" for the bundled follow, "<revision>/" for others
        self.element_screen: str | None = None
        self.stage_gestures: list[phrases.Gesture] = []  # this stage's gestures so far: how to sign in again
        self.probe_point: state.Snapshot | None = None  # before the first phone number is typed: for the probes
        self.snapshots = snapshots  # a snapshot after each instruction: only a revision's fork or recovery reads it
        self.front: Page | None = None  # the tab the person looks at: Chromium animates only that one
        self.sessions: dict[Page, object] = {}  # one DevTools session per tab, for its accessibility tree
        # After an instruction the reader got stuck on, how the person goes on anyway (the rehearsal sets it for
        # screens that withdrew what the guide relies on): called with the follower and the instruction's record,
        # before the snapshot after it is taken, so that a revision recovering from that snapshot goes on too.
        self.recover: Callable[[Follower, InstructionFollow], None] | None = None

    # --- browser sessions
    def new_browser_session(self) -> None:
        """A fresh browser (nothing remembered), as a person days later."""
        self.close()
        self.context = self.guard.watch(self.browser.new_context(**CONTEXT_OPTIONS))
        self.context.set_default_timeout(ACTION_TIMEOUT_MS)
        self.page = self.context.new_page()
        self.device = None
        self.front = self.page

    def close(self) -> None:
        if self.context is not None:
            self.context.close()
        self.context = self.page = self.device = self.front = self.app = None
        self.on_app = False
        self.sessions = {}

    def show(self, tab: Page) -> None:
        """Bring ``tab`` to the front, as a person switches tabs: a tab behind another gets no animation frames,
        and Playwright waits for two of them before it clicks (up to seconds in a tab left behind)."""
        if tab is not self.front:
            tab.bring_to_front()
            self.front = tab

    def snapshot(self, label: str) -> state.Snapshot:
        devices = [tab for tab in (self.device, self.app) if tab is not None and not tab.is_closed()]
        return state.take(self.world, self.context, self.page, devices, label=label)

    def restore(self, snapshot: state.Snapshot) -> None:
        """Go back to ``snapshot``, in this browser's context when it is open (made by a restore or a session)."""
        reuse = self.context if self.page is not None and not self.page.is_closed() else None
        if reuse is None:
            self.close()
        try:
            context, page, devices = state.restore(snapshot, self.world, self.browser,
                                                   context_options=CONTEXT_OPTIONS, guard=self.guard, reuse=reuse)
        except BaseException:
            self.close()  # the reused context too (a failed restore closed it already: closing again does nothing)
            raise
        if context is not reuse:
            self.close()  # the old one, if any, when the snapshot needed a new context
            context.set_default_timeout(ACTION_TIMEOUT_MS)
        self.context, self.page = context, page
        apps = [tab for tab in devices if self.is_app(tab.url)]
        self.app = apps[0] if apps else None
        self.device = next((tab for tab in devices if tab is not self.app), None)
        self.front = page  # opened last, or brought to the front
        self.sessions = {tab: session for tab, session in self.sessions.items() if not tab.is_closed()}
        self.last_screen = None

    def remember(self, gestures) -> None:
        """This stage's gestures, as signing in again replays them (not the logging out, nor signing in again)."""
        self.stage_gestures.extend(g for g in gestures if g.action not in ("sign_in_again", "logout"))

    def resume(self, record: InstructionFollow | None) -> None:
        """After a restore: remember what the person had seen at that point."""
        seen = record.seen if record is not None else {}
        self.seen_messages = dict(seen.get("messages", {}))
        self.last_channel = seen.get("channel", "")
        self.final_channel = seen.get("final", "")
        self.final_key = seen.get("final_key", "")
        self.typed = dict(seen.get("typed", {}))
        self.on_app, self.app_resume, self.pin = seen.get("app", (False, "", ""))

    # --- following
    def follow(self, guide: Guide, *, ids: list[str] | None = None, result: Follow | None = None,
               start: int = 0) -> Follow:
        """Follow ``guide`` from its instruction number ``start`` (0-based, guide order) to the end.

        ``result`` carries on an earlier follow (a fork); the browser must then be where that left it."""
        began = time.perf_counter()
        result = result or Follow(guide=guide, rehearsal=self.rehearsal)
        if self.context is None:
            self.new_browser_session()
        order = list(guide.instructions)
        for index in range(start, len(order)):
            instruction = order[index]
            if ids is not None and instruction.id not in ids:
                continue
            first_of_stage = index == 0 or order[index - 1].stage != instruction.stage
            if first_of_stage:
                self.stage_gestures = []
            if first_of_stage and index > 0:
                stage = guide.stage(instruction.stage)
                result.context_steps[stage.number] = self.follow_context(stage.context, instruction.id)
            result.instructions[instruction.id] = self.follow_instruction(instruction)
        result.seconds += time.perf_counter() - began
        return result

    def follow_context(self, context: str, first_id: str) -> list[Step]:
        """A stage's context ("A EFFECTUER QUAND VOUS AUREZ RECU LE CODE FINAL"): wait for that message, days
        later, in a fresh browser."""
        steps: list[Step] = []
        waits = [g for g in phrases.gestures(context) if g.action == "wait"] if context else []
        if not waits:
            return steps
        self.current = first_id
        self.record = InstructionFollow(first_id, ())
        for gesture in waits:
            came = self.wait_for(gesture)
            steps.append(Step(first_id, "ok" if came else "stuck", gesture.text,
                              f"waited for {self.describe_wait(gesture)}: " + (f"it came ({came})" if came else
                                                                               "nothing came within a month"),
                              kind="wait"))
        self.new_browser_session()
        steps.append(Step(first_id, "gap", context.strip()[:80],
                          "the stage starts days later: the follower closed the browser and starts it in a fresh one",
                          kind="gap"))
        return steps

    def follow_instruction(self, instruction: Instruction) -> InstructionFollow:
        self.current = instruction.id
        record = self.record = InstructionFollow(instruction.id, signature(instruction.text))
        if self.last_screen:
            record.keys.append(self.last_screen)
        claims = extract_claims(instruction)
        self.lower_case = any(claim.kind == "case_insensitive" for claim in claims)
        self.chosen = []
        sentences = phrases.read_text(instruction.text)
        for sentence in sentences:
            self.remember(sentence.gestures)
            for gesture in sentence.gestures:
                try:
                    detail, element = self.perform(gesture)
                except Stuck as stuck:
                    record.steps.append(self.stuck_step(gesture, stuck))
                    break
                except (PlaywrightError, AssertionError) as error:
                    said = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
                    record.steps.append(self.stuck_step(gesture, Stuck(said, gesture.target or gesture.action)))
                    break
                record.steps.append(Step(instruction.id, "ok", gesture.text or gesture.action, detail,
                                         screen=self.element_screen if element else self.last_screen,
                                         element=element))
            if record.stuck:
                break
            self.observe(sentence.statements)  # what the sentence says one sees: looked at now, on this screen
        pending = self.pending_code
        if pending and self.lower_case and not record.stuck and any(c.isalpha() for c in pending[0]):
            self.facts["case_insensitive"].setdefault(pending[1], True)
        self.pending_code = None
        if not record.stuck:
            self.see()
        elif self.recover is not None:
            self.recover(self, record)
        if self.snapshots:
            record.snapshot = self.snapshot(instruction.id)
        record.seen = {"messages": dict(self.seen_messages), "channel": self.last_channel,
                       "final": self.final_channel, "final_key": self.final_key, "typed": dict(self.typed),
                       "app": (self.on_app, self.app_resume, self.pin)}
        self.say(f"{instruction.id} " + ("stuck" if record.stuck else
                                         (self.rehearsal.screens[self.last_screen].heading if self.last_screen
                                          in self.rehearsal.screens else "done")))
        return record

    def observe(self, statements: tuple[phrases.Statement, ...] | list[phrases.Statement]) -> None:
        """Look at what the text's statements speak of, as a careful reader would (the checks judge it later)."""
        observed = self.record.observed
        for statement in statements:
            if statement.kind == "app":  # seen when the app was opened for it (``do_open_app``)
                observed.setdefault(f"app:{statement.value}", "")
                continue
            went = self.pc_went
            self.to_pc()  # the screen a statement speaks of is the computer's
            if statement.kind == "goes_on":
                self.pc_went = None
                observed["goes_on"] = (bool(went), self.see())
            elif statement.kind == "qr":
                codes = self.page.get_by_role("img", name=phrases.QR_NAME_RE).filter(visible=True)
                observed["qr"] = (self.accessible_name(codes.first) if codes.count() else "", self.see())
            elif statement.kind == "channel" and "channels" not in observed and not statement.subject.startswith(
                    "final_code"):
                channels = {"screen": bool(self.page.get_by_role("status").count())}
                for channel in ("email", "sms"):  # a careful reader looks at both, and reads what came
                    channels[channel] = self.new_messages(channel)
                    if channels[channel]:
                        self.open_latest(channel, looking=True)
                observed["channels"] = channels
            elif statement.kind == "possible":
                what = statement.value[0] if isinstance(statement.value, tuple) else statement.value
                words = phrases.POSSIBLE_CONTROLS.get(what, ())
                try:
                    found = self.find(lambda words=words: [n for n, _ in self.all_controls(CLICKABLE)
                                                           if words and all(w in normalise_label(n) for w in words)],
                                      f"a control to {what.replace('_', ' ')}")
                    observed[f"possible:{what}"] = found[0]
                except Stuck:
                    observed[f"possible:{what}"] = ""
            elif statement.kind == "position" and statement.subject:
                words = " ".join(statement.text.split()[:2]) if statement.text else statement.subject
                text = self.page.get_by_text(re.compile(re.escape(statement.subject), re.IGNORECASE)).or_(
                    self.page.get_by_text(re.compile(re.escape(words), re.IGNORECASE)))
                if text.count():
                    box = text.first.bounding_box()
                    size = self.page.evaluate("() => [document.documentElement.scrollWidth, "
                                              "document.documentElement.scrollHeight]")
                    if box:
                        observed[f"position:{normalise_label(statement.subject)}"] = (
                            (box["x"], box["y"] + self.page.evaluate("() => window.scrollY"), box["width"],
                             box["height"]), tuple(size))

    def picture(self, name: str) -> str | None:
        """A JPEG of the screen now shown, for the report (relative to the report folder)."""
        try:
            if self.page is not None and not self.page.is_closed():
                path = Path("screens") / f"{_safe(self.prefix + name + '-' + self.current)}.jpg"
                self.page.screenshot(path=str(self.report_dir / path), type="jpeg", quality=70)
                return path.as_posix()
        except PlaywrightError:
            pass
        return None

    def stuck_step(self, gesture: phrases.Gesture, stuck: Stuck) -> Step:
        shot = stuck.screenshot or self.picture("stuck")
        return Step(self.current, "stuck", gesture.text or gesture.action, stuck.detail, looking_for=stuck.looking_for,
                    offered=stuck.offered, screen=self.last_screen, screenshot=shot)

    def gap(self, about: str, detail: str) -> None:
        assert self.record is not None
        if any(step.verdict == "gap" and step.claim == about for step in self.record.steps):
            return  # the same guess again (a form shown twice): one gap
        self.record.steps.append(Step(self.current, "gap", about, detail, kind="gap", screen=self.last_screen))

    # --- gestures
    def perform(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        action = gesture.action
        handler = getattr(self, f"do_{action}", None)
        if handler is None:
            raise Stuck(f"the follower cannot {action}", action)
        if self.on_app and action in APP_ACTIONS and self.app_has(gesture):
            return self.on_the_app(handler, gesture)
        if action not in ("open_app", "scan"):
            self.to_pc()  # what the app does not show is on the computer: the person turns back to it
        if self.page is not None and not self.page.is_closed():
            self.show(self.page)  # back on the person's screen after a look at the mailbox or the phone
        return handler(gesture)

    # --- the phone's EU Login app
    def is_app(self, url: str) -> bool:
        """Whether a tab shows the phone's app (or the app put down: a blank tab)."""
        number = "/" + self.identity.mobile + "/app"  # the phone's app, wherever the phone is served
        return url == "about:blank" or (_site_of(url) == "phone" and (number + "/") in _path(url) + "/")

    def app_url(self) -> str:
        return self.addresses.device("app", self.identity.mobile)

    def app_tab(self, *, home: bool = False) -> Page:
        """The app's tab, showing the app (where the person left it, or its home screen)."""
        if self.app is None or self.app.is_closed():
            self.app = self.context.new_page()
            self.front = self.app
        if home or not self.app.url.startswith("http"):
            url = self.app_url() if home else (self.app_resume or self.app_url())
            try:
                response = self.app.goto(url)
            except PlaywrightError as error:
                raise Stuck(f"the phone's EU Login app did not open: {str(error).splitlines()[0]}",
                            "the EU Login app on the phone") from None
            if response is None or response.status >= 400:
                raise Stuck(f"the phone has no EU Login app here ({url} answered "
                            f"{response.status if response else 'nothing'})", "the EU Login app on the phone")
        return self.app

    @contextmanager
    def phone_in_hand(self):
        """Act on the app with the follower's usual means: ``self.page`` is the app's tab meanwhile."""
        computer, self.page = self.page, self.app_tab()
        self.show(self.page)
        try:
            yield self.page
        finally:
            self.page = computer

    def app_has(self, gesture: phrases.Gesture) -> bool:
        """Whether the app shows what the gesture acts on (else the person looks at the computer)."""
        with self.phone_in_hand():
            if gesture.action == "click":
                return gesture.role != "icon" and self.control((gesture.target, *gesture.alternatives),
                                                               gesture.role) is not None
            if gesture.action == "fill":
                return bool(self.fields(gesture.target))
            return bool(self.labelled(gesture.target))

    def on_the_app(self, handler, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        """A gesture on the app; when the app then says it is done (a status), the computer goes on by itself."""
        before = self.page.url
        with self.phone_in_hand() as app:
            detail, element = handler(gesture)
            done = gesture.action == "click" and bool(app.get_by_role("status").count())
        if done:
            self.pc_went = self.wait_for_pc(before)
        return f"on the phone's app: {detail}", element

    def wait_for_pc(self, before: str) -> bool:
        """The computer was at ``before`` when the app confirmed: wait (web-first) for it to go on by itself."""
        try:
            if self.page.url == before:
                expect(self.page).not_to_have_url(before, timeout=APP_TIMEOUT_MS)
            self.page.wait_for_load_state()
        except (AssertionError, PlaywrightError):
            return False
        return True

    def to_pc(self) -> None:
        """The person puts the phone down (its app blank until they take it again) and looks at the computer."""
        if not self.on_app:
            return
        self.on_app = False
        if self.app is not None and not self.app.is_closed() and self.app.url.startswith("http"):
            url = self.app.url  # a GET of the app's own address shows that screen again; a form's result does not
            self.app_resume = url if _path(url).endswith("/app") else self.app_url()
            self.app.goto("about:blank")  # an app screen left open polls, and may reload under a snapshot

    def do_open_app(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        waiting = gesture.within == "request"
        if waiting or not self.on_app:
            self.pc_went = None
        app = self.app_tab(home=waiting)  # a notification opens the app's home screen, with the request on it
        self.on_app = True
        self.show(app)
        if waiting:
            requests = app.get_by_role("form")
            try:
                expect(requests.first).to_be_visible(timeout=APP_TIMEOUT_MS)
            except AssertionError:
                self.record.observed["app:request"] = ""
                raise Stuck("no sign-in request came to the phone's EU Login app", "a sign-in request in the app",
                            tuple(n for n, _ in self.all_controls(CLICKABLE))) from None
            self.record.observed["app:request"] = self.accessible_name(requests.first)
        key = self.see(app)
        screen = self.rehearsal.screens.get(key)
        shown = f": « {self.record.observed['app:request']} »" if waiting else ""
        return f"opened the EU Login app on the phone ({screen.heading if screen else key}){shown}", None

    def do_use_pc(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        return f"back on the computer ({self.heading_of(self.see())})", None

    def do_pick(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        digits = gesture.count if gesture.count > 1 else rules.APP_PIN_LENGTH
        self.pin = _pin_for(self.identity.email, digits)
        return f"made up a PIN of {digits} digits", None

    def do_scan(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        """The app's camera reads the QR code the computer shows: a picture of it (an element screenshot) is the
        photo the app's file input takes, then the app's scan button."""
        self.to_pc()
        self.show(self.page)
        codes = self.page.get_by_role("img", name=phrases.QR_NAME_RE).filter(visible=True)
        if not codes.count():
            raise Stuck("no QR code on the computer's screen to scan", "a QR code on the computer's screen",
                        tuple(n for n in self.names("img") if n))
        codes.first.scroll_into_view_if_needed()
        picture = codes.first.screenshot(type="png")
        self.pc_went = None
        self.on_app = True
        with self.phone_in_hand() as app:
            if gesture.target:
                names, looking = (gesture.target,), f"a button « {gesture.target} » in the app"
                look = lambda: self.control(names, "button")  # noqa: E731
            else:
                looking = "a button of the app that scans"
                look = lambda: next(((loc, n) for n, loc in self.main_controls(("button",))  # noqa: E731
                                     if phrases.SCAN_NAME_RE.search(n)), None)
            locator, name = self.find(look, looking, offered=lambda: tuple(n for n, _ in self.main_controls(
                ("button",))))
            camera = app.locator("input[type=file]")
            if not camera.count():
                raise Stuck("the app has no camera to take the QR code's picture", "the app's camera")
            camera.first.set_input_files({"name": "qr.png", "mimeType": "image/png", "buffer": picture})
            element = self.element_named(name)
            self.submit(locator, name)
        return f"scanned the computer's QR code with the app's « {name} »", element

    def labelled(self, label: str) -> list[tuple[str, Locator]]:
        """The editable text fields named ``label`` on the screen now shown."""
        pattern = name_pattern(label)
        return [(name, box) for name, box in self.visible_textboxes() if pattern.match(name)]

    def do_fill_in(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        label = gesture.target
        (name, box), *_ = self.find(lambda: self.labelled(label), f"a field « {label} »", offered=self.field_names)
        kind = phrases.field_kind(name) or gesture.role or None
        if gesture.within and kind not in phrases.PERSON_DATA:
            value = gesture.within  # the text's example: the person has no value of their own for it
            if kind in ("pin", "pin_confirm"):
                self.pin = value  # the PIN they will type on the phone too
        elif kind in KNOWN_VALUES:
            value = self.value_of(kind, box)
        else:
            raise Stuck(f"the text does not say what to type in « {name} »", f"what to type in « {label} »")
        box.fill(value)
        return f"typed the {phrases.FIELD_WORDS.get(kind, kind)} in « {name} »", None

    def do_open(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        url = gesture.target
        host = urlsplit(url).hostname or ""
        if host not in rules.MOCK_HOSTS or host in rules.DEVICE_HOSTS:
            raise Stuck(f"{url} is not an address of the sites this guide is about", url)
        try:
            response = self.page.goto(self.addresses.url(url))
        except PlaywrightError as error:
            raise Stuck(f"{url} did not open: {str(error).splitlines()[0]}", url) from None
        if response is None or response.status >= 400:
            raise Stuck(f"{url} answered {response.status if response else 'nothing'}", url)
        key = self.see()
        self.rehearsal.urls.setdefault(url, key)
        return f"opened {url}: {self.heading_of(key)}", None

    def do_fill(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        kind = gesture.target
        if kind == "phone" and self.probe_point is None and not self.lists(""):
            self.probe_point = self.snapshot("probe:phone")
        boxes = self.find(lambda: self.fields(kind), f"a field for {phrases.FIELD_WORDS.get(kind, kind)}",
                          offered=self.field_names)
        boxes = [box for box in boxes if not box[1].input_value()] or boxes
        value = self.value_of(kind, boxes[0][1])
        filled = []
        for name, box in boxes[: max(1, gesture.count)]:
            box.fill(value)
            filled.append(name)
        if gesture.count > len(filled):
            raise Stuck(f"the screen asks {phrases.FIELD_WORDS.get(kind, kind)} {len(filled)} time(s), not "
                        f"{gesture.count}", f"{gesture.count} fields for {kind}", tuple(filled))
        return f"typed the {kind.replace('_', ' ')} in « " + " », « ".join(filled) + " »", None

    def do_fill_form(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        filled = []
        for name, box in self.empty_fields():
            kind = phrases.field_kind(name)
            if kind is None or kind not in phrases.PERSON_DATA:
                continue
            box.fill(self.value_of(kind, box))
            filled.append(name)
        if not filled:
            raise Stuck("no field of the form could be filled from the person's data", "the form's fields",
                        tuple(self.field_names()))
        return "filled « " + " », « ".join(filled) + " »", None

    def do_tick(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        words = gesture.target
        names = self.names("checkbox")
        for index, name in enumerate(names):
            if not words or _words_in(words, name):
                self.page.get_by_role("checkbox").nth(index).check()
                return f"ticked « {name} »", None
        raise Stuck(f"no box « {words} » to tick", f"a box « {words} »", tuple(names))

    def do_click(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        if not gesture.target:
            return self.click_unnamed(gesture)
        names = (gesture.target, *gesture.alternatives)
        locator, name = self.find(lambda: self.control(names, gesture.role), self.looking_for(gesture),
                                  offered=lambda: self.closest(gesture.target, CLICKABLE + ("option",)))
        element = self.element_named(name)
        if locator is None:  # an option of a list
            return self.choose_option(gesture.target, "")
        self.submit(locator, name)
        return f"clicked « {name} »", element

    def click_unnamed(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        """« validez-le »: the one button of the form, which the text does not name."""
        buttons = self.main_controls(("button",))
        if len(buttons) != 1:
            raise Stuck("the text does not name the button, and the screen has "
                        f"{len(buttons)}", "the button that validates", tuple(n for n, _ in buttons))
        name, locator = buttons[0]
        self.gap(gesture.text or "validate", f"the button behind « {gesture.text.strip() or 'validez'} »: "
                 f"« {name} »")
        self.submit(locator, name)
        return f"clicked « {name} »", self.element_named(name)

    def do_open_list(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        lists = self.find(lambda: self.lists(gesture.target), f"a list « {gesture.target} »",
                          offered=lambda: self.closest(gesture.target, ("combobox", "listbox")))
        name, locator = lists[0]
        locator.focus()
        return f"opened the list « {name} »", self.element_named(name)

    def do_choose(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        return self.choose_option(gesture.target, gesture.within)

    def choose_option(self, option: str, within: str) -> tuple[str, Element | None]:
        for name, locator in self.find(lambda: self.lists(within) if within else self.lists(""),
                                       f"a list with « {option} »", offered=lambda: tuple(self.names("combobox"))):
            choice = locator.get_by_role("option", name=name_pattern(option))
            if choice.count() == 1:
                locator.select_option(label=choice.inner_text().strip())
                self.chosen.append(option)
                return f"chose « {option} » in « {name} »", self.element_named(name)
        options = tuple(dict.fromkeys(o for _, loc in self.lists("") for o in loc.get_by_role("option")
                                      .all_inner_texts()))
        raise Stuck(f"no option « {option} » in the lists of the screen", f"the option « {option} »",
                    _closest(option, options))

    def do_type_code(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        boxes = self.find(self.code_boxes, "boxes to type a code in", offered=self.field_names)
        if all(box.input_value() for box in boxes):
            return "the code is typed already", None
        final = gesture.within == "final_code"
        channel = gesture.target or (self.final_channel if final else self.last_channel) or "email|sms"
        code, key = self.latest_code(channel)
        if code is None:
            raise Stuck(f"no code came by {channel.replace('|', ' or ')}", f"a code by {channel}")
        if gesture.within == "challenge" and self.typed.get(key, self.current) != self.current:
            # a challenge is the code just sent: the newest message's was typed already, for another sign-in
            raise Stuck(f"no new code came by {channel.replace('|', ' or ')}: the newest, {key}, was typed at "
                        f"{self.typed[key]}", f"a code by {channel}")
        parts = code.split("-")
        if len(parts) != len(boxes):
            size = max(1, len(code.replace("-", "")) // len(boxes))
            flat = code.replace("-", "")
            parts = [flat[i * size:(i + 1) * size] for i in range(len(boxes))]
        typed = [part.lower() if self.lower_case else part for part in parts]
        for box, part in zip(boxes, typed, strict=True):
            box.fill(part)
        self.pending_code = (code, key)
        self.typed.setdefault(key, self.current)
        return f"typed the code of {key}" + (" in lower case" if self.lower_case else ""), None

    def do_open_message(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        channel = gesture.target or self.last_channel or "email"
        key = self.open_latest(channel)
        return f"opened {key}", None

    def do_follow_link(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        if self.device is None or self.device.is_closed() or not self.device.get_by_role("article").count():
            self.open_latest(self.last_channel or "email")
        article = self.device.get_by_role("article")
        for name in (gesture.target, *gesture.alternatives):
            link = article.get_by_role("link", name=name_pattern(name))
            if link.count():
                box = link.first.bounding_box()
                frame = article.bounding_box()
                if box and frame:
                    self.record.observed["message_link"] = (
                        (box["x"], box["y"], box["width"], box["height"]),
                        (frame["x"], frame["y"], frame["width"], frame["height"]))
                self.show(self.device)
                link.first.click()
                # the link opens where the e-mail was read: that tab is now the person's screen
                self.page, self.device = self.device, self.page
                self.see()
                element = Element("link", name, tuple(box.values()) if box else None)
                return f"followed « {name} » in the message", element
        offered = tuple(article.get_by_role("link").all_inner_texts())
        raise Stuck(f"no link « {gesture.target} » in the message", f"the link « {gesture.target} »", offered)

    def do_scroll(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        self.see()
        self.page.mouse.wheel(0, VIEWPORT["height"])
        return "scrolled down", None

    def do_wait(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        came = self.wait_for(gesture)
        if not came:
            raise Stuck(f"waited for {self.describe_wait(gesture)}: nothing came", self.describe_wait(gesture))
        return f"{came} came", None

    def do_logout(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        controls = [(n, loc) for n, loc in self.main_controls(CLICKABLE) if phrases.is_logout(n)]
        if not controls:
            controls = [(n, loc) for n, loc in self.all_controls(CLICKABLE) if phrases.is_logout(n)]
        if not controls:
            raise Stuck("no control to log out on this screen", "a control to log out",
                        tuple(n for n, _ in self.all_controls(CLICKABLE)))
        name, locator = controls[0]
        self.gap(gesture.text or "logout", f"the control behind « {gesture.text.strip()} » on "
                 f"{urlsplit(self.page.url).path}: « {name} »")
        locator.click()
        self.page.wait_for_load_state()
        self.see()
        return f"logged out with « {name} »", None

    def do_sign_in_again(self, gesture: phrases.Gesture) -> tuple[str, Element | None]:
        """Sign in again as this stage's own instructions did (their open, clicks, fields and codes)."""
        # up to the final code; stage_gestures holds no logout nor sign-in again, and nothing is waited for twice
        replay = [g for g in itertools.takewhile(lambda g: g.within != "final_code", self.stage_gestures)
                  if g.action != "wait"]
        if not replay:
            raise Stuck("the text never said how to sign in", "a way to sign in")
        done = []
        before = len(self.record.steps)
        for again in replay:
            self.perform(again)
            done.append(again.action)
        guessed = [step.detail for step in self.record.steps[before:]]
        del self.record.steps[before:]  # signing in again is the gesture: what it took is its detail
        key = self.see()
        screen = self.rehearsal.screens[key]
        granted = screen.site == "rcam" and not self.code_boxes() and not self.page.get_by_role("alert").count()
        self.record.observed["signed_in_again"] = (key, granted)
        return "signed in again: " + ", ".join(done) + (f" ({'; '.join(guessed)})" if guessed else ""), None

    # --- waiting for messages
    def describe_wait(self, gesture: phrases.Gesture) -> str:
        what = {"final_code": "the final code", "challenge": "a code", "registration": "an e-mail"}.get(
            gesture.within, "a message")
        return f"{what} by {gesture.target.replace('|', ' or ') or 'any channel'}"

    def wait_for(self, gesture: phrases.Gesture) -> str | None:
        """Wait until a new message comes on the channel(s): in the harness, by moving the world's clock."""
        channels = [c for c in (gesture.target or "email|sms").split("|") if c]
        if gesture.within == "final_code" and self.final_key:
            return self.final_key  # it came already (the guide says to wait for it twice: 2.18 and stage 3)
        waited = timedelta(0)
        step = timedelta(minutes=1)
        while True:
            for channel in channels:
                if self.new_messages(channel):
                    key = self.open_latest(channel, looking=True)
                    if gesture.within in ("final_code", "challenge") and not code_in(self.message_text(key)):
                        continue  # another message: the person keeps waiting for the one with the code
                    self.last_channel = channel
                    if gesture.within == "final_code":
                        self.final_channel, self.final_key = channel, key
                    return key
            if waited >= MAX_WAIT:
                return None
            if not self.addresses.moves_clock:  # under serve the clock is the server's: look again, a bounded
                waited += MAX_WAIT / SERVE_LOOKS  # number of times
                continue
            self.world.clock.advance(step)
            waited += step
            step = step * 4

    def device_url(self, channel: str) -> str:
        return self.addresses.device(channel, self.identity.mobile if channel == "sms" else self.identity.email)

    def device_tab(self) -> Page:
        if self.device is None or self.device.is_closed():
            self.device = self.context.new_page()
            self.front = self.device  # a new tab opens in front
        return self.device

    def message_count(self, channel: str) -> int:
        """How many messages the mailbox (its table's rows, less the header) or the phone (its articles) shows."""
        tab = self.device_tab()
        tab.goto(self.device_url(channel))
        if channel == "sms":
            return self.role_count(tab, "article")
        return max(0, self.role_count(tab, "row") - 1)

    def role_count(self, page: Page, role: str) -> int:
        """How many elements of ``role`` the page's accessibility tree shows, as ``get_by_role(role).count()``
        counts them, but from the tree: Playwright's in-page script costs a new copy in every new document, and a
        look at the mailbox or the phone is a new document that needs nothing else of it."""
        tree = self.devtools(page).send("Accessibility.getFullAXTree")
        roles = (node.get("role", {}).get("value", "") for node in tree["nodes"] if not node.get("ignored"))
        return sum(1 for one in roles if ROLE_ALIASES.get(one, one) == role)

    def devtools(self, page: Page):
        """The page's DevTools session (one per tab, kept)."""
        session = self.sessions.get(page)
        if session is None:
            session = self.sessions[page] = page.context.new_cdp_session(page)
        return session

    def new_messages(self, channel: str, *, mark: bool = False) -> bool:
        """Whether a message came on the channel since the person last looked; ``mark``: they have seen it now."""
        url = self.device_url(channel)
        count = self.message_count(channel)
        came = count > self.seen_messages.get(url, 0)
        if mark:
            self.seen_messages[url] = count
        return came

    def open_latest(self, channel: str, *, looking: bool = False) -> str:
        """Open the newest message of the channel on the device tab and capture it; returns its key.

        ``looking``: the device tab shows the channel's messages already, loaded by ``new_messages`` just now."""
        tab = self.device_tab()
        url = self.device_url(channel)
        if not looking:
            tab.goto(url)
        self.last_channel = channel
        if channel == "sms":
            sms = tab.get_by_role("article").first
            expect(sms).to_be_visible(timeout=SCREEN_TIMEOUT_MS)
            self.seen_messages[url] = tab.get_by_role("article").count()
            body = " ".join(sms.get_by_role("paragraph").first.inner_text().split()) if sms.get_by_role(
                "paragraph").count() else " ".join(sms.inner_text().split())
            return self.capture_message("sms", tab, "", body, []).key
        rows = tab.get_by_role("row")
        self.seen_messages[url] = max(0, rows.count() - 1)
        links = tab.get_by_role("table").get_by_role("link")
        expect(links.first).to_be_visible(timeout=SCREEN_TIMEOUT_MS)
        self.show(tab)
        links.first.click()
        article = tab.get_by_role("article")
        expect(article).to_be_visible(timeout=SCREEN_TIMEOUT_MS)
        subject = " ".join(article.get_by_role("heading", level=1).inner_text().split())
        body = article.evaluate("el => (el.querySelector('.body') || el).innerText").strip()
        anchors = [(" ".join(a.split()), u) for a, u in article.get_by_role("link").evaluate_all(
            "els => els.map(e => [e.innerText, e.href])")]
        return self.capture_message("email", tab, subject, body, anchors).key

    def message_text(self, key: str) -> str:
        message = self.rehearsal.messages.get(key)
        return message.text if message else ""

    def latest_code(self, channel: str) -> tuple[str | None, str]:
        for one in channel.split("|"):
            key = self.open_latest(one)
            message = self.rehearsal.messages[key]
            code = code_in(message.text)
            if code:
                return code, key
        return None, ""

    # --- after a click: the screen comes, or the form is back with what it still needs
    def submit(self, locator: Locator, name: str) -> None:
        in_form, form = locator.evaluate(f"el => [!!el.form && (el.type === 'submit' || el.tagName === 'BUTTON'), "
                                         f"({_FORM_JS})(el)]")
        if in_form:
            self.fill_gaps_before(locator, form)
        locator.click()
        self.page.wait_for_load_state()
        if in_form:
            self.resolve_refusals(name)
        self.see()

    def fill_gaps_before(self, button: Locator, form: int | None = None) -> None:
        """Required fields the text did not mention: filled from the person's data, each a gap.

        ``form``: the button's form (``_FORM_JS``), when the caller has read it already."""
        for label, box in self.empty_fields(form_of=button, form=form):
            kind = phrases.field_kind(label)
            if kind == "captcha":
                box.fill(self._read_captcha_picture())
                self.gap(label, f"the security code « {label} » (read off the picture)")
            elif kind is not None and kind in phrases.PERSON_DATA and kind not in NO_GAP_FILL:
                box.fill(self.value_of(kind, box))
                self.gap(label, f"a required field the text does not mention: « {label} », filled with the "
                         f"person's {kind.replace('_', ' ')}")

    def resolve_refusals(self, name: str) -> None:
        """The form came back: tick the boxes it refused (gaps) and submit once more; else the text is stuck."""
        alerts = self.page.get_by_role("alert")
        if not alerts.count():  # the sites render refusals with the page: loaded, it has them or has none
            return
        invalid = self.page.locator("[aria-invalid=true]")
        fixed = False
        for index in range(invalid.count()):
            box = invalid.nth(index)
            role = box.evaluate("el => el.type")
            label = self.accessible_name(box)
            if role == "checkbox" and not box.is_checked():
                box.check()
                self.gap(label, f"a required box the text does not mention: « {_short(label)} »")
                fixed = True
            elif role != "checkbox":
                kind = phrases.field_kind(label)
                if kind == "captcha":
                    box.fill(self._read_captcha_picture())
                    fixed = True
                elif kind in phrases.PERSON_DATA and kind not in NO_GAP_FILL:
                    box.fill(self.value_of(kind, box))
                    self.gap(label, f"a required field the text does not mention: « {label} »")
                    fixed = True
        said = " ".join(" ".join(a.split()) for a in alerts.all_inner_texts())
        pending = self.pending_code
        if not fixed and pending and self.lower_case:  # the code in lower case was refused: as written, then
            code, key = pending
            self.facts["case_insensitive"][key] = False
            boxes = self.code_boxes()
            for box, part in zip(boxes, code.split("-"), strict=False):
                box.fill(part)
            fixed = True
        if not fixed:
            raise Stuck(f"{self.having()}the screen refused it: « {said} »", f"the screen after « {name} »")
        again = self.page.get_by_role("button", name=name_pattern(name))
        self.fill_gaps_before(again.first)
        again.first.click()
        self.page.wait_for_load_state()
        if self.page.get_by_role("alert").count():
            said = " ".join(" ".join(a.split()) for a in self.page.get_by_role("alert").all_inner_texts())
            raise Stuck(f"{self.having()}the screen refused it: « {said} »", f"the screen after « {name} »")

    def having(self) -> str:
        """What the reader chose on the way, as the start of a refusal's detail."""
        return ("having chosen " + ", ".join(f"« {c} »" for c in self.chosen) + ", ") if self.chosen else ""

    def _read_captcha_picture(self) -> str:
        """The person's one read of the world: the captcha's answer, as a person reads it off the picture."""
        image = self.page.get_by_role("img", name=re.compile(r"code", re.IGNORECASE)).first
        src = image.get_attribute("src") or ""
        return self.world.captchas[src.rsplit("/", 1)[-1].removesuffix(".svg")]

    # --- finding things on the screen
    def find(self, look: Callable[[], object], looking_for: str, *, offered: Callable[[], tuple] | None = None):
        """``look()`` until it finds something; else take the screen's single way forward (a gap) and look again.

        A search that fails keeps none of its gaps: the reader is stuck where the text left them."""
        found = look()
        if found:
            return found
        first = self.heading_of(self.see())
        shown = tuple(offered()) if offered else ()  # what the screen where the text left the reader offers
        shot = self.picture("stuck")
        steps = len(self.record.steps) if self.record is not None else 0
        for _hop in range(MAX_HOPS):
            if not self.single_way_forward(looking_for):
                break
            found = look()
            if found:
                return found
        tried = [step.claim for step in self.record.steps[steps:]] if self.record is not None else []
        if self.record is not None:
            del self.record.steps[steps:]
        detail = f"{looking_for} is not on the screen ({first})"
        if tried:
            detail += f", nor after « {'», «'.join(tried[-1:])} » ({self.heading_of(self.see())})"
        raise Stuck(detail, looking_for, shown, shot)

    def single_way_forward(self, looking_for: str) -> bool:
        """A gap: the screen has one way on (the form's one button, or the one link of the page's content)."""
        buttons = self.main_controls(("button",))
        links = self.main_controls(("link",))
        if len(buttons) == 1:
            name, locator = buttons[0]
            self.gap(name, f"looking for {looking_for}, took the screen's single way forward « {name} »")
            self.submit(locator, name)
            return True
        if not buttons and len(links) == 1:
            name, locator = links[0]
            self.gap(name, f"looking for {looking_for}, took the screen's single way on « {name} »")
            locator.click()
            self.page.wait_for_load_state()
            self.see()
            return True
        return False

    def main(self) -> Locator:
        return self.page.get_by_role("main")

    def shown(self, locator: Locator) -> list[tuple[Locator, dict]]:
        """The visible elements of ``locator`` (Playwright's own visibility), in document order, each with what the
        follower reads of it (``_READ_JS``: name, text, editable, value, form), in one round trip."""
        visible = locator.filter(visible=True)
        reads = visible.evaluate_all(_READ_JS)
        for read in reads:
            read["name"] = " ".join(read["name"].split())  # as ``accessible_name``
        return [(visible.nth(index), read) for index, read in enumerate(reads)]

    def main_controls(self, roles: tuple[str, ...]) -> list[tuple[str, Locator]]:
        return [(" ".join(read["text"].split()) or read["name"], locator)
                for role in roles for locator, read in self.shown(self.main().get_by_role(role))]

    def all_controls(self, roles: tuple[str, ...]) -> list[tuple[str, Locator]]:
        return [(read["name"], locator) for role in roles for locator, read in self.shown(self.page.get_by_role(role))]

    def control(self, names: tuple[str, ...], role: str) -> tuple[Locator | None, str] | None:
        if role == "icon":
            for element in self.screen_elements():
                if element.role == "button" and phrases.icon_matches(names[0], element.name):
                    locator = self.page.get_by_role("button", name=element.name, exact=True)
                    if locator.count() and locator.first.is_visible():
                        return locator.first, element.name
            return None
        roles = {"button": ("button",), "link": ("link",), "menu": ("menuitem", "link", "button")}.get(
            role, CLICKABLE)
        for name in names:
            pattern = name_pattern(name)
            for one in roles:
                locator = self.page.get_by_role(one, name=pattern).filter(visible=True)
                if locator.count():
                    return locator.first, name
        for name in names:  # an option of a list is clicked too ("Dans la liste qui s’ouvre: Clic sur …")
            for _, lst in self.lists(""):
                if lst.get_by_role("option", name=name_pattern(name)).count() == 1:
                    return None, name
        return None

    def lists(self, label: str) -> list[tuple[str, Locator]]:
        return [(read["name"], box) for box, read in self.shown(self.page.get_by_role("combobox"))
                if not label or normalise_label(read["name"]) == normalise_label(label)]

    def fields(self, kind: str) -> list[tuple[str, Locator]]:
        found = []
        for name, box in self.visible_textboxes():
            if phrases.field_kind(name) == kind:
                found.append((name, box))
        return found

    def visible_textboxes(self) -> list[tuple[str, Locator]]:
        return [(read["name"], box) for box, read in self.editable_textboxes()]

    def editable_textboxes(self) -> list[tuple[Locator, dict]]:
        return [(box, read) for box, read in self.shown(self.main().get_by_role("textbox")) if read["editable"]]

    def empty_fields(self, form_of: Locator | None = None, form: int | None = None) -> list[tuple[str, Locator]]:
        """The visible, editable, empty text fields (of ``form_of``'s form only, when given; ``form``: that form,
        read already)."""
        if form_of is not None and form is None:
            form = form_of.evaluate(_FORM_JS)
        return [(read["name"], box) for box, read in self.editable_textboxes()
                if not read["value"] and (form_of is None or read["form"] == form)]

    def code_boxes(self) -> list[Locator]:
        groups = self.main().get_by_role("group")
        for index in range(groups.count()):
            boxes = groups.nth(index).get_by_role("textbox")
            if boxes.count() >= 2:
                return [boxes.nth(i) for i in range(boxes.count())]
        return []

    def accessible_name(self, locator: Locator) -> str:
        return " ".join((locator.evaluate(_NAME_JS) or "").split())

    def field_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.visible_textboxes())

    def names(self, role: str) -> list[str]:
        return [" ".join((name or "").split()) for name in
                self.page.get_by_role(role).evaluate_all(f"els => els.map({_NAME_JS})")]

    def screen_elements(self) -> list[Element]:
        key = self.see()
        screen = self.rehearsal.screens.get(key)
        return screen.elements if screen else []

    def element_named(self, name: str, roles: tuple[str, ...] = (*CLICKABLE, "combobox", "option")) -> Element | None:
        """The element of the screen now shown with that name, a control first (a group may share its name)."""
        wanted = normalise_label(name)
        self.element_screen = self.see()
        screen = self.rehearsal.screens.get(self.element_screen)
        named = [e for e in (screen.elements if screen else ()) if normalise_label(e.name) == wanted]
        return next((e for e in named if e.role in roles), named[0] if named else None)

    def closest(self, name: str, roles: tuple[str, ...]) -> tuple[str, ...]:
        names = tuple(dict.fromkeys(e.name for e in self.screen_elements() if e.role in roles and len(e.name) > 2))
        return _closest(name, names)

    def looking_for(self, gesture: phrases.Gesture) -> str:
        kind = {"icon": "an icon", "link": "a link", "button": "a button", "menu": "a menu"}.get(
            gesture.role, "a button or link")
        return f"{kind} « {gesture.target} »"

    def value_of(self, kind: str, box: Locator) -> str:
        identity = self.identity
        if kind == "password":
            if not self.password:
                self.password = _password_for(identity.email)
            return self.password
        if kind == "birth_date":
            hint = self.accessible_description(box)
            fmt = rules.DAY_MONTH_YEAR if re.search(r"jj/mm/aaaa|dd/mm/yyyy", hint, re.IGNORECASE) else "%Y-%m-%d"
            return identity.birth_date.strftime(fmt)
        if kind in ("pin", "pin_confirm"):
            if not self.pin:
                self.pin = _pin_for(identity.email, rules.APP_PIN_LENGTH)
            return self.pin
        if kind == "device_name":
            return DEVICE_NAME
        values = {"email": identity.email, "email_confirm": identity.email, "phone": identity.mobile,
                  "pension_number": identity.pension_number, "first_name": identity.first_name,
                  "last_name": identity.last_name}
        return values[kind]

    def accessible_description(self, locator: Locator) -> str:
        return locator.evaluate("el => (el.getAttribute('aria-describedby') || '').split(' ')"
                                ".map(id => document.getElementById(id)).filter(Boolean)"
                                ".map(n => n.innerText).join(' ')") or ""

    # --- the notebook
    def heading_of(self, key: str | None) -> str:
        screen = self.rehearsal.screens.get(key or "")
        return f"« {screen.heading} »" if screen else "no screen"

    def see(self, page: Page | None = None) -> str:
        """Capture the screen now shown (unless unchanged since it was last captured); returns its key."""
        page = page or self.page
        page.wait_for_load_state()
        session = self.devtools(page)
        tree = session.send("Accessibility.getFullAXTree")
        elements, heading = _elements(tree, None)  # roles and names tell a screen seen before: no boxes needed
        site = _site_of(page.url)
        base = f"{site}:{screen_name(heading, site)}"
        shown = [(e.role, e.name) for e in elements]
        for key, seen in self.rehearsal.screens.items():
            if self.bases.get(key) == base and seen.url == page.url and [(e.role, e.name) for e in
                                                                         seen.elements] == shown:
                self.note(key, page)
                return key
        key = self.new_key(base)
        elements, heading = _elements(tree, session.send("DOMSnapshot.captureSnapshot", {"computedStyles": []}))
        shot = Path("screens") / f"{_safe(key)}.png"
        page.screenshot(path=str(self.report_dir / shot), full_page=True)
        data = page.evaluate(PAGE_DATA_JS)
        text = data.pop("text")
        self.rehearsal.screens[key] = ScreenCapture(key=key, site=site, url=page.url, heading=heading,
                                                    elements=elements, text=text, screenshot=shot.as_posix(),
                                                    data=data)
        if "code_format" in data:
            self.facts["code_formats"][key] = list(data["code_format"])
        if "password_policy" in data and "password_policy" not in self.facts:
            policy = data["password_policy"]
            self.facts["password_policy"] = {k: policy[k] for k in ("min_length", "min_groups", "group_count")
                                             if k in policy}
        self.bases[key] = base
        self.note(key, page)
        return key

    def note(self, key: str, page: Page) -> None:
        if page is self.page:
            self.last_screen = key
        if self.record is not None and key not in self.record.keys:
            self.record.keys.append(key)

    def new_key(self, base: str) -> str:
        taken = set(self.rehearsal.screens) | set(self.rehearsal.messages)
        base = self.prefix + base
        if base not in taken:
            return base
        key = f"{base}@{self.current}" if self.current else base
        n = 2
        while key in taken:
            key, n = f"{base}@{self.current}#{n}", n + 1
        return key

    def capture_message(self, channel: str, page: Page, subject: str, body: str,
                        links: list[tuple[str, str]]) -> MessageCapture:
        screen = self.see(page)
        name = screen_name(subject) if subject else screen_name(_sms_pattern(body))
        key = self.new_key(f"{channel if channel == 'sms' else 'email'}:{_message_name(name)}")
        message = MessageCapture(key=key, channel=channel, subject=subject, text=body, links=links, screen=screen)
        for seen in self.rehearsal.messages.values():
            if seen.channel == channel and seen.subject == subject and seen.text == body:
                if self.record is not None and seen.key not in self.record.keys:
                    self.record.keys.append(seen.key)
                return seen
        self.rehearsal.messages[key] = message
        if self.record is not None:
            self.record.keys.append(key)
        code = code_in(body)
        if code:
            self.facts["code_formats"][key] = code_format(code)
        return message


_NAME_JS = """el => {
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
  const by = el.getAttribute('aria-labelledby');
  if (by) return by.split(' ').map(id => document.getElementById(id)).filter(Boolean).map(n => n.innerText).join(' ');
  if (el.labels && el.labels.length) return el.labels[0].innerText;
  if (el.tagName === 'IMG') return el.alt || '';
  return el.innerText || el.value || el.title || '';
}"""

# The form an element belongs to, as an index in the document's forms (-1: none).
_FORM_JS = "el => el.form ? Array.from(document.forms).indexOf(el.form) : -1"

# What the follower reads of each element it may use, in one round trip: its accessible name (as ``_NAME_JS``), its
# text, whether it is editable (as Playwright's ``is_editable``: not disabled, natively or by
# aria-disabled up the tree, nor read-only), its value, and its form.
_READ_JS = f"""els => els.map(el => {{
  const name = ({_NAME_JS})(el);
  const native = ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
  const readonly = native ? el.hasAttribute('readonly') : el.getAttribute('aria-readonly') === 'true';
  const disabled = (native && el.matches(':disabled')) || !!el.closest('[aria-disabled="true"]');
  return {{name: name || '', text: el.innerText || '',
           editable: !readonly && !disabled, value: 'value' in el ? String(el.value) : '',
           form: ({_FORM_JS})(el)}};
}})"""

# Read off the page in one go: the password policy, the boxes a code is typed in, the prefilled fields (and the
# page's text, which ``see`` keeps apart).
PAGE_DATA_JS = """() => {
  const data = {};
  const rules = document.querySelectorAll('[data-rule]');
  if (rules.length) {
    const policy = {};
    for (const el of rules) {
      const name = el.dataset.rule.replace(/-/g, '_');
      const value = el.dataset.value;
      policy[name] = value === undefined ? true : (/^\\d+$/.test(value) ? Number(value) : value);
    }
    const groups = document.querySelectorAll('[data-group]');
    if (groups.length) {
      policy.group_count = groups.length;
      policy.groups = Array.from(groups, g => g.innerText.trim());
    }
    const section = rules[0].closest('section') || rules[0].parentElement;
    const form = document.querySelector('form');
    if (section && form) {
      policy.below_form = section.getBoundingClientRect().top >= form.getBoundingClientRect().bottom - 1;
    }
    data.password_policy = policy;
  }
  for (const fieldset of document.querySelectorAll('fieldset')) {
    const boxes = Array.from(fieldset.querySelectorAll('input')).filter(i => i.type !== 'hidden');
    if (boxes.length >= 2 && boxes.every(b => b.maxLength > 0)) {
      data.code_format = [boxes.length, boxes[0].maxLength];
      break;
    }
  }
  const fields = {};
  for (const input of document.querySelectorAll('input, select')) {
    if (['hidden', 'password', 'checkbox', 'radio', 'submit'].includes(input.type) || !input.value) continue;
    if (input.closest('[hidden]')) continue;
    const label = (input.labels && input.labels[0] && input.labels[0].innerText.trim())
      || input.getAttribute('aria-label') || input.name;
    fields[label] = input.tagName === 'SELECT' ? input.selectedOptions[0].innerText.trim() : input.value;
  }
  if (Object.keys(fields).length) data.fields = fields;
  data.text = document.body.innerText;  // the page's visible text, as locator("body").inner_text() reads it
  return data;
}"""


def _path(url: str) -> str:
    """A URL's path as the sites read it (``+`` or ``%2B`` in a phone number alike)."""
    return unquote(urlsplit(url).path)


def _site_of(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host == rules.MAILBOX_HOST or "/_devices/mailbox" in parts.path:
        return "mailbox"
    if host == rules.PHONE_HOST or "/_devices/phone" in parts.path:
        return "phone"
    if parts.path.startswith("/RCAM"):
        return "rcam"
    return "eulogin"


def _sms_pattern(body: str) -> str:
    code = code_in(body)
    return body.replace(code, "{code}") if code else body


def _message_name(name: str) -> str:
    """``mail_register_subject`` → ``registration``; ``sms_challenge`` → ``challenge``: short message keys."""
    return {"mail_register_subject": "registration", "mail_phone_subject": "phone_added",
            "mail_final_code_subject": "final_code", "sms_challenge": "challenge"}.get(
        name, name.removeprefix("mail_").removesuffix("_subject"))


def _safe(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("_")


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _words_in(words: str, name: str) -> bool:
    wanted = [w for w in re.findall(r"\w+", normalise_label(words)) if len(w) > 3]
    folded = normalise_label(name)
    return bool(wanted) and all(w in folded for w in wanted)


def _closest(name: str, names: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    if not names:
        return ()
    wanted = normalise_label(name)
    scored = sorted(names, key=lambda n: -difflib.SequenceMatcher(None, wanted, normalise_label(n)).ratio())
    return tuple(scored[:3])


KNOWN_VALUES = frozenset({*phrases.PERSON_DATA, "pin", "pin_confirm", "device_name"})  # what ``value_of`` gives


def _pin_for(email: str, digits: int) -> str:
    """The PIN the person makes up: ``digits`` digits, not all the same nor in a row."""
    seed = sum(map(ord, email))
    return "".join(str((seed + 7 * i * i + 3 * i) % 10) for i in range(digits))


def _password_for(email: str) -> str:
    """The person's own password: long, from every group, never the e-mail's user part."""
    password = "Rehearsal-2026#x"
    user = email.split("@", 1)[0].lower()
    return password if user not in password.lower() else password + "9!"
