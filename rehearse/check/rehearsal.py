"""The checker's rehearsal: follow the bundled guide once in Chromium, then every revision, forking where they differ.

``rehearse(guides=…)`` starts the mock sites (TLS, at the guide's hosts), launches Chromium with the same host
mapping and network guard as the pytest harness, and lets a ``follow.Follower`` follow the bundled guide: there is
no journey of the checker's own, only the guide's words. What the follow saw becomes the ``Rehearsal`` the claims
are checked on (``by_instruction``: the captures each bundled instruction concerns).

Then each revision is followed. Revisions whose gestures are the same as the bundled guide's up to some
instruction share that part of the follow: the follower restores the snapshot taken after the last shared
instruction (the world, the cookies, the URL, the device tabs) and goes on with the revision's own words. When it
gets stuck, it recovers from the snapshot taken after the matching bundled instruction, and from there reuses
the bundled follow as long as the revision's gestures are the bundled ones. Recovery never replays scripted
gestures. On screens that withdrew what the bundled guide relies on (``profiles.Profile.withdrawn``: the SMS
sign-in on the 2026 screens) the bundled follow itself gets stuck, with no bundled follow to recover to: there
``recovery`` seeds the person as signed in with the EU Login Mobile App and the follow goes on from there.

Probes (``PHONE_PROBES``, the example passwords, the URLs the revisions give) run after the bundled follow, from
its snapshots or on fresh accounts, and fill ``Rehearsal.facts``.
"""

from __future__ import annotations

import asyncio
import html
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from mock_sites import labels, mail, notify, profiles, rules
from mock_sites.server import MockServer, start_tls
from mock_sites.world import World
from rehearse.guard import NetworkGuard
from rehearse.guide import BUNDLED_GUIDE, Guide, bundled_guide, load_guide
from rehearse.remote import Carrier, open_browser

from . import phrases
from .capture import Rehearsal
from .claims import normalise_url
from .follow import (
    Follow,
    Follower,
    InstructionFollow,
    Stuck,
    _elements,  # noqa: F401  (re-exported: tests measure boxes the way the follower captures them)
    code_format,
    code_in,
    signature,
)

__all__ = ["EULOGIN_URL", "PHONE_PROBES", "RCAM_URL", "RehearsalError", "code_format", "code_in", "rehearse"]

EULOGIN_URL = "https://webgate.ec.europa.eu/cas"  # what the bundled guide makes the reader type (1.1)
RCAM_URL = "https://webgate.ec.europa.eu/RCAM/"  # (2.13, 3.1)

EXAMPLE_NATIONAL_NUMBER = "470123456"  # typed after an example country code ("+32") to try it
# A number the add-phone screen must refuse for each rule the guide states (rule holds = refused).
PHONE_PROBES = {
    "country_code_required": "0470123456",
    "parentheses_refused": "+32(0)470123456",
    "dots_refused": "+32.470.12.34.56",
    "dashes_refused": "+32-470-12-34-56",
    "spaces_refused": "+32 470 12 34 56",
}


class RehearsalError(RuntimeError):
    """The bundled guide could not be followed at all; the message says where and what was seen."""


Progress = Callable[[str], None]


def rehearse(*, guides: Iterable[Guide] = (), example_passwords: Iterable[str] = (), urls: Iterable[str] = (),
             example_phones: Iterable[str] = (), report_dir: Path, progress: Progress | None = None,
             headed: bool = False, browser_server: str | None = None, screens: str = profiles.DEFAULT) -> Rehearsal:
    """Follow the bundled guide, then each of ``guides``, in Chromium against fresh mock sites showing the
    ``screens`` profile (``mock_sites.profiles``).

    Screenshots go to ``report_dir/screens/``. ``Rehearsal.follows`` maps each guide's sha256 (the bundled one's
    too) to its ``follow.Follow``. Raises ``RehearsalError`` when the bundled guide cannot be followed to its end
    or the browser asked for a host the mocks do not serve, ``rehearse.browser.BrowserNotFound`` when there
    is no Chromium, and ``rehearse.remote.BrowserServerError`` when the Playwright server at ``browser_server``
    (``ws://HOST:PORT/``: the browser runs there instead of here) cannot be used."""
    arguments = dict(guides=list(guides), example_passwords=list(example_passwords), urls=list(urls),
                     example_phones=list(example_phones),
                     report_dir=Path(report_dir), progress=progress, headed=headed, browser_server=browser_server,
                     screens=screens)
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


