"""What the room of ``rehearse serve`` decides: a fresh identity per visitor, which mailbox and phone a visitor may
open, what « J’ai fermé mon navigateur » ends, and how far the facilitator may move the room's clock.

The views (``mock_sites.room``) call these; the world only stores the visitors (``World.visitors``).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from .. import rules
from ..world import RoomVisitor, World

VISITOR_COOKIE = "ROOM_VISITOR"  # an unguessable token naming the visitor (World.visitors), path /
VISITOR_COOKIE_AGE = timedelta(days=7)  # outlives a closed browser: the person keeps their identity
MAX_VISITORS = 500  # a room, not a town: a browser that keeps asking cannot fill the memory
CLOCK_STEPS = {  # what the facilitator may add to the room's clock, by form value (label room_clock_<value>)
    "15m": timedelta(minutes=15),  # a lock after wrong codes (rules.CHALLENGE_LOCK) is over
    "1h": timedelta(hours=1),  # the registration e-mail's link has expired (rules.REGISTRATION_LINK_LIFETIME)
    "1d": timedelta(days=1),  # the single sign-on has expired (rules.SSO_LIFETIME)
    "2d": timedelta(days=2),  # the guide's « des jours passent » before the final code
}


def new_visitor(world: World) -> RoomVisitor | None:
    """A fresh identity the PMO knows (stage 2 asks for its pension number), handed to a new visitor; None when
    the room is full."""
    with world.lock:
        if len(world.visitors) >= MAX_VISITORS:
            return None
        identity = world.new_identity()
        world.seed_pensioner(identity, channel="email")
        return world.add_visitor(secrets.token_urlsafe(32), identity)


def _key(value: str) -> str:
    return value.strip().lower()  # as World.inbox compares addresses and numbers


def may_open(world: World, visitor: RoomVisitor | None, kind: str, value: str) -> bool:
    """Whether ``visitor`` may open the mailbox (``kind`` "mailbox") or phone ("phone") ``value``.

    A mailbox: only the visitor's own address. A phone: the visitor's two rehearsal numbers, and a number they
    typed themselves into their account (added, or waiting for its code) unless it is another visitor's rehearsal
    number: typing someone else's number never shows their SMS.
    """
    if visitor is None:
        return False
    identity, key = visitor.identity, _key(value)
    if kind == "mailbox":
        return key == _key(identity.email)
    if key in (_key(identity.mobile), _key(identity.second_mobile)):
        return True
    with world.lock:
        account = world.account(identity.email)
        if account is None:
            return False
        email = rules.normalise_email(account.email)
        typed = {_key(number) for number in account.phones}
        typed |= {_key(c.phone) for c in world.challenges.values() if rules.normalise_email(c.email) == email}
        if key not in typed:
            return False
        return not any(key in (_key(other.identity.mobile), _key(other.identity.second_mobile))
                       for other in world.visitors.values() if other is not visitor)


def close_browser(world: World, visitor: RoomVisitor) -> int:
    """« J’ai fermé mon navigateur »: every single sign-on session of the visitor's account ends (the view clears
    the browser's session cookies); returns how many were open."""
    return world.close_sso_of(visitor.identity.email)


def advance_clock(world: World, step: str):
    """Move the room's clock forward by ``CLOCK_STEPS[step]``; returns the new time (KeyError for another step)."""
    delta = CLOCK_STEPS[step]
    with world.lock:
        return world.clock.advance(delta)
