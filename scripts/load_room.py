"""A room of people rehearsing stage 1 and stage 2 at once against ``rehearse serve``'s server, over HTTP.

Each person is a thread with its own ``requests.Session`` (its own cookies, as a tablet's browser): they open the
start page and take an identity, then walk the guide's instructions 1.1–1.12 and 2.13–2.18 screen by screen, reading
their e-mails and SMS in their own fake mailbox and phone (the JSON pages), and waiting 1–3 s (``--think``) before
each gesture as a person does. Redirects are followed by hand, so every request is timed on its own. The captcha is
read from the world, as the unit tests do (a person reads the picture).

The server is ``mock_sites.server.start_plain(room=True)`` on loopback, in a process of its own as under ``rehearse
serve`` (the people's threads would otherwise share its interpreter lock); a pipe to it answers the captchas and,
at the end, the check of the worlds and the server's own time per request. Bounded: ``--users`` people,
``--seconds`` at most; a person not done by then stops and counts as unfinished.

Printed: p50, p95 and max per kind of request, the error count (any status other than the one expected, any
broken step), and whether every person's world is intact afterwards: their EU Login account with their names,
their phone on it and no other, their first access with their pension number, their final code in their mailbox
and nobody else's. Exits 1 when there were errors, a world is not intact, or a p95 is over ``--target-ms``.

    .venv/bin/python scripts/load_room.py                  # 50 people, 60 s at most
    .venv/bin/python scripts/load_room.py --users 5 --seconds 30
"""

from __future__ import annotations

import argparse
import html
import multiprocessing
import random
import re
import statistics
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mock_sites import rules  # noqa: E402
from mock_sites.rules import Paths  # noqa: E402
from mock_sites.server import start_plain  # noqa: E402
from mock_sites.world import World  # noqa: E402

PASSWORD = rules.GUIDE_EXAMPLE_PASSWORD
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
HIDDEN_RE = r'name="{}" value="([^"]*)"'
REDIRECTS = (301, 302, 303, 307, 308)


class StepFailed(Exception):
    """A step of the walk did not give what a person would see: the person stops there."""


