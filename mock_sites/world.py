"""The one in-memory world behind the mock sites: accounts, phones, messages and codes, behind a lock.

Scenarios seed it directly (``seed_account``), the sites change it through their views, and the harness
resets it after every scenario. Time comes from ``clock``, which tests advance to expire links and codes.
"""

from __future__ import annotations

import copy
import itertools
import random
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from faker import Faker

from . import rules

EPOCH = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a fixed Monday morning keeps runs reproducible
RESERVED_DOMAINS = ("example.org", "example.com", "example.net")  # RFC 2606


class Clock:
    """A clock that only moves when told to (``advance``), so expiry is tested without waiting."""

    def __init__(self, start: datetime = EPOCH) -> None:
        self._now = start

    def now(self) -> datetime:
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        self._now += delta
        return self._now


class RealClock:
    """The clock of ``rehearse serve``: real time plus an offset that only moves forward (``advance``), so that
    messages are dated when they come and codes expire while a room rehearses.

    ``source`` gives the real time (UTC); by default the wall clock read once, then moved by ``time.monotonic``
    (a wall clock stepped back by the system never makes a message sent a moment ago disappear from its inbox).
    """

    def __init__(self, source: Callable[[], datetime] | None = None) -> None:
        self.source = source
        self._start, self._started = datetime.now(UTC), time.monotonic()
        self.offset = timedelta(0)

    def now(self) -> datetime:
        real = self.source() if self.source else self._start + timedelta(seconds=time.monotonic() - self._started)
        return real + self.offset

    def advance(self, delta: timedelta) -> datetime:
        self.offset += delta
        return self.now()


@dataclass(frozen=True)
class Identity:
    """A pensioner rehearsing the guide: everything the guide asks them to have ready."""

    first_name: str
    last_name: str
    email: str
    mobile: str
    second_mobile: str
    pension_number: str
    birth_date: date

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class Account:
    email: str
    first_name: str
    last_name: str
    email_language: str
    uid: str
    created_at: datetime
    password: str | None = None  # the mock keeps it in clear: it is a rehearsal, not a vault
    phones: list[str] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class Message:
    id: int
    channel: str  # "email" or "sms"
    to: str
    sent_at: datetime
    deliver_at: datetime
    subject: str
    body: str  # the SMS text, or the e-mail's plain-text part for logs
    raw: bytes | None = None  # the e-mail as a real MIME message


@dataclass
class PasswordLink:
    token: str
    email: str
    expires_at: datetime
    used: bool = False


@dataclass
class Challenge:
    """A code sent by SMS; a newer challenge for the same purpose and number replaces the older one."""

    id: str
    purpose: str  # "register_phone" or "sign_in"
    email: str
    phone: str
    code: str
    expires_at: datetime


@dataclass
class SsoSession:
    id: str
    email: str
    strength: str  # "PASSWORD" or "PASSWORD_SMS"
    created_at: datetime
    phone: str | None = None
    device: str | None = None  # the EU Login Mobile App device that confirmed it (its name)


@dataclass
class ServiceTicket:
    """A CAS service ticket: single use, bound to its service, short-lived."""

    id: str
    service: str
    email: str
    strength: str
    phone: str | None
    login_date: datetime  # when the person proved who they are (the SSO session's start)
    issued_at: datetime
    expires_at: datetime
    from_sso: bool  # issued from an existing SSO session rather than a fresh sign-in
    used: bool = False
    device: str | None = None  # the EU Login Mobile App device of the sign-in (its name), if any


@dataclass
class MobileDevice:
    """An EU Login Mobile App installed on the fake phone ``phone`` and bound to an account (2026 screens)."""

    id: str
    email: str
    uid: str
    name: str
    phone: str  # the fake phone's number where the app runs
    pin_hash: str  # "pbkdf2_sha256$<rounds>$<salt hex>$<hash hex>" (mock_sites.eulogin.mobile.hash_pin)
    added_at: datetime
    last_used_at: datetime | None = None