def _rehearse(*, guides: list[Guide], example_passwords: list[str], urls: list[str], example_phones: list[str],
              report_dir: Path, progress: Progress | None, headed: bool, browser_server: str | None,
              screens: str) -> Rehearsal:
    started = time.perf_counter()
    say = progress or (lambda line: None)
    screens_dir = report_dir / "screens"
    screens_dir.mkdir(parents=True, exist_ok=True)
    for old in [*screens_dir.glob("*.png"), *screens_dir.glob("*.jpg")]:
        old.unlink()
    bundled = load_guide(BUNDLED_GUIDE)
    say(f"screens: {screens} ({profiles.get(screens).title})")
    server = start_tls(World(), screens=screens)
    try:
        with sync_playwright() as playwright:
            browser = open_browser(playwright, server, browser_server=browser_server, headless=not headed)
            if browser_server:
                say(f"browser on the Playwright server at {browser_server} (Chromium {browser.version})")
            carry = Carrier(server) if browser_server else None
            try:
                rehearsal = _follow_all(server, browser, bundled, guides, example_passwords, urls,
                                        example_phones, report_dir, say, carry=carry,
                                        recover=recovery(screens), own=_own_guide(screens))
            finally:
                browser.close()
    finally:
        server.stop()
    rehearsal.seconds = round(time.perf_counter() - started, 2)
    rehearsal.profile = screens
    # What these screens no longer have: the checker notes it where a reader gets stuck on it (verify).
    rehearsal.facts["withdrawn"] = withdrawn_facts(screens)
    say(f"rehearsal done: {len(rehearsal.screens)} screens, {len(rehearsal.messages)} messages "
        f"in {rehearsal.seconds:.1f} s")
    return rehearsal


def _own_guide(screens: str) -> Guide | None:
    """The bundled guide written for ``screens`` when it is not the seed guide (the 2026 guide on the 2026 screens):
    claims are checked on the screens its follow saw. None on the seed guide's own screens."""
    own = bundled_guide(screens)
    if own is None or own.path == BUNDLED_GUIDE.resolve() or not own.path.is_file():
        return None
    return load_guide(own.path)


def _follow_all(server: MockServer, browser: Browser, bundled: Guide, guides: list[Guide],
                passwords: list[str], urls: list[str], phones: list[str], report_dir: Path,
                say: Progress, carry: Carrier | None = None, recover: Recovery | None = None,
                own: Guide | None = None) -> Rehearsal:
    """Follow the seed guide, then ``own`` (the bundled guide written for these screens, if another), then every
    guide of ``guides``; ``by_instruction`` names the seed guide's instructions, ``by_own_instruction`` own's."""
    guard = NetworkGuard(carry=carry)
    # Snapshots after each bundled instruction are what revisions fork from and recover with: none, none needed.
    follower = Follower(server, browser, report_dir, say, guard=guard,
                        snapshots=own is not None or any(guide.sha256 != bundled.sha256 for guide in guides))
    follower.recover = recover
    # The world the guide needs: a pensioner the PMO knows, who sends the final code by e-mail.
    server.world.seed_pensioner(follower.identity, channel="email")
    follower.new_browser_session()
    initial = follower.snapshot("start")
    say("following the bundled guide")
    reference = follower.follow(bundled)
    if guard.blocked:
        raise RehearsalError("the browser asked for hosts the mocks do not serve, and was stopped: "
                             + ", ".join(guard.blocked))
    stuck = [id for id, record in reference.instructions.items() if record.stuck]
    if stuck:  # the screens changed under the bundled guide: its findings say where; revisions recover less
        say(f"the bundled guide gets stuck at {', '.join(stuck)}")
    rehearsal = follower.rehearsal
    rehearsal.by_instruction = {id: list(record.keys) for id, record in reference.instructions.items()}
    follows: dict[str, Follow] = {bundled.sha256: reference}
    followed: list[tuple[Guide, Follow]] = []  # the revisions followed so far: a later one may share more with one
    _probe(follower, passwords, urls, phones)
    if own is not None and own.sha256 != bundled.sha256:
        # what these screens show, instruction by instruction of the guide written for them: the reference of the
        # claims of every guide closer to it than to the seed guide
        say(f"following {own.path} (written for these screens)")
        follower.prefix = "own/"
        follows[own.sha256] = follow_revision(follower, own, bundled, reference, initial)
        followed.append((own, follows[own.sha256]))
        rehearsal.by_own_instruction = {id: list(record.keys)
                                        for id, record in follows[own.sha256].instructions.items()}
        rehearsal.own_guide = str(own.path)
    for number, guide in enumerate(guides, 1):
        if guide.sha256 in follows:
            continue
        say(f"following {guide.path or 'a guide'} ({number}/{len(guides)})")
        follower.prefix = f"r{number}/"
        began = time.perf_counter()
        base, base_follow = _closest_follow(guide, bundled, reference, followed)
        follows[guide.sha256] = follow_revision(follower, guide, base, base_follow, initial)
        followed.append((guide, follows[guide.sha256]))
        own = [id for id, record in follows[guide.sha256].instructions.items() if not record.reused]
        whose = "the bundled guide's" if base is bundled else f"{base.path or 'an earlier guide'}'s"
        say(f"  followed {len(own)} instruction{'s' if len(own) != 1 else ''} of its own "
            f"({', '.join(own) or 'none'}), the rest as {whose}, in {time.perf_counter() - began:.1f} s")
    follower.close()
    if guard.blocked:
        raise RehearsalError("the browser asked for hosts the mocks do not serve, and was stopped: "
                             + ", ".join(guard.blocked))
    rehearsal.follows = follows  # not dataclass fields: snapshots stay out of rehearsal.json
    rehearsal.report_dir = report_dir
    return rehearsal


