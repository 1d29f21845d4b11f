"""One browser run of the whole guide that captures everything the guide checker needs.

``rehearse()`` starts the mock sites (TLS, at the guide's hosts), launches Chromium through Playwright with the
same host mapping and network guard as the pytest harness, and plays the journey as a newcomer: the 1ère étape
(account, password, phone numbers), the 2ème (RCAM's first access), days passing, and the 3ème (the final
code, then « RCAM en ligne »). Codes are read off the fake phone and mailbox pages, as a person reads them.

After every screen it keeps a ``ScreenCapture``: the rendered h1, every element of Chromium's accessibility
tree (role, accessible name, box in the full-page screenshot), the visible text, a PNG, and data read off the
page (the password policy, the code boxes, prefilled fields). E-mails and SMS become ``MessageCapture``s.
On the way it measures facts: code formats, whether codes typed in lower case are accepted, which phone
numbers the add-number screen refuses, and whether each example password is accepted by the password screen.

Capture keys
------------
Screens: ``site:<label key of the h1>`` as in ``rehearse.screens.AFTER_INSTRUCTION`` (``eulogin:whoami_title``),
plus ``eulogin:gear_menu`` (a screen with the gear menu open: « Mon compte », « Déconnexion »). Messages:
``email:registration``, ``email:phone_added``, ``email:final_code``, ``sms:phone_challenge``,
``sms:sign_in_challenge``; the page that showed one is ``mailbox:<name>`` / ``phone:<name>``. A screen seen
again unchanged keeps its key (RCAM's landing page in the 3ème étape); a different screen under the same heading,
or another message of the same kind, is ``<key>@<instruction>``: ``eulogin:phones_title@1.9`` (the confirmation
that the number was added), ``sms:sign_in_challenge@3.2`` (the 3ème étape's sign-in code). ``by_instruction``
lists, for each bundled instruction, the screen it starts on, the screens and messages of its ``concerns`` and
the screen it leads to, as seen by the end of the instruction (see ``resolve_instructions``).

Facts
-----
``code_formats`` {message or screen key: [groups, size]}, ``case_insensitive`` {message key: True when the code
typed in lower case was accepted}, ``password_policy`` {min_length, min_groups, group_count} (the policy list's
``data-rule``/``data-value``), ``passwords`` {example: accepted?} and ``password_errors`` {example: the error
shown}, ``phone_rules`` {rule of ``verify.PHONE_PROBES``: True when its probe was refused}, ``phone_refused``
{number: refused?} and ``phone_errors`` {number: the error shown}. ``urls`` {URL typed: key of the screen it
led to, or None}.

The key names what the rehearsal knows it is looking at (it follows the map); everything inside a capture is
read off the rendered page. Labels are never taken from ``mock_sites.labels`` except to find one's way, as the
page objects do: a label changed in a template shows up in the capture, not in the key.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from mock_sites import mail, notify, rules
from mock_sites.labels import fr, text
from mock_sites.server import MockServer, start_tls
from mock_sites.world import Identity, World
from rehearse.browser import chromium_path
from rehearse.guard import NetworkGuard
from rehearse.pages import EuLogin, Mailbox, Phone, Rcam
from rehearse.screens import AFTER_INSTRUCTION

from .capture import Element, MessageCapture, Rehearsal, ScreenCapture
from .claims import normalise_url
from .verify import PHONE_PROBES

__all__ = ["EULOGIN_URL", "RCAM_URL", "RehearsalError", "rehearse", "resolve_instructions"]

EULOGIN_URL = "https://webgate.ec.europa.eu/cas"  # what the guide makes the reader type (1.1)
RCAM_URL = "https://webgate.ec.europa.eu/RCAM/"  # (2.13, 3.1)
VIEWPORT = {"width": 1280, "height": 800}
ACTION_TIMEOUT_MS = 10_000  # the mocks answer in milliseconds: a stuck step should fail in seconds
SCREEN_TIMEOUT_MS = 5_000
DAYS_PASS = rules.SSO_LIFETIME + rules.FINAL_CODE_DELAY + timedelta(hours=1)  # between the 2ème and 3ème étape

# Accessibility-tree roles that are layout or text runs, not elements a guide can name.
NOISE_ROLES = frozenset({"StaticText", "InlineTextBox", "LineBreak", "generic", "none", "RootWebArea",
                         "LabelText", "MenuListPopup", "ListMarker", "Ignored", "presentation"})
UNNAMED_ROLES = frozenset({"textbox", "combobox", "checkbox", "radio", "button", "link", "heading", "option"})
ROLE_ALIASES = {"MenuListOption": "option", "image": "img"}
CODE_RE = re.compile(r"(?<![\w-])[A-Za-z0-9]{2,}(?:-[A-Za-z0-9]{2,})+(?![\w-])")

# Read off the page in one go: the password policy, the boxes a code is typed in, the prefilled fields.
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
  return data;
}"""