@dataclass
class Stats:
    """Every request's time by kind, and the errors, shared by the people's threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.times[kind].append(seconds)

    def error(self, message: str) -> None:
        with self.lock:
            self.errors.append(message)


class ServerProcess:
    """``start_plain(room=True)`` in a child process, and a pipe to ask it what only its world knows."""

    def __init__(self, seed: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.pipe, theirs = context.Pipe()
        self.process = context.Process(target=serve, args=(seed, theirs), name="mock-sites", daemon=True)
        self.process.start()
        self.public_url = self.ask("url")
        self.lock = threading.Lock()

    def ask(self, *question):
        self.pipe.send(question)
        return self.pipe.recv()

    def captcha(self, captcha_id: str) -> str:
        with self.lock:  # one question at a time on the pipe
            return self.ask("captcha", captcha_id)

    def stop(self) -> None:
        self.ask("stop")
        self.process.join(10)


def serve(seed: int, pipe) -> None:
    """The child: the room's server, timing each request as the server sees it, answering the parent's questions."""
    server = start_plain(World(seed=seed), room=True)
    timings: dict[str, list[float]] = defaultdict(list)
    app = server.server.wsgi_app

    def timed(environ, start_response):
        started = time.perf_counter()
        try:
            return app(environ, start_response)
        finally:
            timings[f"{environ['REQUEST_METHOD']} {route(environ.get('PATH_INFO', ''))}"].append(
                time.perf_counter() - started)

    server.server.wsgi_app = timed
    while True:
        question, *rest = pipe.recv()
        if question == "url":
            pipe.send(server.public_url)
        elif question == "captcha":
            pipe.send(server.world.captchas.get(rest[0], ""))
        elif question == "intact":
            pipe.send(intact(server.world, rest[0]))
        elif question == "timings":
            pipe.send(dict(timings))
        elif question == "stop":
            server.stop()
            pipe.send("stopped")
            return


@dataclass
class Person:
    number: int
    base: str
    server: ServerProcess
    stats: Stats
    deadline: float
    think: tuple[float, float]
    rng: random.Random
    http: requests.Session = field(default_factory=requests.Session)
    identity: dict[str, str] = field(default_factory=dict)
    text: str = ""
    url: str = ""
    reached: str = "nothing"  # the last instruction done
    finished: bool = False

    # --- one gesture: wait like a person, then one request (and the redirects after it, each timed)
    def wait(self) -> None:
        pause = self.rng.uniform(*self.think)
        if time.monotonic() + pause > self.deadline:
            raise TimeoutError
        time.sleep(pause)

    def request(self, kind: str, method: str, url: str, *, data=None, expect: int = 200, think: bool = True,
                keep: bool = True):
        """One gesture; ``keep``: the page stays the one the person is on (a JSON look at the phone does not)."""
        if think:
            self.wait()
        url = urljoin(self.url or self.base, url)
        started = time.perf_counter()
        response = self.http.request(method, url, data=data, allow_redirects=False, timeout=30)
        self.stats.add(kind, time.perf_counter() - started)
        while response.status_code in REDIRECTS and expect not in REDIRECTS:
            url = urljoin(url, response.headers["Location"])
            started = time.perf_counter()
            response = self.http.get(url, allow_redirects=False, timeout=30)
            self.stats.add(f"  → GET {route(url)}", time.perf_counter() - started)
        if response.status_code != expect:
            raise StepFailed(f"{kind}: HTTP {response.status_code} at {route(url)} (expected {expect})")
        if keep:
            self.url, self.text = url, response.text
        return response

    def get(self, kind: str, url: str, **options):
        return self.request(kind, "GET", url, **options)

    def post(self, kind: str, url: str, data: dict, **options):
        return self.request(kind, "POST", url, data={"csrf_token": self.found(CSRF_RE), **data}, **options)

    def found(self, pattern: re.Pattern[str] | str) -> str:
        match = re.search(pattern, self.text)
        if not match:
            raise StepFailed(f"not found on {route(self.url)}: {getattr(pattern, 'pattern', pattern)}")
        return html.unescape(match.group(1))

    def json(self, kind: str, url: str) -> dict:
        return self.get(kind, url, keep=False).json()

    # --- the walk
    def rehearse(self) -> None:
        try:
            self.start()
            self.stage_1()
            self.stage_2()
            self.finished = True
        except TimeoutError:
            pass
        except (StepFailed, requests.RequestException, KeyError, ValueError) as error:
            self.stats.error(f"person {self.number} after {self.reached}: {error}")

    def start(self) -> None:
        self.get("GET / (start page)", "/")
        self.post("POST /_room/start", Paths.ROOM + "/start", {})
        self.identity = {name: self.found(rf'id="identity-{name}">([^<]+)<')
                         for name in ("first-name", "last-name", "email", "mobile", "pension-number", "birth-date")}

    def mailbox(self) -> list[dict]:
        return self.json("GET mailbox JSON", f"{Paths.MAILBOX}/{self.identity['email']}/messages.json")["messages"]

    def sms_code(self, fmt: rules.CodeFormat) -> str:
        answer = self.json("GET phone JSON", f"{Paths.PHONE}/{self.identity['mobile']}/messages.json")
        codes = code_pattern(fmt).findall(answer["messages"][0]["text"]) if answer["messages"] else []
        if not codes:
            raise StepFailed(f"no {fmt.describe()} code on the phone")
        return codes[0]

    def stage_1(self) -> None:
        person = self.identity
        self.get("GET /cas", Paths.CAS)  # 1.1
        self.post("POST /cas/login (whoami)", Paths.LOGIN, {"step": "whoami", "username": person["email"]})
        captcha_id = self.found(HIDDEN_RE.format("captcha_id"))
        self.get("GET captcha.svg", f"{Paths.CAPTCHA}/{captcha_id}.svg", think=False, keep=False)
        self.post("POST register", Paths.REGISTER, {  # 1.2
            "first_name": person["first-name"], "last_name": person["last-name"], "email": person["email"],
            "email_confirm": person["email"], "email_language": "fr", "captcha_id": captcha_id,
            "captcha": self.server.captcha(captcha_id), "privacy": "on"})
        self.reached = "1.2"
        link = next(url for message in self.mailbox() for url in message["links"] if Paths.INIT_PASSWORD in url)
        self.get("GET init password (e-mail link)", link)  # 1.3
        self.post("POST init password", Paths.INIT_PASSWORD, {
            "token": self.found(HIDDEN_RE.format("token")), "new_password": PASSWORD, "confirm_password": PASSWORD})
        self.reached = "1.4"
        self.get("GET my account", Paths.MY_ACCOUNT)  # 1.5
        self.get("GET manage phones", Paths.MANAGE_PHONES)  # 1.6
        self.get("GET add phone", Paths.ADD_PHONE)  # 1.7
        self.post("POST add phone", Paths.ADD_PHONE, {"mobile_number": person["mobile"]})  # 1.8
        code = self.sms_code(rules.PHONE_CHALLENGE)
        self.post("POST verify phone", Paths.VERIFY_PHONE, {"challenge": rules.PHONE_CHALLENGE.split(code)})  # 1.9
        self.reached = "1.10"
        self.get("GET /cas/logout", Paths.LOGOUT)  # 1.12
        self.reached = "1.12"

    def stage_2(self) -> None:
        person = self.identity
        self.get("GET /RCAM/", Paths.RCAM_HOME)  # 2.13
        self.get("GET /RCAM/login (Connecter)", Paths.RCAM_LOGIN)
        login = self.url  # /cas/login?service=…&acceptStrengths=PASSWORD_SMS
        self.post("POST /cas/login?service (whoami)", login, {"step": "whoami", "username": person["email"]})  # 2.14
        self.post("POST /cas/login?service (password + SMS)", login, {  # 2.15
            "step": "password", "password": PASSWORD, "loginStrength": rules.STRENGTH_SMS, "mobile": person["mobile"]})
        code = self.sms_code(rules.SIGN_IN_CHALLENGE)
        self.post("POST /cas/login?service (challenge)", login, {  # 2.16: back on RCAM through the ticket
            "step": "challenge", "challenge": rules.SIGN_IN_CHALLENGE.split(code)})
        if urlsplit(self.url).path != Paths.RCAM_FIRST_ACCESS:
            raise StepFailed(f"after the SMS sign-in: {route(self.url)}, not the first access")
        self.reached = "2.16"
        self.post("POST first access", Paths.RCAM_FIRST_ACCESS, {  # 2.17
            "pension_number": person["pension-number"], "pension_number_confirm": person["pension-number"],
            "birth_date": person["birth-date"], "last_name": person["last-name"],
            "first_name": person["first-name"]})
        if urlsplit(self.url).path != Paths.RCAM_REGISTERED:
            raise StepFailed(f"after the first access: {route(self.url)}")
        self.reached = "2.18"
        if not any(code_pattern(rules.FINAL_CODE).search(message["text"]) for message in self.mailbox()):
            raise StepFailed("no final code in the mailbox")


def code_pattern(fmt: rules.CodeFormat) -> re.Pattern[str]:
    """A code of ``fmt`` as the messages write it (groups joined by hyphens)."""
    return re.compile(r"\b" + "-".join([f"[A-Z0-9]{{{fmt.size}}}"] * fmt.groups) + r"\b")


def route(url: str) -> str:
    """The path of ``url`` with what is one person's (an address, a number, an id, a token) as ``*``."""
    def general(part: str) -> str:
        stem, dot, suffix = part.partition(".")
        token = re.fullmatch(r"[\w-]{20,}", stem) and not stem.isalpha()
        if "@" in part or part.startswith(("+", "%2B")) or stem.isdigit() or token:
            return "*" + (dot + suffix if "@" not in part else "")
        return part

    return "/".join(general(part) for part in urlsplit(url).path.split("/"))