@dataclass
class DeviceEnrolment:
    """« Ajouter un appareil mobile » waiting for the app: its single-use initialisation token is in the QR code."""

    token: str
    email: str
    name: str
    pin_hash: str  # the PIN typed on the computer, hashed
    expires_at: datetime
    phone: str | None = None  # the fake phone that scanned the code
    done: bool = False
    device_id: str | None = None  # the device it made


@dataclass
class AppSignInRequest:
    """A sign-in waiting for the PIN on the phone (« Application mobile EU Login : code PIN »)."""

    id: str
    email: str
    service: str  # the service's name as the app shows it ("RCAM")
    strength: str
    device_id: str
    expires_at: datetime
    state: str = "pending"  # "pending", "approved" or "refused"
    completed: bool = False  # the computer opened its session with it (single use)


@dataclass
class AppQrToken:
    """A sign-in QR code (« Application mobile EU Login : code QR ») and the one-time password the app shows."""

    token: str
    email: str
    expires_at: datetime
    phone: str | None = None  # the fake phone that scanned it
    used: bool = False  # the app showed its one-time password: a second scan is refused
    # the one-time password: a random draw that World.holds_state could not tell from a value, so not in repr
    otp: str | None = field(default=None, repr=False)
    device_id: str | None = None
    wrong_tries: int = 0  # wrong one-time passwords typed on the computer
    completed: bool = False  # the computer opened its session with it


@dataclass
class Pensioner:
    """A pensioner in the PMO's registry: what RCAM's first-access form is checked against."""

    pension_number: str
    birth_date: date
    last_name: str
    first_name: str
    final_code_channel: str = "email"  # "email" or "sms": how the PMO sends this pensioner's final code
    linked_uid: str | None = None  # the EU Login uid already given RCAM access for this pension number
    registered: bool = False  # a first access has been made for this pension number

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class FinalCode:
    """The « code final » (« token ») the PMO sends after a first access: 4 x 3 characters, single use."""

    code: str
    channel: str  # "email" or "sms"
    to: str  # the e-mail address or mobile number it goes to
    issued_at: datetime
    expires_at: datetime
    message_id: int | None = None
    used_at: datetime | None = None


@dataclass
class Registration:
    """An RCAM first access made by EU Login user ``uid`` for a pension number."""

    uid: str
    email: str
    pension_number: str
    created_at: datetime
    code: FinalCode | None = None  # None when the PMO sends nothing (pension number linked to another uid)
    activated_at: datetime | None = None


@dataclass
class RoomVisitor:
    """A person of the room under ``rehearse serve``: the identity handed to the browser that holds ``token`` (its
    cookie), and the last page that browser was shown (path without query, HTTP status, the page's alerts)."""

    token: str
    identity: Identity
    joined_at: datetime
    last_path: str | None = None
    last_status: int | None = None
    last_alerts: tuple[str, ...] = ()
    last_seen: datetime | None = None


@dataclass(frozen=True)
class WorldState:
    """A world's whole state at one moment, deep-copied: what ``World.export_state`` gives and
    ``World.import_state`` puts back. Storage only: ``values`` maps every attribute of the world but its lock and
    its id counter to a private copy (accounts, messages, …, the clock, the Faker and random generators), and
    ``next_id`` is the id the counter gives next."""

    values: dict[str, object]
    next_id: int


