"""``rehearse``: serve the mock sites by hand, run the guide's journey in a browser, show a parsed guide, check
guide revisions against the screens, merge the reports of test shards."""

from __future__ import annotations

import argparse
import ipaddress
import json
import re
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

from rehearse.guide import BUNDLED_GUIDE, BundledGuide, Guide, GuideError, bundled_guide, load_guide

PROJECT_ROOT = Path(__file__).resolve().parent.parent
GUIDE_RCAM_URL = "https://webgate.ec.europa.eu/RCAM/"
GUIDE_EULOGIN_URL = "https://webgate.ec.europa.eu/cas"  # what the guide tells the reader to open
DEFAULT_PORT = 8000
DEFAULT_HOST = "127.0.0.1"
DEFAULT_REPORT_DIR = "reports/rehearse"
DEFAULT_CHECK_REPORT_DIR = "reports/check"
EXIT_REHEARSAL_FAILED = 3  # rehearse check: the screens could not be rehearsed (no browser, a journey that broke)
TEXT_WIDTH = 90  # characters of an instruction shown by ``rehearse guide``


class ServeError(Exception):
    """The mock sites cannot be served (port in use, bad address); the message is one line."""


# --------------------------------------------------------------------------- serve


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


LOUD_WARNING = """\
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!! WARNING: listening on {host}, which is NOT a loopback address.
!!! Anyone who can reach this machine on port {port} can open the mock EU Login,
!!! its fake mailbox and phone, and every rehearsal account in it.
!!! This is a rehearsal tool: use --host 127.0.0.1 unless you really mean it.
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"""


def is_any_address(host: str) -> bool:
    """Whether ``host`` means every address of this machine (``--host 0.0.0.0``)."""
    return host.strip("[]") in ("", "0.0.0.0", "::")


def lan_address() -> str:
    """This machine's address on its local network, as the room's tablets reach it (127.0.0.1 when it has none).

    A UDP socket "connected" to a documentation address (RFC 5737) makes the system choose the outgoing
    interface; no packet is sent."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            return probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def start_serve(args: argparse.Namespace):
    """Start the mock sites over plain HTTP as ``args`` say; returns the running ``MockServer``.

    Raises ``ServeError`` (one line) when the address cannot be used, e.g. a port already taken.
    """
    from mock_sites import profiles
    from mock_sites.server import start_plain  # Flask and friends load only when serving
    from mock_sites.world import World

    try:
        screens = profiles.get(getattr(args, "screens", None)).name
    except profiles.UnknownProfile as error:
        raise ServeError(str(error)) from None
    world = World(args.seed) if args.seed is not None else World()
    public_host = getattr(args, "public_host", None) or (lan_address() if is_any_address(args.host) else None)
    try:
        return start_plain(world, host=args.host, port=args.port, room=True, public_host=public_host,
                           screens=screens)
    except OSError as error:
        # cheroot says "No socket could be created -- ((host, port): [Errno 98] Address already in use)"
        found = re.search(r"\[Errno \d+\] ([^)]*)", str(error))
        reason = found.group(1) if found else (error.strerror or str(error) or "unknown error")
        if "in use" in reason.lower():
            message = (f"port {args.port} on {args.host} is already in use; "
                       f"stop what uses it or choose another with --port")
        else:
            message = f"cannot serve on {args.host}:{args.port}: {reason}"
        raise ServeError(message) from None


def prepare_world(world):
    """A rehearsal identity the PMO knows (stage 2 asks for its pension number), and no waiting for the
    final code: a person rehearsing by hand gets it at once instead of days later."""
    from datetime import timedelta

    identity = world.new_identity()
    world.seed_pensioner(identity, channel="email")
    world.final_code_delay = timedelta(0)
    return identity


def describe(server, room) -> str:
    """What ``rehearse serve`` prints: the start page each person opens (their own identity, mailbox and phone),
    the sites, and the facilitator's page (``room``: ``mock_sites.room.Room``, its token in the address)."""
    from mock_sites import profiles

    base = server.public_url
    screens = profiles.get(server.app.config["SCREENS"])
    lines = [
        "Mock sites for rehearsing the guide (fake accounts only; nothing reaches the real EU Login).",
        f"Screens: {screens.name} ({screens.title})",
        "",
        f"  Start here      {base}/",
        "                  « Commencer une répétition »: each person gets their own identity, mailbox and phone",
        f"  EU Login        {base}/cas",
        f"                  stands for {GUIDE_EULOGIN_URL} in the guide",
        f"  RCAM            {base}/RCAM/",
        f"                  stands for {GUIDE_RCAM_URL} in the guide (2ème and 3ème étape)",
        "",
        f"  Facilitator     {base}{room.facilitator_path}",
        "                  who is where in the guide, who is stuck, and the room's clock: keep it to yourself",
        "",
        "The clock follows real time (the facilitator can move it forward); the final code comes at once.",
        "Stage 3 straight after stage 2 in the same browser skips 3.2-3.3 (the sign-on is still open): close the",
        "browser first, or press « J'ai fermé mon navigateur » on the start page.",
        "",
        "Press Ctrl-C to stop.",
    ]
    return "\n".join(lines)