def _closest_follow(revision: Guide, bundled: Guide, reference: Follow,
                    followed: list[tuple[Guide, Follow]]) -> tuple[Guide, Follow]:
    """The follow ``revision`` shares the most first instructions with (same ids, same gestures): the bundled one,
    or an earlier guide's of this run, which ``follow_revision`` then forks from and recovers with as it does with
    the bundled one (a trip-up of the 2026 guide shares that guide's follow up to its change, the bundled one's
    only up to the first instruction the two guides word differently). Ties go to the bundled follow."""

    def shared(guide: Guide, follow: Follow) -> int:
        count = 0
        for mine, theirs in zip(revision.instructions, guide.instructions, strict=False):
            record = follow.instructions.get(theirs.id)
            if (mine.id != theirs.id or record is None or record.snapshot is None
                    or record.signature != signature(mine.text)):
                break
            count += 1
        return count

    best, most = (bundled, reference), shared(bundled, reference)
    for guide, follow in followed:
        if (count := shared(guide, follow)) > most:
            best, most = (guide, follow), count
    return best


def follow_revision(follower: Follower, revision: Guide, bundled: Guide, reference: Follow,
                    initial) -> Follow:
    """Follow ``revision``: reuse the bundled follow while the gestures are the same, fork where they differ, and
    recover from the bundled snapshots after a stuck instruction."""
    from .verify import map_instructions  # verify imports this module's probes

    partner = {m.instruction: m.bundled for m in map_instructions(revision, bundled)}
    following = dict(zip([None, *bundled.ids], bundled.ids, strict=False))  # bundled id -> the one after it
    result = Follow(guide=revision, rehearsal=follower.rehearsal)
    position: str | None = None  # the browser and world are the bundled follow's after this instruction
    shared = True  # ... as long as this holds
    live = False  # the follower's browser is at the current point (not only a snapshot)
    instructions = list(revision.instructions)
    for index, instruction in enumerate(instructions):
        mine = partner.get(instruction.id)
        record = reference.instructions.get(mine) if mine else None
        new_stage = index == 0 or instructions[index - 1].stage != instruction.stage
        if shared and record is not None and mine == following.get(position) and record.signature == signature(
                instruction.text):
            result.instructions[instruction.id] = replace(record, id=instruction.id, reused=f"bundled {mine}")
            if new_stage and index > 0:
                result.context_steps[instruction.stage] = reference.context_steps.get(instruction.stage, [])
            position = mine
            live = False
            continue
        if not live:
            snapshot = reference.instructions[position].snapshot if position else initial
            follower.restore(snapshot)
            follower.resume(reference.instructions[position] if position else None)
            follower.stage_gestures = []
            follower.remember(g for earlier in instructions[:index] if earlier.stage == instruction.stage
                              for g in phrases.gestures(earlier.text))
            live = True
        if new_stage:
            follower.stage_gestures = []
        if new_stage and index > 0:
            result.context_steps[instruction.stage] = follower.follow_context(
                revision.stage(instruction.stage).context, instruction.id)
        own = follower.follow_instruction(instruction)
        result.instructions[instruction.id] = own
        if own.stuck and record is not None:
            position, shared, live = mine, True, False  # recover: the bundled state after the matching one
        elif record is not None and _rejoins(follower, record):
            position, shared = mine, True  # other words, same place: the bundled follow goes on from here
        else:
            shared = False
    return result


