"""What EU Login decides about the codes it sends by SMS: issue a challenge, check a typed one, count the wrong
tries, lock after too many.

The views call these and turn a ``Verdict`` into the screen's words; the world only stores challenges, tries and
locks (``mock_sites.world``). Callers hold ``world.transaction()`` when a check must not be undone half-way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .. import notify, rules
from ..world import Account, Challenge, World


@dataclass(frozen=True)
class Verdict:
    """What is wrong with a typed challenge: a message key of ``labels.TEXTS`` and its fields, and the HTTP
    status; ``problem`` None when the code was right."""

    problem: str | None = None
    status: int = 200
    fields: tuple[tuple[str, object], ...] = ()

    @property
    def ok(self) -> bool:
        return self.problem is None


RIGHT = Verdict()


def send_challenge(world: World, purpose: str, account: Account, phone: str, fmt: rules.CodeFormat) -> Challenge:
    """A new challenge by SMS to ``phone``; it replaces any older one for the same purpose and number."""
    return notify.send_challenge(world, purpose, account, phone, fmt)


def minutes_left(world: World, until: datetime) -> int:
    """Whole minutes (at least 1) until ``until`` on the world's clock: what a lock message says."""
    return max(1, int((until - world.now()).total_seconds() + 59) // 60)


def locked(world: World, purpose: str, account: Account) -> Verdict | None:
    """The lock verdict while ``purpose`` is locked for this person, else None."""
    if until := world.locked_until(purpose, account.email):
        return Verdict("err_challenge_locked", 429, (("minutes", minutes_left(world, until)),))
    return None


def check_challenge(world: World, purpose: str, account: Account, phone: str, typed: str,
                    fmt: rules.CodeFormat) -> Verdict:
    """Check ``typed`` (normalised) against the live challenge; count a wrong try, lock after
    ``rules.CHALLENGE_MAX_ATTEMPTS``; an expired challenge is replaced by a new one sent at once."""
    with world.lock:
        if refused := locked(world, purpose, account):
            return refused
        challenge = world.challenge(purpose, account.email, phone)
        if challenge is None:
            return Verdict("err_session", 400)
        if len(typed) != fmt.length:
            return Verdict("err_challenge_length", 400, (("length", fmt.length),))
        if challenge.expires_at <= world.now():
            send_challenge(world, purpose, account, phone, fmt)
            return Verdict("err_challenge_expired", 400)
        if typed != fmt.normalise(challenge.code):
            # Wrong tries count per person and purpose, not per code: asking for a new code does not reset them.
            if world.count_wrong_try(purpose, account.email) >= rules.CHALLENGE_MAX_ATTEMPTS:
                world.lock_out(purpose, account.email, world.now() + rules.CHALLENGE_LOCK)
                world.drop_challenge(challenge.id)
                return locked(world, purpose, account)
            return Verdict("err_challenge_wrong", 400)
        world.clear_wrong_tries(purpose, account.email)
        world.drop_challenge(challenge.id)
        return RIGHT