def cmd_serve(args: argparse.Namespace) -> int:
    try:
        server = start_serve(args)
    except ServeError as error:
        print(f"rehearse serve: error: {error}", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        print(LOUD_WARNING.format(host=args.host, port=server.port), file=sys.stderr, flush=True)
    print(describe(server, server.room), flush=True)

    def interrupt(signum, frame):  # SIGTERM stops as cleanly as Ctrl-C
        raise KeyboardInterrupt

    in_main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, interrupt) if in_main_thread else None
    try:
        while server.thread is not None and server.thread.is_alive():
            server.thread.join(0.5)
    except KeyboardInterrupt:
        print("\nStopping the mock sites.", file=sys.stderr)
    finally:
        server.stop()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return 0


# --------------------------------------------------------------------------- run


def pytest_command(args: argparse.Namespace, bundled: BundledGuide) -> list[str]:
    report_dir = Path(args.report_dir).resolve() if args.report_dir else PROJECT_ROOT / DEFAULT_REPORT_DIR
    command = [sys.executable, "-m", "pytest", "-m", bundled.journey, "--report-dir", str(report_dir),
               "--guide", str(bundled.path), "--screens", bundled.screens]
    if args.headed:
        command.append("--headed")
    return command + list(args.pytest_args)


def cmd_run(args: argparse.Namespace) -> int:
    """Without ``--guide``: the journey's scenarios (``journey.feature``) with pytest. With ``--guide FILE``: the
    follower follows FILE's own words in Chromium, and the report says where a reader gets through or not.
    ``--screens`` picks the screens, and without ``--guide`` the bundled guide written for them."""
    screens = _screens(args, "run")
    if screens is None:
        return 2
    bundled = bundled_guide(screens)
    guide_path = Path(args.guide).resolve() if args.guide else bundled.path
    try:
        guide = load_guide(guide_path)
    except GuideError as error:
        print(f"rehearse run: error: {error}", file=sys.stderr)
        return 2
    print(f"Guide: {guide_path}")
    print(f"sha256: {guide.sha256}")
    print(f"Screens: {screens}", flush=True)
    if args.guide:
        if args.pytest_args:
            print("rehearse run: error: arguments after -- are for the journey's scenarios, not for --guide",
                  file=sys.stderr)
            return 2
        report_dir = Path(args.report_dir).resolve() if args.report_dir else PROJECT_ROOT / DEFAULT_REPORT_DIR
        follow = argparse.Namespace(guides=[str(guide_path)], json=False, junit=str(report_dir / "junit.xml"),
                                    report_dir=str(report_dir), headed=args.headed, strict=False,
                                    browser_server=None, screens=screens)
        return check(follow, name="run")
    command = pytest_command(args, bundled)
    # Run from the project (its pytest configuration and features), whatever the current directory.
    cwd = PROJECT_ROOT if (PROJECT_ROOT / "pyproject.toml").is_file() else Path.cwd()
    print("$ " + " ".join(command), flush=True)
    try:
        return subprocess.call(command, cwd=cwd)
    except KeyboardInterrupt:
        return 130


# --------------------------------------------------------------------------- guide


def format_guide(guide: Guide) -> str:
    lines = [f"Guide: {guide.path}", f"Title: {guide.title}", f"sha256: {guide.sha256}"]
    for stage in guide.stages:
        lines += ["", f"{stage.title}  (line {stage.line})"]
        for instruction in stage.instructions:
            text = instruction.text
            if len(text) > TEXT_WIDTH:
                text = text[:TEXT_WIDTH] + "…"
            lines.append(f"  {instruction.id:<6} line {instruction.first_line:<4} {text}")
    lines += ["", f"{len(guide.instructions)} instructions in {len(guide.stages)} stages."]
    return "\n".join(lines)


def cmd_guide(args: argparse.Namespace) -> int:
    try:
        guide = load_guide(args.path)
    except GuideError as error:
        print(f"rehearse guide: error: {error}", file=sys.stderr)
        return 2
    print(format_guide(guide))
    return 0