class RehearsalError(RuntimeError):
    """The journey could not be played through the screens; the message says where and what was seen."""


Progress = Callable[[str], None]


def rehearse(*, example_passwords: Iterable[str] = (), urls: Iterable[str] = (), report_dir: Path,
             progress: Progress | None = None, headed: bool = False) -> Rehearsal:
    """Play the whole guide once in Chromium against fresh mock sites and return what was captured.

    Screenshots go to ``report_dir/screens/<key>.png`` (paths in the captures are relative to ``report_dir``).
    Each of ``example_passwords`` is tried on the password screen of a fresh account; each of ``urls`` (the
    URLs the guides make the reader type, beyond the journey's own) is opened in a fresh browser session and
    recorded in ``Rehearsal.urls`` with the key of the captured screen it leads to, or None. Raises
    ``RehearsalError`` when the journey cannot be played (a screen that never came, a request the network
    guard stopped) and ``rehearse.browser.BrowserNotFound`` when there is no Chromium.
    """
    arguments = dict(example_passwords=list(example_passwords), urls=list(urls), report_dir=Path(report_dir),
                     progress=progress, headed=headed)
    if not _asyncio_loop_running():
        return _rehearse(**arguments)
    # Playwright's sync API refuses to start inside a running asyncio loop (pytest-playwright's own session
    # runs one): give it a thread of its own.
    outcome: dict = {}

    def target() -> None:
        try:
            outcome["value"] = _rehearse(**arguments)
        except BaseException as error:  # raised again in the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=target, name="rehearsal")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _asyncio_loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _rehearse(*, example_passwords: list[str], urls: list[str], report_dir: Path, progress: Progress | None,
              headed: bool) -> Rehearsal:
    started = time.perf_counter()
    say = progress or (lambda line: None)
    screens_dir = report_dir / "screens"
    screens_dir.mkdir(parents=True, exist_ok=True)
    for old in screens_dir.glob("*.png"):
        old.unlink()
    executable = chromium_path()
    with _quiet_server_log():
        server = start_tls(World())
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=executable, headless=not headed,
                    args=["--host-resolver-rules=" + server.host_resolver_rules(),
                          "--disable-background-networking", "--disable-component-update", "--no-first-run"])
                try:
                    journey = _Journey(server, browser, report_dir, say)
                    try:
                        journey.play()
                        journey.try_passwords(example_passwords)
                        journey.open_urls(urls)
                    except (AssertionError, PlaywrightError) as error:  # a page object or a wait that failed
                        raise journey.broken(error) from error
                    journey.close()
                finally:
                    browser.close()
        finally:
            server.stop()
    if journey.guard.blocked:
        raise RehearsalError("the browser asked for hosts the mocks do not serve, and was stopped: "
                             + ", ".join(journey.guard.blocked))
    rehearsal = journey.rehearsal
    rehearsal.by_instruction = resolve_instructions(journey.timeline, journey.ends)
    rehearsal.seconds = round(time.perf_counter() - started, 2)
    say(f"rehearsal done: {len(rehearsal.screens)} screens, {len(rehearsal.messages)} messages "
        f"in {rehearsal.seconds:.1f} s")
    return rehearsal