# --------------------------------------------------------------------------- screens that withdrew what the guide uses

Recovery = Callable[[Follower, InstructionFollow], None]
# How the person signs in where the guide's SMS sign-in is gone: with the EU Login Mobile App (PIN), a strength the
# 2026 screens' RCAM accepts.
RECOVERY_STRENGTH = profiles.STRENGTH_APP_PIN


def withdrawn_facts(screens: str) -> list[dict]:
    """``facts["withdrawn"]``: what the ``screens`` profile no longer has, as the checker recognises a reader stuck
    on it (its choice's labels in every language, its channel, the screens' refusals) and the note it adds."""
    return [{"labels": sorted(labels.TEXTS[gone.label_key].values()), "channel": gone.channel,
             "refusals": sorted(labels.TEXTS[gone.refusal_key].values()), "note": gone.note}
            for gone in profiles.get(screens).withdrawn]


def recovery(screens: str) -> Recovery | None:
    """After an instruction stuck on something the ``screens`` no longer have (the SMS sign-in of 2.15/2.16 and
    3.2/3.3 on the 2026 screens), how the follow goes on: there is no bundled follow on those screens to recover
    to, so the person is seeded as signed in with the EU Login Mobile App (``sign_in_with_app``) and the follow
    goes on from there (2.17, 2.18, the final code of stage 3). None when the profile withdrew nothing: a stuck
    instruction stays where it got stuck, as on the guide's own screens."""
    withdrawn = withdrawn_facts(screens)
    if not withdrawn or RECOVERY_STRENGTH not in profiles.get(screens).rcam_strengths:
        return None

    def recover(follower: Follower, record: InstructionFollow) -> None:
        from .verify import stuck_on_withdrawn  # verify imports this module's probes

        stuck = next(step for step in record.steps if step.verdict == "stuck")
        if stuck_on_withdrawn(stuck.looking_for, stuck.detail, withdrawn) is not None:
            sign_in_with_app(follower, RECOVERY_STRENGTH)

    return recover


def sign_in_with_app(follower: Follower, strength: str) -> None:
    """Seed the person as signed in to EU Login with ``strength``, as a sign-in with the app would leave them: an
    SSO session in the world (the live one of that strength, if any) and EU Login's session cookie in the browser
    holding it. On an EU Login sign-in screen for a service (``?service=``, where 2.15 and 3.2 get stuck), that
    screen is asked for again: EU Login sends the browser on to the service with a ticket, to the screen the
    sign-in leads to, which the follower sees (the next instruction starts there). Elsewhere the screen stays."""
    world, page = follower.world, follower.page
    account = world.account(follower.identity.email)
    if account is None or page is None or page.is_closed() or follower.context is None:
        return
    with world.lock:
        live = [s.id for s in world.sso_sessions.values() if s.strength == strength
                and rules.normalise_email(s.email) == rules.normalise_email(account.email)]
    sso = next((world.sso(id) for id in live if world.sso(id) is not None), None)
    sso = sso or world.open_sso(account.email, strength)
    follower.context.add_cookies([follower.server.session_cookie(rules.Paths.CAS, {"sso": sso.id})])
    parts = urlsplit(page.url)
    where = "the screen stays"
    if (parts.path == rules.Paths.CAS or parts.path.startswith(rules.Paths.CAS + "/")) and "service" in parse_qs(
            parts.query):
        try:
            page.goto(page.url)
            page.wait_for_load_state()
        except PlaywrightError as error:
            follower.say(f"{follower.current}: recovery could not go on to the service: {error}")
            return
        follower.record = None  # what the sign-in leads to is the next instruction's, not the stuck one's
        key = follower.see()
        where = f"went on to {follower.heading_of(key)}"
    follower.say(f"{follower.current}: recovered: the person signed in with {strength} instead ({where})")


def _rejoins(follower: Follower, record: InstructionFollow) -> bool:
    """The revision's own gestures led where the bundled follow was after ``record``: same world, same screen."""
    snapshot = record.snapshot
    return (snapshot is not None and follower.page is not None and follower.page.url == snapshot.browser.url
            and follower.world.holds_state(snapshot.world))


# --------------------------------------------------------------------------- probes