# --------------------------------------------------------------------------- check


def _check_report_dir(args: argparse.Namespace) -> Path:
    if args.report_dir:
        return Path(args.report_dir).resolve()
    base = PROJECT_ROOT if (PROJECT_ROOT / "pyproject.toml").is_file() else Path.cwd()
    return base / DEFAULT_CHECK_REPORT_DIR


def cmd_check(args: argparse.Namespace) -> int:
    return check(args)


def _screens(args: argparse.Namespace, name: str) -> str | None:
    """``--screens`` checked against the known profiles (None, said on stderr, when it is not one)."""
    from mock_sites import profiles

    try:
        return profiles.get(getattr(args, "screens", None)).name
    except profiles.UnknownProfile as error:
        print(f"rehearse {name}: error: {error}", file=sys.stderr)
        return None


SCREENS_HELP = ("the screens to rehearse on: 2020, EU Login as the bundled guide describes it (the default), or "
                "2026, EU Login since 1 July 2025, without sign-in by SMS")


def check(args: argparse.Namespace, name: str = "check") -> int:
    """Load every guide, rehearse the screens once for all of them, check each, print and write the results;
    progress lines start with ``rehearse NAME:``."""
    from dataclasses import asdict

    from rehearse.browser import BrowserNotFound
    from rehearse.check.capture import Rehearsal
    from rehearse.check.illustrated import write_illustrated
    from rehearse.check.output import exit_code, text_summary, to_json, to_junit
    from rehearse.check.rehearsal import RehearsalError, rehearse
    from rehearse.check.verify import check_guides, example_passwords, example_phones, guide_urls
    from rehearse.remote import BrowserServerError

    def progress(line: str) -> None:
        print(f"rehearse {name}: {line}", file=sys.stderr, flush=True)

    screens = _screens(args, name)
    if screens is None:
        return 2

    guides: list[Guide | None] = []
    for path in args.guides:
        try:
            guides.append(load_guide(path))
        except GuideError as error:
            progress(f"error: {error}")
            guides.append(None)
    usable = [guide for guide in guides if guide is not None]
    report_dir = _check_report_dir(args)
    report_dir.mkdir(parents=True, exist_ok=True)
    rehearsal = Rehearsal(profile=screens)  # no usable guide: nothing to rehearse
    if usable:
        passwords, urls = sorted(example_passwords(usable)), sorted(guide_urls(usable))
        progress(f"rehearsing the screens once for {len(usable)} guide{'s' if len(usable) > 1 else ''} "
                 f"({len(passwords)} example password{'s' if len(passwords) != 1 else ''}, {len(urls)} URLs)")
        try:
            rehearsal = rehearse(guides=usable, example_passwords=passwords, urls=urls,
                                 example_phones=sorted(example_phones(usable)), report_dir=report_dir,
                                 progress=progress, headed=args.headed, browser_server=args.browser_server,
                                 screens=screens)
        except (BrowserNotFound, BrowserServerError, RehearsalError) as error:
            print(f"rehearse {name}: error: the screens could not be rehearsed: {error}", file=sys.stderr)
            return EXIT_REHEARSAL_FAILED
        (report_dir / "rehearsal.json").write_text(
            json.dumps(asdict(rehearsal), ensure_ascii=False, indent=1), encoding="utf-8")
    # An unusable guide goes in as its path: its result says why it cannot be checked.
    checked = [guide if guide is not None else path for guide, path in zip(guides, args.guides, strict=True)]
    results = check_guides(checked, rehearsal, strict=args.strict)
    from mock_sites import profiles

    shown = f"{screens} ({profiles.get(screens).title})"
    print(to_json(results, screens) if args.json else text_summary(results, shown), end="", flush=True)
    if args.junit:
        junit = Path(args.junit)
        junit.parent.mkdir(parents=True, exist_ok=True)
        junit.write_text(to_junit(results, screens), encoding="utf-8")
        progress(f"JUnit XML: {junit}")
    page = write_illustrated(results, guides, rehearsal, report_dir)
    progress(f"illustrated guide: {page}")
    return exit_code(results)


# --------------------------------------------------------------------------- merge


def cmd_merge(args: argparse.Namespace) -> int:
    """Merge shards' report folders into one (the logic is in rehearse.merge)."""
    from rehearse.merge import MergeError, describe, merge_reports

    try:
        summary = merge_reports([Path(path) for path in args.reports], Path(args.out), guide=args.guide,
                                force=args.force, log=lambda line: print(f"rehearse merge: {line}", file=sys.stderr))
    except MergeError as error:
        print(f"rehearse merge: error: {error}", file=sys.stderr)
        return 2
    print(describe(summary))
    return 0


