"""Where each person of the room is in the guide, read from what the world already records (accounts, their
password and phones, the CAS tickets RCAM validated, first accesses and final codes), and where they are stuck
(a lock, wrong codes, an error screen, a link gone stale, a final code that will never come).

The world's records are turned into kinds of event, and ONE table (``INSTRUCTION_AFTER``) says which
instruction of the guide each kind completes. A world seeded directly (``seed_account``, ``seed_registration``)
reads the same as one walked through the screens: no view has to remember to log anything.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import profiles, rules
from ..eulogin import mobile, throttle
from ..world import RoomVisitor, World

# The one table per screen profile: kind of event → the instruction of the bundled guide written for those screens
# (rehearse.guide.BUNDLED_GUIDES) that leaves the world so, in the guide's order.
INSTRUCTION_AFTER: dict[str, dict[str, str]] = {
    "2020": {  # guides/acces-rcam-eu-login.txt
        "account_created": "1.2",  # « Créer un compte »
        "password_set": "1.3",  # the password chosen from the e-mail's link
        "phone_added": "1.10",  # the 2 x 4 challenge accepted: « numéro de téléphone ajouté »
        "second_phone_added": "1.11",  # the supplementary number the guide advises
        "rcam_signed_in": "2.16",  # back on RCAM from an SMS sign-in (a CAS ticket RCAM validated)
        "first_access": "2.18",  # pension number and birth date accepted: « C’est fait ! »
        "final_code_used": "3.4",  # the 4 x 3 final code accepted
    },
    "2026": {  # guides/acces-rcam-eu-login-2026.md
        "account_created": "1.2",
        "password_set": "1.4",
        "device_added": "1.16",  # the app initialised with the QR code and the PIN: « appareil mobile ajouté »
        "rcam_signed_in": "2.23",  # back on RCAM after the PIN on the phone
        "first_access": "2.25",
        "final_code_used": "3.7",
    },
}
# The wrong tries that lock (a label ``room_what_<purpose>`` says what): the SMS codes, the password, the app's PIN
LOCKED_PURPOSES = ("register_phone", "sign_in", throttle.PURPOSE, mobile.PIN_PURPOSE)


@dataclass(frozen=True)
class Progress:
    """What the facilitator sees of one person: the kinds of event done, the last instruction completed, and the
    reasons they may be stuck as (label key of ``labels.TEXTS``, its fields) pairs."""

    done: tuple[str, ...]
    stuck: tuple[tuple[str, dict], ...] = field(default=())
    screens: str = profiles.DEFAULT  # whose guide's instructions ``last_instruction`` names

    @property
    def last_kind(self) -> str | None:
        return self.done[-1] if self.done else None

    @property
    def last_instruction(self) -> str | None:
        return INSTRUCTION_AFTER[self.screens][self.done[-1]] if self.done else None


def events(world: World, email: str, screens: str = profiles.DEFAULT) -> tuple[str, ...]:
    """The kinds of event the world records for the person of ``email``, in the order of the table of ``screens``
    (its guide's order)."""
    with world.lock:
        account = world.account(email)
        if account is None:
            return ()
        key = rules.normalise_email(account.email)
        happened = {
            "account_created": True,
            "password_set": account.password is not None,
            "phone_added": len(account.phones) >= 1,
            "second_phone_added": len(account.phones) >= 2,
            "device_added": bool(mobile.devices_of(world, account)),
            "rcam_signed_in": any(ticket.used and rules.normalise_email(ticket.email) == key
                                  and ticket.strength in profiles.RCAM_STRENGTHS_ANY
                                  for ticket in world.tickets.values()),
        }
        registration = world.registration(account.uid)
        happened["first_access"] = registration is not None
        happened["final_code_used"] = bool(registration and registration.code and registration.code.used_at)
        return tuple(kind for kind in INSTRUCTION_AFTER[screens] if happened.get(kind))


def stuck(world: World, visitor: RoomVisitor) -> tuple[tuple[str, dict], ...]:
    """Why ``visitor`` may be stuck now, as (label key, fields); ``what`` fields are label keys themselves."""
    reasons: list[tuple[str, dict]] = []
    with world.lock:
        account = world.account(visitor.identity.email)
        if account is not None:
            for purpose in LOCKED_PURPOSES:
                what = f"room_what_{purpose}"
                if until := world.locked_until(purpose, account.email):
                    reasons.append(("room_stuck_locked", {"until": until, "what": what}))
                elif count := world.failed_attempts.get((purpose, account.email)):
                    reasons.append(("room_stuck_wrong_codes", {"count": count, "what": what}))
            links = [link for link in world.password_links.values()
                     if rules.normalise_email(link.email) == rules.normalise_email(account.email)]
            if account.password is None and links and all(link.expires_at <= world.now() for link in links):
                reasons.append(("room_stuck_link_expired", {}))
            registration = world.registration(account.uid)
            if registration is not None and registration.code is None:
                reasons.append(("room_stuck_no_final_code", {}))
        if visitor.last_status is not None and visitor.last_status >= 400:
            reasons.append(("room_stuck_error_page", {"status": visitor.last_status, "path": visitor.last_path}))
    return tuple(reasons)


def progress(world: World, visitor: RoomVisitor, screens: str = profiles.DEFAULT) -> Progress:
    return Progress(events(world, visitor.identity.email, screens), stuck(world, visitor), screens)