def intact(world: World, people: list[dict]) -> list[str]:
    """What is wrong with each person's world, as far as they got: their account (their names, their password),
    their phone on it and on nobody else's, their first access with their pension number and no one else's, their
    final code sent to their own address."""
    problems = []
    with world.lock:
        for person in people:
            me, who, reached = person["identity"], f"person {person['number']}", person["reached"]
            if reached == "nothing":
                continue
            account = world.account(me["email"])
            if account is None:
                problems.append(f"{who}: no account for {me['email']}")
                continue
            if (account.first_name, account.last_name) != (me["first-name"], me["last-name"]):
                problems.append(f"{who}: the account's names are {account.full_name!r}")
            if reached != "1.2" and account.password != PASSWORD:
                problems.append(f"{who}: the password is not theirs")
            expected = [me["mobile"]] if reached in ("1.10", "1.12", "2.16", "2.18") else []
            if account.phones != expected:
                problems.append(f"{who}: phones {account.phones}, not {expected}")
            holders = [a.email for a in world.accounts.values() if me["mobile"] in a.phones and a is not account]
            if holders:
                problems.append(f"{who}: their number is also on {holders}")
            registration = world.registration(account.uid)
            if reached == "2.18":
                if registration is None or registration.pension_number != me["pension-number"]:
                    problems.append(f"{who}: first access {registration}")
                elif registration.code is None or registration.code.to != account.email:
                    problems.append(f"{who}: final code {registration.code}")
            elif registration is not None:
                problems.append(f"{who}: a first access they did not make")
            others = [r.email for r in world.registrations.values()
                      if r.pension_number == me["pension-number"] and r.uid != account.uid]
            if others:
                problems.append(f"{who}: their pension number registered by {others}")
    return problems


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="people rehearsing at once (default 50)")
    parser.add_argument("--seconds", type=float, default=60, help="at most this long (default 60)")
    parser.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                        help="seconds a person waits before each gesture (default 1 3)")
    parser.add_argument("--seed", type=int, default=7, help="seed of the world and of the waits")
    parser.add_argument("--target-ms", type=float, default=50, help="p95 every kind must stay under (default 50)")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 500 or not 0 < args.seconds <= 600:
        parser.error("--users must be 1–500 and --seconds 0–600")

    server = ServerProcess(args.seed)
    stats = Stats()
    started = time.monotonic()
    deadline = started + args.seconds
    people = [Person(n, server.public_url, server, stats, deadline, tuple(args.think),
                     random.Random(args.seed * 1000 + n)) for n in range(1, args.users + 1)]
    threads = [threading.Thread(target=person.rehearse, name=f"person-{person.number}") for person in people]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 60)
        elapsed = time.monotonic() - started
        problems = server.ask("intact", [{"number": p.number, "identity": p.identity, "reached": p.reached}
                                         for p in people])
        served = server.ask("timings")
    finally:
        server.stop()

    print(f"{args.users} people, stage 1 and stage 2, {args.think[0]:g}–{args.think[1]:g} s between gestures, "
          f"{elapsed:.1f} s (at most {args.seconds:g} s), server {server.public_url} (start_plain, room)")
    print("As the people saw it (request sent to response read, in their process):")
    print(f"{'kind of request':<64}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    over = []
    every = []
    for kind in sorted(stats.times, key=lambda k: (k.startswith("  "), k)):
        values = stats.times[kind]
        every += values
        p50, p95, top = (1000 * v for v in (statistics.median(values), percentile(values, 0.95), max(values)))
        print(f"{kind:<64}{len(values):>7}{p50:>9.1f}{p95:>9.1f}{top:>9.1f}")
        if p95 >= args.target_ms:
            over.append(kind)
    if every:
        print(f"{'all requests':<64}{len(every):>7}{1000 * statistics.median(every):>9.1f}"
              f"{1000 * percentile(every, 0.95):>9.1f}{1000 * max(every):>9.1f}")
    print("As the server spent it (its WSGI app, in its process):")
    print(f"{'route':<64}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind in sorted(served):
        values = served[kind]
        print(f"{kind:<64}{len(values):>7}{1000 * statistics.median(values):>9.1f}"
              f"{1000 * percentile(values, 0.95):>9.1f}{1000 * max(values):>9.1f}")
    finished = sum(person.finished for person in people)
    reached = defaultdict(int)
    for person in people:
        reached[person.reached] += 1
    print(f"finished stage 1 and 2: {finished}/{args.users}; last instruction reached: "
          + ", ".join(f"{k}: {v}" for k, v in sorted(reached.items())))
    print(f"errors: {len(stats.errors)}")
    for error in stats.errors[:20]:
        print(f"  {error}")
    print(f"worlds intact: {'yes' if not problems else 'NO'} ({len(problems)} problems)")
    for problem in problems[:20]:
        print(f"  {problem}")
    if over:
        print(f"p95 at or over {args.target_ms:g} ms: {', '.join(k.strip() for k in over)}")
    return 1 if stats.errors or problems or over else 0


if __name__ == "__main__":
    sys.exit(main())