def resolve_instructions(timeline: list[tuple[str, str]], ends: dict[str, int]) -> dict[str, list[str]]:
    """Each bundled instruction → the keys of the captures it concerns, in the order they were seen.

    ``timeline`` lists (key, base key) of every capture in order; ``ends[id]`` is how many captures had been
    made when the instruction was done. A base key of the map stands for its last capture by the end of the
    instruction, or, for what comes later (the final code after 2.18), its first capture after. An instruction
    also concerns the screen it starts on: the one the previous instruction of its stage led to.
    """
    def resolve(base: str, end: int) -> int | None:
        seen = [i for i, (_, b) in enumerate(timeline) if b == base]
        before = [i for i in seen if i < end]
        return before[-1] if before else (seen[0] if seen else None)

    resolved: dict[str, list[str]] = {}
    previous: str | None = None
    for instruction, after in AFTER_INSTRUCTION.items():
        if instruction not in ends:
            previous = None
            continue
        end = ends[instruction]
        indexes = [resolve(base, end) for base in (*after.concerns, after.key)]
        if previous is not None and previous.split(".")[0] == instruction.split(".")[0]:
            indexes.append(resolve(AFTER_INSTRUCTION[previous].key, ends[previous]))
        found = sorted({i for i in indexes if i is not None})
        resolved[instruction] = list(dict.fromkeys(timeline[i][0] for i in found))
        previous = instruction
    return resolved


