"""The one in-memory world behind the mock sites: accounts, phones, messages and codes, behind a lock.

Scenarios seed it directly (``seed_account``), the sites change it through their views, and the harness
resets it after every scenario. Time comes from ``clock``, which tests advance to expire links and codes.
"""

from __future__ import annotations

import itertools
import random
import re
import threading
import unicodedata
from collections.abc import Iterator
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
    attempts: int = 0


@dataclass
class SsoSession:
    id: str
    email: str
    strength: str  # "PASSWORD" or "PASSWORD_SMS"
    created_at: datetime
    phone: str | None = None


class World:
    """All state of the mock sites. Views take ``lock`` for every change; ``reset`` empties it."""

    def __init__(self, seed: int = 2026) -> None:
        self.lock = threading.RLock()
        self.seed = seed
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.clock = Clock()
            self.accounts: dict[str, Account] = {}
            self.messages: list[Message] = []
            self.captchas: dict[str, str] = {}
            self.password_links: dict[str, PasswordLink] = {}
            self.challenges: dict[str, Challenge] = {}
            self.locks: dict[tuple[str, str], datetime] = {}
            self.sso_sessions: dict[str, SsoSession] = {}
            self.blocked_requests: list[str] = []
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

    def next_id(self) -> int:
        return next(self._ids)

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
                email=email.strip(), first_name=first.strip(), last_name=last.strip(),
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

    def new_challenge(self, purpose: str, email: str, phone: str, fmt: rules.CodeFormat) -> Challenge:
        with self.lock:
            for key, old in list(self.challenges.items()):
                if (old.purpose, old.email, old.phone) == (purpose, email, phone):
                    del self.challenges[key]
            challenge = Challenge(rules.new_token(), purpose, email, phone, fmt.generate(),
                                  self.now() + rules.CHALLENGE_LIFETIME)
            self.challenges[challenge.id] = challenge
            return challenge

    def latest_challenge(self, phone: str) -> Challenge | None:
        with self.lock:
            mine = [c for c in self.challenges.values() if c.phone == phone]
            return mine[-1] if mine else None

    def locked_until(self, purpose: str, email: str) -> datetime | None:
        until = self.locks.get((purpose, email))
        return until if until and until > self.now() else None

    # --- single sign-on
    def open_sso(self, email: str, strength: str, phone: str | None = None) -> SsoSession:
        with self.lock:
            session = SsoSession(rules.new_token(), email, strength, self.now(), phone)
            self.sso_sessions[session.id] = session
            return session

    def sso(self, session_id: str | None) -> SsoSession | None:
        return self.sso_sessions.get(session_id or "")


def _ascii(value: str) -> str:
    return unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