def _probe(follower: Follower, passwords: list[str], urls: list[str], phones: list[str] = ()) -> None:
    facts = follower.facts
    facts.setdefault("phone_examples", {})
    facts.setdefault("phone_example_errors", {})
    if follower.probe_point is not None:
        intact = False  # the screen and the world are the probe point's, but for a refused number's message
        for prefix in dict.fromkeys(phones):
            refused, said = _probe_phone(follower, prefix + EXAMPLE_NATIONAL_NUMBER, intact)
            intact = refused
            facts["phone_examples"][prefix] = not refused
            if refused:
                facts["phone_example_errors"][prefix] = said
            follower.say(f"example country code {prefix}: {'refused' if refused else 'accepted'}")
        for rule, number in PHONE_PROBES.items():
            refused, said = _probe_phone(follower, number, intact)
            intact = refused
            facts["phone_rules"][rule] = refused
            facts["phone_refused"][number] = refused
            if refused:
                facts["phone_errors"][number] = said
        facts["phone_refused"][follower.identity.mobile] = False  # the follow added it
    wanted = list(dict.fromkeys(p for p in passwords if p))
    if wanted:
        follower.new_browser_session()
        for password in wanted:
            accepted, said = _try_password(follower, password)
            facts["passwords"][password] = accepted
            if not accepted:
                facts["password_errors"][password] = said
            follower.say(f"example password {password!r}: {'accepted' if accepted else 'refused'}")
    known = {normalise_url(url) for url in follower.rehearsal.urls}
    others = [url for url in dict.fromkeys(urls) if url and normalise_url(url) not in known]
    if others:
        follower.new_browser_session()
        for url in others:
            follower.rehearsal.urls[url] = _landing(follower, url)
            follower.say(f"URL {url}: {follower.rehearsal.urls[url] or 'leads to no screen of the journey'}")


def _probe_phone(follower: Follower, number: str, intact: bool) -> tuple[bool, str]:
    """``_try_phone`` on the add-phone screen of ``follower.probe_point``: restored first, unless ``intact``.

    The last probe left it ``intact`` when its number was refused: a refused number changes nothing in the world,
    and the screen is the same form again, with the refusal's message, where a person types the next number. If
    the number cannot be tried there, it is tried again on the restored screen."""
    for restore in ((False, True) if intact else (True,)):
        if restore:
            follower.restore(follower.probe_point)
            follower.record = None
        refused, said = _try_phone(follower, number)
        if refused or not said.startswith(UNTRIED):
            break
    return refused, said


UNTRIED = "could not be tried"


def _try_phone(follower: Follower, number: str) -> tuple[bool, str]:
    """Type ``number`` where the follow typed the person's and press the form's one button: refused?"""
    try:
        (_, box), *_ = follower.fields("phone")
        box.fill(number)
        (_, button), = follower.main_controls(("button",))
        button.click()
        follower.page.wait_for_load_state()
    except (ValueError, PlaywrightError, Stuck) as error:
        return False, f"{UNTRIED}: {error}"
    alerts = follower.page.get_by_role("alert")
    said = " ".join(" ".join(a.split()) for a in alerts.all_inner_texts())
    return bool(said), said


def _try_password(follower: Follower, password: str) -> tuple[bool, str]:
    """The example password on the password screen of a fresh account (its e-mail's link), as the guide's 1.3."""
    world = follower.world
    identity = world.new_identity()
    account = world.seed_account(identity, language="en")
    sent = notify.send_password_link(world, account, follower.server.public_url)
    content = mail.decode(sent.raw)
    links = [html.unescape(u) for u in re.findall(r'href="([^"]+)"', content.html or "")]
    page = follower.page
    page.goto(links[0])
    boxes = [box for _, box in follower.fields("password")]
    for box in boxes:
        box.fill(password)
    buttons = follower.main_controls(("button",))
    buttons[0][1].click()
    page.wait_for_load_state()
    said = " ".join(" ".join(a.split()) for a in page.get_by_role("alert").all_inner_texts())
    still_asked = bool(follower.fields("password"))
    return not said and not still_asked, said


def _landing(follower: Follower, url: str) -> str | None:
    host = urlsplit(url).hostname or ""
    if host not in rules.MOCK_HOSTS or host in rules.DEVICE_HOSTS:
        return None  # the guard would stop it anyway: only the EU sites are the guide's
    try:
        response = follower.page.goto(url)
    except PlaywrightError:
        return None
    if response is None or response.status >= 400:
        return None
    heading = " / ".join(follower.page.get_by_role("heading", level=1).all_inner_texts()).strip()
    path = urlsplit(follower.page.url).path.rstrip("/")
    same = [screen for screen in follower.rehearsal.screens.values()
            if screen.heading == heading and screen.site in ("eulogin", "rcam")]
    exact = [screen for screen in same if urlsplit(screen.url).path.rstrip("/") == path]
    chosen = (exact or same or [None])[0]
    return chosen.key if chosen else None