class World:
    """All state of the mock sites. Views take ``lock`` for every change; ``reset`` empties it."""

    def __init__(self, seed: int = 2026) -> None:
        self.lock = threading.RLock()
        self.seed = seed
        self.reset()

    def reset(self, seed: int | None = None) -> None:
        """Empty the world; ``seed`` (default: the world's own) makes its identities reproducible."""
        with self.lock:
            if seed is not None:
                self.seed = seed
            self.clock = Clock()
            # How long the PMO takes to send the final code; ``rehearse serve`` sends it at once.
            self.final_code_delay = rules.FINAL_CODE_DELAY
            self.accounts: dict[str, Account] = {}
            self.messages: list[Message] = []
            self.captchas: dict[str, str] = {}
            self.password_links: dict[str, PasswordLink] = {}
            self.challenges: dict[str, Challenge] = {}
            self.locks: dict[tuple[str, str], datetime] = {}
            self.failed_attempts: dict[tuple[str, str], int] = {}  # wrong challenge tries, per purpose and e-mail
            self.sso_sessions: dict[str, SsoSession] = {}
            self.tickets: dict[str, ServiceTicket] = {}
            self.pensioners: dict[str, Pensioner] = {}  # by pension number
            self.registrations: dict[str, Registration] = {}  # by EU Login uid
            self.visitors: dict[str, RoomVisitor] = {}  # rehearse serve's room, by cookie token
            self.blocked_requests: list[str] = []
            self.security_keys: dict[str, object] = {}  # WebAuthn key rings by uid: mock_sites.eulogin.keys
            # The EU Login Mobile App (mock_sites.eulogin.mobile decides; the world only keeps)
            self.mobile_devices: dict[str, MobileDevice] = {}  # by device id
            self.device_enrolments: dict[str, DeviceEnrolment] = {}  # by initialisation token
            self.app_requests: dict[str, AppSignInRequest] = {}  # by request id
            self.app_qr_tokens: dict[str, AppQrToken] = {}  # by sign-in token
            self._ids = itertools.count(1)
            self._faker = Faker(["fr_BE", "fr_FR"])
            self._faker.seed_instance(self.seed)
            self._rng = random.Random(self.seed)

    @contextmanager
    def transaction(self) -> Iterator[World]:
        with self.lock:
            yield self

    def now(self) -> datetime:
        return self.clock.now()

    # --- saving and restoring the whole world (the follower's snapshots)
    def export_state(self) -> WorldState:
        """A deep copy of everything in the world but the lock, for ``import_state`` (here or in another world).

        It includes the clock, ``final_code_delay``, the next id and the Faker and random generators' states:
        identities and ids drawn after an import are the ones drawn after the export."""
        with self.lock:
            next_id = next(self._ids)  # a count cannot be read without being advanced: take it, start again there
            self._ids = itertools.count(next_id)
            values = {name: value for name, value in vars(self).items() if name not in ("lock", "_ids")}
            return WorldState(copy.deepcopy(values), next_id)

    def holds_state(self, state: WorldState) -> bool:
        """Whether the world holds what ``state`` holds, up to the random values drawn on the way (tokens, codes,
        tickets): every collection of ``snapshot`` (the clock, captchas and generators aside) with the same
        structure, each random value standing where its counterpart stands. A follow that came here by other
        gestures may then go on from the one that exported ``state``."""
        theirs = {name: repr(value) for name, value in state.values.items() if name not in self.NOT_STATE}
        return _without_draws(self.snapshot()) == _without_draws(theirs)

    def import_state(self, state: WorldState) -> None:
        """Replace the world's state with ``state`` (a copy of it: one state can be imported many times)."""
        values = copy.deepcopy(state.values)
        with self.lock:
            vars(self).update(values)
            self._ids = itertools.count(state.next_id)

    def next_id(self) -> int:
        return next(self._ids)

    # What is not the state a person's action changes: the machinery, the clock (tests move it) and the
    # captchas (every form shows a new one).
    NOT_STATE = frozenset({"lock", "seed", "clock", "captchas", "_ids", "_faker", "_rng"})

    def snapshot(self, *, excluding: tuple[str, ...] = ()) -> dict[str, str]:
        """Everything a refused form must leave unchanged: every collection of the world, as text.

        Two snapshots compare equal when nothing was created, changed or sent in between; ``excluding``
        names collections a step is allowed to change (e.g. ``failed_attempts`` after a wrong code)."""
        with self.lock:
            return {name: repr(value) for name, value in vars(self).items()
                    if name not in self.NOT_STATE and name not in excluding}

    # --- identities
    def new_identity(self) -> Identity:
        """A fresh, reproducible pensioner: accented fr_BE/fr_FR names, a reserved e-mail domain."""
        with self.lock:
            fake, rng = self._faker, self._rng
            first = fake.first_name()
            last = fake.last_name()
            if last[0] in "AEIOUHÉ" and rng.random() < 0.7:  # Belgian names such as D'Hondt, D'Haese
                last = "D'" + last
            n = self.next_id()
            local = re.sub(r"[^a-z0-9]+", ".", _ascii(f"{first}.{last}").lower()).strip(".")
            email = f"{local}.{n}@{rng.choice(RESERVED_DOMAINS)}"
            mobile = "+324" + "".join(str(rng.randrange(10)) for _ in range(8))
            second = "+336" + "".join(str(rng.randrange(10)) for _ in range(8))
            pension = "".join(str(rng.randrange(10)) for _ in range(6))  # plausible format
            birth = fake.date_between_dates(date(1935, 1, 1), date(1965, 12, 31))
            return Identity(first, last, email, mobile, second, pension, birth)

    # --- accounts
    def account(self, email: str) -> Account | None:
        return self.accounts.get(rules.normalise_email(email))

    def create_account(self, first: str, last: str, email: str, language: str) -> Account:
        with self.lock:
            key = rules.normalise_email(email)
            if key in self.accounts:
                raise ValueError(f"an account already exists for {email}")
            account = Account(
                email=email.strip(), first_name=_nfc(first), last_name=_nfc(last),
                email_language=language, uid=f"n00{self.next_id():05d}", created_at=self.now(),
            )
            self.accounts[key] = account
            return account

    def seed_account(self, identity: Identity, *, password: str | None = None,
                     phones: tuple[str, ...] = (), language: str = "en") -> Account:
        """An account as it stands after the guide's instructions that created it."""
        with self.lock:
            account = self.create_account(identity.first_name, identity.last_name, identity.email, language)
            account.password = password
            account.phones.extend(phones)
            return account

    # --- messages
    def send(self, channel: str, to: str, subject: str, body: str, raw: bytes | None = None,
             delay: timedelta = timedelta(0)) -> Message:
        with self.lock:
            now = self.now()
            message = Message(self.next_id(), channel, to, now, now + delay, subject, body, raw)
            self.messages.append(message)
            return message

    def inbox(self, channel: str, to: str) -> list[Message]:
        """Messages delivered to ``to`` by now, newest first."""
        with self.lock:
            now = self.now()
            key = to.strip().lower()
            return sorted(
                (m for m in self.messages
                 if m.channel == channel and m.to.lower() == key and m.deliver_at <= now),
                key=lambda m: m.id, reverse=True,
            )

    def message(self, message_id: int) -> Message | None:
        return next((m for m in self.messages if m.id == message_id), None)

    # --- codes
    def new_captcha(self) -> str:
        with self.lock:
            captcha_id = rules.new_token()
            self.captchas[captcha_id] = rules.new_captcha()
            return captcha_id

    def new_password_link(self, email: str) -> PasswordLink:
        with self.lock:
            link = PasswordLink(rules.new_token(), email, self.now() + rules.REGISTRATION_LINK_LIFETIME)
            self.password_links[link.token] = link
            return link

    def challenge(self, purpose: str, email: str, phone: str) -> Challenge | None:
        """The one live challenge for this purpose, person and number (a newer one replaces it)."""
        return next((c for c in self.challenges.values() if (c.purpose, c.email, c.phone) == (purpose, email, phone)),
                    None)

    def new_challenge(self, purpose: str, email: str, phone: str, fmt: rules.CodeFormat) -> Challenge:
        with self.lock:
            if old := self.challenge(purpose, email, phone):
                del self.challenges[old.id]
            challenge = Challenge(rules.new_token(), purpose, email, phone, fmt.generate(),
                                  self.now() + rules.CHALLENGE_LIFETIME)
            self.challenges[challenge.id] = challenge
            return challenge

    def locked_until(self, purpose: str, email: str) -> datetime | None:
        until = self.locks.get((purpose, email))
        return until if until and until > self.now() else None

    def drop_challenge(self, challenge_id: str) -> None:
        with self.lock:
            self.challenges.pop(challenge_id, None)

    def count_wrong_try(self, purpose: str, email: str) -> int:
        """One more wrong try for this purpose and person; returns how many there are now."""
        with self.lock:
            key = (purpose, email)
            self.failed_attempts[key] = self.failed_attempts.get(key, 0) + 1
            return self.failed_attempts[key]

    def clear_wrong_tries(self, purpose: str, email: str) -> None:
        with self.lock:
            self.failed_attempts.pop((purpose, email), None)

    def lock_out(self, purpose: str, email: str, until: datetime) -> None:
        """``purpose`` refused to this person until ``until``; their wrong tries start again from none."""
        with self.lock:
            self.locks[(purpose, email)] = until
            self.failed_attempts.pop((purpose, email), None)

    # --- single sign-on
    def open_sso(self, email: str, strength: str, phone: str | None = None, device: str | None = None) -> SsoSession:
        with self.lock:
            session = SsoSession(rules.new_token(), email, strength, self.now(), phone, device)
            self.sso_sessions[session.id] = session
            return session

    def sso(self, session_id: str | None) -> SsoSession | None:
        """The open SSO session ``session_id``; one older than ``rules.SSO_LIFETIME`` counts as absent."""
        session = self.sso_sessions.get(session_id or "")
        if session is None or session.created_at + rules.SSO_LIFETIME <= self.now():
            return None
        return session

    def close_sso(self, session_id: str | None) -> None:
        with self.lock:
            self.sso_sessions.pop(session_id or "", None)

    def close_sso_of(self, email: str) -> int:
        """Close every SSO session of ``email`` (the person closed their browser); returns how many were open."""
        with self.lock:
            key = rules.normalise_email(email)
            ids = [s.id for s in self.sso_sessions.values() if rules.normalise_email(s.email) == key]
            for session_id in ids:
                del self.sso_sessions[session_id]
            return len(ids)

    # --- the room of rehearse serve: who holds which identity, and the last page each was shown
    def add_visitor(self, token: str, identity: Identity) -> RoomVisitor:
        with self.lock:
            visitor = RoomVisitor(token, identity, self.now())
            self.visitors[token] = visitor
            return visitor

    def visitor(self, token: str | None) -> RoomVisitor | None:
        return self.visitors.get(token or "")

    def note_page(self, token: str, path: str, status: int, alerts: tuple[str, ...] = ()) -> None:
        with self.lock:
            if visitor := self.visitors.get(token):
                visitor.last_path, visitor.last_status, visitor.last_alerts = path, status, alerts
                visitor.last_seen = self.now()

    # --- CAS service tickets
    def issue_ticket(self, sso: SsoSession, service: str, *, from_sso: bool) -> ServiceTicket:
        with self.lock:
            now = self.now()
            ticket = ServiceTicket(rules.new_ticket(self.next_id()), service, sso.email, sso.strength, sso.phone,
                                   sso.created_at, now, now + rules.TICKET_LIFETIME, from_sso,
                                   device=sso.device)
            self.tickets[ticket.id] = ticket
            return ticket

    def take_ticket(self, ticket_id: str) -> ServiceTicket | None:
        """The ticket if it is still valid, used up by this call whatever the caller does next (CAS 3.0:
        a ticket is invalidated by the first validation attempt, successful or not)."""
        with self.lock:
            ticket = self.tickets.get(ticket_id)
            if ticket is None or ticket.used:
                return None
            ticket.used = True
            return ticket if ticket.expires_at > self.now() else None

    # --- the PMO's registry of pensioners and RCAM's first accesses
    def seed_pensioner(self, identity: Identity, *, channel: str = "email", linked_uid: str | None = None,
                       registered: bool | None = None) -> Pensioner:
        """The pensioner ``identity`` in the PMO's registry.

        ``channel`` is how the PMO sends the final code ("email" or "sms"). ``linked_uid`` is an EU Login
        uid already given RCAM access for this pension number: another uid reproduces the guide's warning
        (a second account: the final code never arrives); the person's own uid makes them already activated.
        """
        if channel not in ("email", "sms"):
            raise ValueError(f"channel must be 'email' or 'sms', not {channel!r}")
        with self.lock:
            pensioner = Pensioner(identity.pension_number, identity.birth_date, identity.last_name,
                                  identity.first_name, channel, linked_uid,
                                  linked_uid is not None if registered is None else registered)
            self.pensioners[pensioner.pension_number] = pensioner
            return pensioner

    def pensioner(self, pension_number: str) -> Pensioner | None:
        return self.pensioners.get(rules.normalise_pension_number(pension_number))

    def pensioner_of(self, uid: str) -> Pensioner | None:
        """The pensioner whose RCAM access is linked to the EU Login uid ``uid``."""
        return next((p for p in self.pensioners.values() if p.linked_uid == uid), None)

    def registration(self, uid: str) -> Registration | None:
        return self.registrations.get(uid)

    def add_registration(self, registration: Registration) -> Registration:
        """Record a first access (``mock_sites.rcam.service.first_access`` decides what it holds)."""
        with self.lock:
            self.registrations[registration.uid] = registration
            self.pensioners[registration.pension_number].registered = True
            return registration

    def activate(self, registration: Registration) -> Pensioner:
        """The final code was accepted: the pension number's RCAM access is now this uid's."""
        with self.lock:
            pensioner = self.pensioners[registration.pension_number]
            now = self.now()
            registration.code.used_at = now
            registration.activated_at = now
            pensioner.linked_uid = registration.uid
            return pensioner

    def seed_activation(self, identity: Identity) -> Pensioner:
        """The world after the 3ème étape: the person's RCAM access is active (they land on RCAM en ligne)."""
        with self.lock:
            account = self.account(identity.email)
            if account is None:
                raise ValueError(f"seed the EU Login account of {identity.email} first")
            pensioner = self.pensioner(identity.pension_number) or self.seed_pensioner(identity)
            pensioner.linked_uid, pensioner.registered = account.uid, True
            return pensioner

    def final_code(self, uid: str) -> str | None:
        """The final code sent for the EU Login uid ``uid`` (what the person reads in the message), or None."""
        registration = self.registrations.get(uid)
        return registration.code.code if registration and registration.code else None


# What the sites draw at random: URL-safe tokens, tickets, Message-IDs, MIME boundaries, and codes in hyphen-separated
# groups.
_DRAWN_RE = re.compile(r"ST-\d+-[A-Za-z0-9]+|<[^<>@\s]+@[^<>\s]+>|=+\d{6,}=*|[A-Za-z0-9_-]{24,}"
                       r"|\b[A-Z0-9]{2,8}(?:-[A-Z0-9]{2,8})+\b")


def _without_draws(snapshot: dict[str, str]) -> dict[str, str]:
    """``snapshot`` with every random value replaced by its rank of first appearance (the same value, the same
    rank): two worlds that differ only by their draws compare equal."""
    ranks: dict[str, str] = {}

    def rank(match: re.Match[str]) -> str:
        return ranks.setdefault(match.group(0), f"<drawn {len(ranks)}>")

    return {name: _DRAWN_RE.sub(rank, text) for name, text in sorted(snapshot.items())}


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def _ascii(value: str) -> str:
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