# --------------------------------------------------------------------------- parser


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port out of range 0-65535: {port}")
    return port


def _ws_url(value: str) -> str:
    from rehearse.remote import BrowserServerError, check_endpoint

    try:
        return check_endpoint(value)
    except BrowserServerError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="rehearse",
        description="Rehearse the French EU Login / RCAM access guide against local mock sites.",
        formatter_class=formatter,
        epilog=textwrap.dedent("""\
            examples:
              rehearse serve                  open the mock EU Login in your own browser
              rehearse run                    run the guide's journey in Chromium, with a report
              rehearse run --headed -- -k 1.9
              rehearse guide                  show how the bundled guide is parsed
              rehearse check guides/*.txt     check guide revisions against the screens
              rehearse merge s1 s2 --out m    merge the reports of test shards into one
            """),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    serve = commands.add_parser(
        "serve", help="serve the mock sites over HTTP for a room of people, each with their own identity",
        description="Serve the mock EU Login and RCAM, fake mailboxes and fake phones over plain HTTP, print the "
                    "start page (each person gets their own rehearsal identity, mailbox and phone there) and "
                    "the facilitator's page (behind a random token: who is where in the guide, who is stuck, "
                    "the room's clock), and run until Ctrl-C.",
        formatter_class=formatter,
        epilog=textwrap.dedent("""\
            examples:
              rehearse serve
              rehearse serve --port 8080 --seed 7
              rehearse serve --host 0.0.0.0   (a room of tablets on the LAN: anyone on it can take part)
            """),
    )
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT,
                       help=f"TCP port, 0 for any free one (default: {DEFAULT_PORT})")
    serve.add_argument("--host", default=DEFAULT_HOST,
                       help=f"address to listen on (default: {DEFAULT_HOST}; others are reachable "
                            "from the network)")
    serve.add_argument("--public-host", metavar="NAME", default=None,
                       help="the name or address the room's browsers use to reach this machine (default: "
                            "--host, or this machine's network address when --host is 0.0.0.0)")
    serve.add_argument("--seed", type=int, default=None,
                       help="seed of the fake world: the same seed gives the same identities, in order")
    serve.add_argument("--screens", metavar="PROFILE", default=None, help=SCREENS_HELP)
    serve.set_defaults(handler=cmd_serve)

    run = commands.add_parser(
        "run", help="run the guide's journey scenarios in Chromium (pytest -m journey), or follow --guide FILE",
        usage="rehearse run [-h] [--headed] [--report-dir DIR] [--screens PROFILE] [--guide PATH] "
              "[-- PYTEST_ARGS ...]",
        description="Without --guide: run the dress rehearsal of the bundled guide written for --screens "
                    "(2020: features/journey.feature, -m journey; 2026: the 2026 guide's, -m journey-2026) "
                    "with pytest against the mock sites and write a report; arguments after -- go to pytest "
                    "unchanged; exits with pytest's code. With --guide FILE: follow FILE's own words in Chromium, "
                    "as a reader who does exactly what it says, and write the illustrated guide (where the "
                    "reader gets through, where not) to the report directory; exits 0 when every instruction "
                    "holds, 1 when one does not, 2 when FILE cannot be read.",
        formatter_class=formatter,
        epilog=textwrap.dedent(f"""\
            examples:
              rehearse run
              rehearse run --headed                        watch the browser (needs a display)
              rehearse run --screens 2026                  the 2026 guide on today's screens
              rehearse run --guide my-revision.md          follow another revision's own words
              rehearse run --report-dir /tmp/r -- -k 1.9 -x
            default report directory: {DEFAULT_REPORT_DIR} in the project
            """),
    )
    run.add_argument("--headed", action="store_true", help="show the browser window")
    run.add_argument("--report-dir", metavar="DIR", default=None,
                     help=f"where the report goes (default: {DEFAULT_REPORT_DIR})")
    run.add_argument("--guide", metavar="PATH", default=None,
                     help="follow this guide file's words instead of running the journey's scenarios")
    run.add_argument("--screens", metavar="PROFILE", default=None, help=SCREENS_HELP)
    run.set_defaults(handler=cmd_run, pytest_args=[])

    guide = commands.add_parser(
        "guide", help="print how a guide is parsed: stages and numbered instructions",
        description="Parse a guide (.txt, or .md/.markdown) and print each stage with its instruction "
                    "ids, line numbers and the start of each text. Exit 2 if it cannot be parsed.",
        formatter_class=formatter,
        epilog=textwrap.dedent("""\
            examples:
              rehearse guide
              rehearse guide guides/acces-rcam-eu-login.txt
              rehearse guide draft.md
            """),
    )
    guide.add_argument("path", nargs="?", default=str(BUNDLED_GUIDE), metavar="PATH",
                       help="guide file (default: the bundled guide)")
    guide.set_defaults(handler=cmd_guide)

    check = commands.add_parser(
        "check", help="check guide revisions against the screens, instruction by instruction",
        description="Rehearse the journey once in Chromium against the mock sites, then check every claim of "
                    "each guide (labels, URLs, code formats, password and phone rules, example passwords) on "
                    "the screens its instruction concerns. Several guides share one rehearsal. Progress goes "
                    "to stderr, the summary (or --json) to stdout; the illustrated guide (each instruction "
                    "beside its screenshots) to the report directory.",
        formatter_class=formatter,
        epilog=textwrap.dedent(f"""\
            examples:
              rehearse check guides/acces-rcam-eu-login.txt
              rehearse check draft.md other-revision.txt     one rehearsal for both
              rehearse check guides/*.txt --json > check.json
              rehearse check guides/*.txt --junit reports/check/junit.xml
              rehearse check draft.md --headed --report-dir /tmp/check
            exit status: 0 every guide holds, 1 a mismatch, 2 a guide is unusable (the others are still
            checked), {EXIT_REHEARSAL_FAILED} the screens could not be rehearsed (no browser, a broken journey)
            default report directory: {DEFAULT_CHECK_REPORT_DIR} in the project (index.html, screens/,
            rehearsal.json)
            """),
    )
    check.add_argument("guides", nargs="+", metavar="GUIDE", help="guide files (.txt like the bundled one, or .md)")
    check.add_argument("--json", action="store_true", help="print one JSON document on stdout instead of the summary")
    check.add_argument("--junit", metavar="PATH", default=None,
                       help="also write JUnit XML (one test case per instruction) to PATH")
    check.add_argument("--report-dir", metavar="DIR", default=None,
                       help=f"where the illustrated guide and screenshots go (default: {DEFAULT_CHECK_REPORT_DIR})")
    check.add_argument("--headed", action="store_true", help="show the browser window (needs a display)")
    check.add_argument("--strict", action="store_true",
                       help="gaps (what the reader had to guess where the text is silent) fail the guide too")
    check.add_argument("--browser-server", metavar="WS_URL", type=_ws_url, default=None,
                       help="run the browser on this Playwright server (e.g. ws://127.0.0.1:3000/, started with "
                            "python scripts/playwright_server.py) instead of launching Chromium here; the mock "
                            "sites stay on this machine")
    check.add_argument("--screens", metavar="PROFILE", default=None, help=SCREENS_HELP)
    check.set_defaults(handler=cmd_check)

    merge = commands.add_parser(
        "merge", help="merge the report folders of several shards (or machines) into one report",
        description="Merge report folders (each the --report-dir of a test run: scenarios.json, cucumber.json, "
                    "junit.xml, screenshots/) into one: every scenario once in the guide's order in index.html "
                    "and scenarios.json, cucumber features merged by uri, JUnit test suites summed, pictures "
                    "copied with their paths (renamed where two reports used the same path).",
        formatter_class=formatter,
        epilog=textwrap.dedent("""\
            examples:
              rehearse merge shard-1 shard-2 shard-3 --out reports/merged
              rehearse merge artifacts/*/ --out merged --force
            exit status: 0 merged, 2 a folder is missing, holds no report, or the reports cannot be merged
            (different guides, unreadable files, --out already holds a report without --force)
            """),
    )
    merge.add_argument("reports", nargs="+", metavar="REPORT_DIR", help="report folders to merge, in any order")
    merge.add_argument("--out", metavar="DIR", default="reports/merged",
                       help="where the merged report goes (default: reports/merged)")
    merge.add_argument("--guide", metavar="PATH", default=None,
                       help="the guide the shards rehearsed, when its recorded path is not on this machine "
                            "(default: that path, else the bundled guide; its sha256 must match)")
    merge.add_argument("--force", action="store_true", help="replace a report already in --out")
    merge.set_defaults(handler=cmd_merge)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:  # everything after the first -- is for pytest (rehearse run)
        split = argv.index("--")
        argv, extra = argv[:split], argv[split + 1 :]
    parser = build_parser()
    args = parser.parse_args(argv)
    if extra:
        if args.command != "run":
            parser.error(f"arguments after -- are only for 'rehearse run': {' '.join(extra)}")
        args.pytest_args = extra
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