@contextmanager
def _quiet_server_log() -> Iterator[None]:
    """Werkzeug logs every request on stderr: keep stderr for the checker's own progress lines."""
    logger = logging.getLogger("werkzeug")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _safe(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("_")


def code_in(message_text: str) -> str | None:
    """The code a message carries: letters and digits in hyphen-separated groups (one with a letter first)."""
    found = CODE_RE.findall(message_text)
    with_letters = [c for c in found if any(ch.isalpha() for ch in c)]
    return (with_letters or found or [None])[0]


def code_format(code: str) -> list:
    """[groups, size] of a code as written (``ABCD-EFGH`` → [2, 4]); [groups, [sizes]] when they differ."""
    sizes = [len(part) for part in code.split("-")]
    return [len(sizes), sizes[0] if len(set(sizes)) == 1 else sizes]


def journey_password(policy: dict, email: str) -> str:
    """A password the screen's own policy accepts (long enough, every group), never the e-mail's user part."""
    length = max(int(policy.get("min_length") or 10), 12)
    base = "Rehearsal-2026#"
    password = (base * (length // len(base) + 1))[:max(length, len(base))]
    user = email.split("@", 1)[0].lower()
    return password if user not in password.lower() else password + "9!"


def _elements(tree: dict, snapshot: dict) -> tuple[list[Element], str]:
    """Chromium's accessibility tree as Elements in document order, with boxes; and the h1's name."""
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


class _Journey:
    """The person following the guide, and the notebook of everything seen on the way."""

    def __init__(self, server: MockServer, browser: Browser, report_dir: Path, say: Progress) -> None:
        self.server = server
        self.world = server.world
        self.browser = browser
        self.report_dir = report_dir
        self.say = say
        self.guard = NetworkGuard()
        self.rehearsal = Rehearsal()
        self.facts = self.rehearsal.facts
        for name in ("code_formats", "case_insensitive", "passwords", "password_errors", "phone_rules",
                     "phone_refused", "phone_errors"):
            self.facts[name] = {}
        self.timeline: list[tuple[str, str]] = []  # (key, base key) of every capture, revisits included
        self.bases: dict[str, str] = {}
        self.ends: dict[str, int] = {}
        self.current = ""
        self.identity: Identity = self.world.new_identity()
        self.password = ""
        self.context: BrowserContext | None = None
        self.page: Page | None = None
        self.device: Page | None = None  # the tab where the person reads their phone and mailbox
        self._cdp: dict[int, object] = {}
        self.new_browser_session()

    # --- the browser
    def new_browser_session(self) -> None:
        """A fresh browser session (nothing remembered), as after closing the browser."""
        if self.context is not None:
            self.context.close()
        self.context = self.guard.watch(self.browser.new_context(
            ignore_https_errors=True, locale="fr-FR", viewport=VIEWPORT))
        self.context.set_default_timeout(ACTION_TIMEOUT_MS)
        self.page = self.context.new_page()
        self.device = None
        self._cdp = {}

    def close(self) -> None:
        if self.context is not None:
            self.context.close()
            self.context = None

    @property
    def eulogin(self) -> EuLogin:
        return EuLogin(self.page)

    @property
    def rcam(self) -> Rcam:
        return Rcam(self.page)

    def cdp(self, page: Page):
        session = self._cdp.get(id(page))
        if session is None:
            session = self._cdp[id(page)] = page.context.new_cdp_session(page)
        return session

    # --- the notebook
    def at(self, instruction: str) -> None:
        self.current = instruction

    def done(self) -> None:
        """The current instruction is done: what was captured so far is what it may speak of."""
        self.ends[self.current] = len(self.timeline)
        after = AFTER_INSTRUCTION[self.current].key
        seen = [key for key, base in self.timeline if base == after]
        shown = self.rehearsal.screens.get(seen[-1]) if seen else None
        self.say(f"{self.current} {shown.heading if shown else after}")

    def new_key(self, base: str) -> str:
        taken = set(self.rehearsal.screens) | set(self.rehearsal.messages)
        if base not in taken:
            return base
        key = f"{base}@{self.current}" if self.current else base
        n = 2
        while key in taken:
            key, n = f"{base}@{self.current}#{n}", n + 1
        return key

    def expect_screen(self, heading_key: str, page: Page | None = None) -> None:
        """Wait for the screen the guide leads to (found by its heading, as the page objects find their way)."""
        page = page or self.page
        heading = page.get_by_role("heading", level=1, name=fr(heading_key, name=self.identity.full_name),
                                   exact=True)
        try:
            expect(heading).to_be_visible(timeout=SCREEN_TIMEOUT_MS)
        except AssertionError:
            raise RehearsalError(self.lost(f"the screen « {fr(heading_key, name=self.identity.full_name)} »",
                                           page)) from None

    def broken(self, error: BaseException) -> RehearsalError:
        """The journey stopped: say where, what went wrong, and keep a picture of the page."""
        said = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        if isinstance(error, RehearsalError):
            return error
        picture = ""
        try:
            path = self.report_dir / "screens" / "failure.png"
            self.page.screenshot(path=str(path), full_page=True)
            picture = f" (the page then: {path})"
        except PlaywrightError:
            pass
        url = self.page.url if self.page and not self.page.is_closed() else "?"
        return RehearsalError(f"during instruction {self.current or '(set-up)'} at {url}: {said}{picture}")

    def lost(self, wanted: str, page: Page) -> str:
        shown = page.get_by_role("heading", level=1)
        alerts = page.get_by_role("alert")
        said = [" ".join(a.split()) for a in alerts.all_inner_texts()]
        seen = " / ".join(shown.all_inner_texts()) or "no heading"
        return (f"during instruction {self.current or '(set-up)'}: expected {wanted}, but {page.url} shows "
                f"« {seen} »" + (f" with the alert « {' '.join(said)} »" if said else ""))

    def capture(self, base: str, *, page: Page | None = None, heading_key: str | None = None) -> str:
        """Capture the screen now shown as ``base`` (``site:heading key``); returns the key it was given.

        The same screen seen again unchanged (RCAM's landing page in the 3ème étape) keeps its first key."""
        page = page or self.page
        site, _, name = base.partition(":")
        if heading_key is None and site in ("eulogin", "rcam") and name != "gear_menu":
            heading_key = name
        if heading_key:
            self.expect_screen(heading_key, page)
        page.wait_for_load_state()
        session = self.cdp(page)
        tree = session.send("Accessibility.getFullAXTree")
        snapshot = session.send("DOMSnapshot.captureSnapshot", {"computedStyles": []})
        elements, heading = _elements(tree, snapshot)
        shown = page.locator("body").inner_text()
        for key, seen in self.rehearsal.screens.items():
            if (self.bases.get(key) == base and seen.url == page.url and seen.text == shown
                    and [(e.role, e.name) for e in seen.elements] == [(e.role, e.name) for e in elements]):
                self.timeline.append((key, base))
                return key
        key = self.new_key(base)
        shot = Path("screens") / f"{_safe(key)}.png"
        page.screenshot(path=str(self.report_dir / shot), full_page=True)
        data = page.evaluate(PAGE_DATA_JS)
        self.rehearsal.screens[key] = ScreenCapture(
            key=key, site=site, url=page.url, heading=heading, elements=elements, text=shown,
            screenshot=shot.as_posix(), data=data)
        if "code_format" in data:
            self.facts["code_formats"][key] = list(data["code_format"])
        self.bases[key] = base
        self.timeline.append((key, base))
        return key

    def capture_message(self, base: str, page: Page, channel: str, subject: str, body: str,
                        links: list[tuple[str, str]]) -> MessageCapture:
        site = "mailbox" if channel == "email" else "phone"
        screen = self.capture(f"{site}:{base.partition(':')[2]}", page=page)
        key = self.new_key(base)
        message = MessageCapture(key=key, channel=channel, subject=subject, text=body, links=links, screen=screen)
        self.rehearsal.messages[key] = message
        self.timeline.append((key, base))
        code = code_in(body)
        if code:
            self.facts["code_formats"][key] = code_format(code)
        return message

    # --- the fake devices, in a second tab: a person glances at their phone or opens their mail
    def device_tab(self) -> Page:
        if self.device is None or self.device.is_closed():
            self.device = self.context.new_page()
        return self.device

    def read_sms(self, base: str, number: str, *, capture: bool = True) -> tuple[str, str]:
        """The latest SMS on the phone ``number``: (its code, the key of its capture)."""
        phone = Phone(self.device_tab())
        phone.open(number)
        sms = phone.latest_sms()
        expect(sms, f"no SMS arrived on {number}").to_be_visible()
        body = " ".join(sms.evaluate("el => (el.querySelector('p') || el).innerText").split())
        key = self.capture_message(base, phone.page, "sms", "", body, []).key if capture else base
        code = code_in(body)
        if not code:
            raise RehearsalError(f"during instruction {self.current}: no code in the SMS « {body} » on {number}")
        return code, key

    def read_email(self, base: str, subject: str) -> MessageCapture:
        """Open the e-mail ``subject`` in the person's mailbox; the device tab stays on it (for its links)."""
        mailbox = Mailbox(self.device_tab())
        mailbox.open(self.identity.email)
        mailbox.open_message(subject)
        article = mailbox.message_body()
        expect(article).to_be_visible()
        shown_subject = " ".join(article.get_by_role("heading", level=1).inner_text().split())
        body = article.evaluate("el => (el.querySelector('.body') || el).innerText").strip()
        links = [(" ".join(anchor.split()), url) for anchor, url in article.get_by_role("link").evaluate_all(
            "els => els.map(e => [e.innerText, e.href])")]
        return self.capture_message(base, mailbox.page, "email", shown_subject, body, links)

    def type_code(self, code: str, message_key: str, enter: Callable[[str], None], submit: Callable[[], None],
                  next_screen: str, *, lower_case: bool = True) -> None:
        """Type ``code`` in lower case (the guide: any case) and submit; if refused, as written. Records which."""
        if not lower_case:
            enter(code.upper())
            submit()
            return
        enter(code.lower())
        submit()
        if self.accepted(next_screen):
            if any(c.isalpha() for c in code):  # digits only would prove nothing
                self.facts["case_insensitive"][message_key] = True
            return
        self.facts["case_insensitive"][message_key] = False
        enter(code)
        submit()

    def accepted(self, heading_key: str) -> bool:
        """After a submit: True when the screen ``heading_key`` came, False when the form is back with an alert."""
        heading = self.page.get_by_role("heading", level=1, name=fr(heading_key, name=self.identity.full_name),
                                        exact=True)
        try:
            expect(heading.or_(self.page.get_by_role("alert")).first).to_be_visible(timeout=SCREEN_TIMEOUT_MS)
        except AssertionError:
            raise RehearsalError(self.lost(f"the screen « {fr(heading_key)} » or an alert", self.page)) from None
        return heading.count() > 0

    def typing_format(self, code: str) -> rules.CodeFormat:
        """How to split a code into the screen's boxes: as the message writes it."""
        groups, size = code_format(code)
        if not isinstance(size, int):
            raise RehearsalError(f"during instruction {self.current}: the code {code} has groups of unequal size")
        return rules.CodeFormat(groups, size)

    # --- the guide
    def play(self) -> None:
        self.stage_1()
        self.stage_2()
        self.days_pass()
        self.stage_3()

    def stage_1(self) -> None:
        identity, eulogin = self.identity, self.eulogin
        self.at("1.1")
        self.page.goto(EULOGIN_URL)
        self.rehearsal.urls[EULOGIN_URL] = self.capture("eulogin:whoami_title")
        eulogin.enter_email(identity.email)
        eulogin.click(fr("next"))
        self.capture("eulogin:register_title")
        self.done()

        self.at("1.2")
        captcha = self.world.captchas[eulogin.captcha_id()]  # what a person reads on the picture
        eulogin.fill_registration(identity.first_name, identity.last_name, identity.email, captcha)
        eulogin.click(fr("create_account"))
        self.capture("eulogin:register_done_title")
        self.done()

        self.at("1.3")
        language = self.world.account(identity.email).email_language
        self.read_email("email:registration", text("mail_register_subject", language))
        # « Clic sur ce lien » in the e-mail: the password screen opens where the e-mail was read
        self.page, self.device = self.device, self.page
        eulogin = self.eulogin
        eulogin.click(text("mail_register_link", language))
        key = self.capture("eulogin:new_password_title")
        policy = self.rehearsal.screens[key].data.get("password_policy", {})
        self.facts["password_policy"] = {k: policy[k] for k in ("min_length", "min_groups", "group_count")
                                         if k in policy}
        self.password = journey_password(policy, identity.email)
        eulogin.enter_new_password(self.password)
        eulogin.blue_zone_button(fr("submit")).click()
        self.capture("eulogin:password_changed_title")
        self.done()

        self.at("1.4")
        eulogin.click(fr("continue"))
        self.capture("eulogin:login_success")
        self.done()

        self.at("1.5")
        self.open_gear_menu()
        eulogin.click(fr("my_account"))
        self.capture("eulogin:my_account_title")
        self.done()

        self.at("1.6")
        eulogin.click(fr("manage_phones"))
        self.capture("eulogin:phones_title")
        self.done()

        self.at("1.7")
        eulogin.click(fr("add_phone_link"))
        self.capture("eulogin:add_phone_link")
        self.done()

        self.at("1.8")
        self.probe_phone_rules()
        eulogin.enter_mobile_number(identity.mobile)
        eulogin.click(fr("add"))
        self.capture("eulogin:challenge_title")
        code, key = self.read_sms("sms:phone_challenge", identity.mobile)
        self.done()

        self.at("1.9")
        self.finalise_phone(code, key, lower_case=True)
        self.capture("eulogin:phones_title")
        self.done()

        self.at("1.10")
        self.read_email("email:phone_added", text("mail_phone_subject", language))
        self.done()

        self.at("1.11")
        eulogin.click(fr("back_to_phones"))
        eulogin.click(fr("add_phone_link"))
        eulogin.enter_mobile_number(identity.second_mobile)
        eulogin.click(fr("add"))
        self.capture("eulogin:challenge_title")
        code, key = self.read_sms("sms:phone_challenge", identity.second_mobile)
        self.finalise_phone(code, key, lower_case=False)
        eulogin.click(fr("back_to_phones"))
        self.capture("eulogin:phones_title")  # both numbers
        self.done()

        self.at("1.12")
        self.open_gear_menu()
        eulogin.click(fr("logout"))
        self.capture("eulogin:logged_out")
        self.done()

    def open_gear_menu(self) -> None:
        self.eulogin.open_gear_menu()
        expect(self.page.get_by_role("link", name=fr("my_account"), exact=True)).to_be_visible()
        self.capture("eulogin:gear_menu")

    def probe_phone_rules(self) -> None:
        """What the add-number screen does with numbers written against the guide's advice (1.8)."""
        for rule, number in PHONE_PROBES.items():
            self.eulogin.enter_mobile_number(number)
            self.eulogin.click(fr("add"))
            refused = not self.accepted("challenge_title")
            self.facts["phone_rules"][rule] = refused
            self.facts["phone_refused"][number] = refused
            if refused:
                said = self.page.get_by_role("alert").all_inner_texts()
                self.facts["phone_errors"][number] = " ".join(" ".join(said).split())
            else:  # the screen took it: back to the form for the real number
                self.page.goto(self.server.public_url + rules.Paths.ADD_PHONE)

    def finalise_phone(self, code: str, key: str, *, lower_case: bool) -> None:
        """Type the SMS code on the challenge screen + « Finaliser »: the confirmation screen."""
        fmt = self.typing_format(code)
        self.type_code(code, key, lambda typed: self.eulogin.enter_challenge(typed, fmt),
                       lambda: self.eulogin.click(fr("finalise")), "phones_title", lower_case=lower_case)
        self.expect_screen("phones_title")
        if not lower_case:
            self.facts["phone_refused"][self.identity.mobile] = False  # written the guide's way: accepted

    def sign_in_with_sms(self, *, lower_case: bool, next_screen: str, capture: bool = True) -> None:
        """EU Login for RCAM, as 2.14–2.16 and 3.2–3.3 say: e-mail, password, the SMS method, the SMS code."""
        eulogin = self.eulogin
        eulogin.enter_email(self.identity.email)
        eulogin.click(fr("next"))
        if capture:
            self.capture("eulogin:password_title")
            if self.current == "2.14":
                self.done()
                self.at("2.15")
        eulogin.enter_password(self.password)
        eulogin.choose_method(fr("auth_method"), fr("method_sms"))
        eulogin.enter_sign_in_mobile(self.identity.mobile)
        eulogin.click(fr("sign_in"))
        if capture:
            self.capture("eulogin:sign_in_challenge_title")
        else:
            self.expect_screen("sign_in_challenge_title")
        code, key = self.read_sms("sms:sign_in_challenge", self.identity.mobile, capture=capture)
        if capture:
            self.done()  # 2.15, 3.2
            self.at(self.next_instruction())
        fmt = self.typing_format(code)
        self.type_code(code, key, lambda typed: eulogin.enter_challenge(typed, fmt),
                       lambda: eulogin.click(fr("sign_in")), next_screen, lower_case=lower_case)

    def next_instruction(self) -> str:
        order = list(AFTER_INSTRUCTION)
        return order[order.index(self.current) + 1]

    def stage_2(self) -> None:
        identity = self.identity
        self.world.seed_pensioner(identity, channel="email")  # the PMO knows the pensioner, sends the code by mail
        self.at("2.13")
        self.page.goto(RCAM_URL)
        self.rehearsal.urls[RCAM_URL] = self.capture("rcam:rcam_welcome_title")
        self.rcam.scroll_down_and_connect(fr("rcam_connect"))
        self.capture("eulogin:whoami_title")
        self.done()

        self.at("2.14")
        self.sign_in_with_sms(lower_case=True, next_screen="rcam_first_access_title")  # 2.14 … 2.16
        self.capture("rcam:rcam_first_access_title")
        self.done()

        self.at("2.17")
        self.rcam.first_access(identity.pension_number, identity.pension_number,
                               identity.birth_date.strftime(rules.BIRTH_DATE_FORMAT))
        self.rcam.click(fr("next"))
        self.capture("rcam:rcam_registered_title")
        self.done()
        self.at("2.18")  # « Il faut attendre le code final »: nothing to do but wait
        self.done()

    def days_pass(self) -> None:
        self.say("days pass: the browser is closed, the final code arrives")
        self.new_browser_session()
        self.world.clock.advance(DAYS_PASS)

    def stage_3(self) -> None:
        self.at("3.1")
        self.page.goto(RCAM_URL)
        self.capture("rcam:rcam_welcome_title")
        self.rcam.scroll_down_and_connect(fr("rcam_connect"))
        self.capture("eulogin:whoami_title")
        self.done()

        self.at("3.2")
        self.sign_in_with_sms(lower_case=False, next_screen="rcam_final_code_title")  # 3.2 … 3.3
        self.capture("rcam:rcam_final_code_title")
        self.done()

        self.at("3.4")
        account = self.world.account(self.identity.email)
        message = self.read_email("email:final_code", text("mail_final_code_subject", account.email_language))
        code = code_in(message.text)
        if not code:
            raise RehearsalError(f"during instruction 3.4: no final code in the e-mail « {message.text} »")
        self.type_code(code, message.key, self.rcam.enter_final_code, lambda: self.rcam.click(fr("rcam_validate")),
                       "rcam_activated_title")
        self.capture("rcam:rcam_activated_title")
        self.done()

        # « Vous aurez bientôt accès aux applications lors d’une prochaine connexion via EU Login »
        self.rcam.click(fr("logout"))
        self.expect_screen("rcam_welcome_title")
        self.rcam.scroll_down_and_connect(fr("rcam_connect"))
        self.sign_in_with_sms(lower_case=False, next_screen="rcam_online_title", capture=False)
        self.capture("rcam:rcam_online_title")
        self.say("RCAM en ligne: signed in again after the final code")

    # --- the example passwords
    def try_passwords(self, passwords: Iterable[str]) -> None:
        """Each example password, on the password screen of its own fresh account (the guide's 1.3)."""
        wanted = list(dict.fromkeys(p for p in passwords if p))
        if not wanted:
            return
        self.new_browser_session()
        for password in wanted:
            identity = self.world.new_identity()
            account = self.world.seed_account(identity, language="en")
            sent = notify.send_password_link(self.world, account, self.server.public_url)
            content = mail.decode(sent.raw)
            links = [html.unescape(u) for u in re.findall(r'href="([^"]+)"', content.html or "")]
            self.page.goto(links[0])
            self.eulogin.enter_new_password(password)
            self.eulogin.blue_zone_button(fr("submit")).click()
            came = self.accepted("password_changed_title")
            accepted = came and self.world.account(identity.email).password == password
            self.facts["passwords"][password] = accepted
            if not accepted:
                said = self.page.get_by_role("alert").all_inner_texts()
                self.facts["password_errors"][password] = " ".join(" ".join(said).split())
            self.say(f"example password {password!r}: {'accepted' if accepted else 'refused'}")

    # --- the other URLs the guides give
    def open_urls(self, urls: Iterable[str]) -> None:
        """Open each URL a guide gives (in a fresh browser session) and note the captured screen it leads to.

        A page counts as a captured screen when its rendered heading (and, if several, its path) is one; an
        error, another host or an unknown screen lead to None."""
        known = {normalise_url(url) for url in self.rehearsal.urls}
        wanted = [url for url in dict.fromkeys(urls) if url and normalise_url(url) not in known]
        if not wanted:
            return
        self.new_browser_session()
        for url in wanted:
            self.rehearsal.urls[url] = self.landing(url)
            self.say(f"URL {url}: {self.rehearsal.urls[url] or 'leads to no screen of the journey'}")

    def landing(self, url: str) -> str | None:
        host = urlsplit(url).hostname or ""
        if host not in rules.MOCK_HOSTS or host in rules.DEVICE_HOSTS:
            return None  # the guard would stop it anyway: only the EU sites are the guide's
        try:
            response = self.page.goto(url)
        except PlaywrightError:
            return None
        if response is None or response.status >= 400:
            return None
        heading = " / ".join(self.page.get_by_role("heading", level=1).all_inner_texts()).strip()
        path = urlsplit(self.page.url).path.rstrip("/")
        same = [screen for screen in self.rehearsal.screens.values()
                if screen.heading == heading and screen.site in ("eulogin", "rcam")]
        exact = [screen for screen in same if urlsplit(screen.url).path.rstrip("/") == path]
        chosen = (exact or same or [None])[0]
        return chosen.key if chosen else None
