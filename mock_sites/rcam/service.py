"""What RCAM (and the PMO behind it) decides about a first access: who gets a final code, by which channel, sent
when; and the world as it stands after instruction 2.18, for scenarios that start there.

The views and the seeding steps call these; the world only stores the registration (``mock_sites.world``).
"""

from __future__ import annotations

from .. import notify, rules
from ..world import Account, FinalCode, Identity, Pensioner, Registration, World


def first_access(world: World, account: Account, pensioner: Pensioner, phone: str | None = None,
                 screens: str | None = None) -> Registration:
    """RCAM's first access (instructions 2.17–2.18) as the site records it.

    The PMO sends the final code after ``world.final_code_delay`` (world clock) by the pensioner's channel:
    e-mail to the account's address in its e-mail language, or SMS to ``phone`` (the number the person signed
    in with; the account's first number if None). One EU Login account per person: a pension number linked to
    another account, or already registered by another account, gets the same screens and no final code, ever.
    The e-mail is worded for the ``screens`` profile (how to sign in for RCAM).
    """
    with world.lock:
        registration = Registration(account.uid, account.email, pensioner.pension_number, world.now())
        claimed_elsewhere = any(other.pension_number == pensioner.pension_number and other.uid != account.uid
                                for other in world.registrations.values())
        if pensioner.linked_uid in (None, account.uid) and not claimed_elsewhere:
            number = phone or (account.phones[0] if account.phones else None)
            channel = pensioner.final_code_channel if number else "email"
            now = world.now()
            registration.code = FinalCode(
                rules.FINAL_CODE.generate(), channel, account.email if channel == "email" else number,
                now, now + world.final_code_delay + rules.FINAL_CODE_LIFETIME)
            registration.code.message_id = notify.send_final_code(world, account, registration.code, screens).id
        return world.add_registration(registration)


def seed_registration(world: World, identity: Identity, *, channel: str = "email", linked_uid: str | None = None,
                      phone: str | None = None, delivered: bool = True, screens: str | None = None) -> Registration:
    """The world after instruction 2.18: the pensioner in the registry, their first access made, the final code
    sent as the site sends it. With ``delivered`` the clock moves past the delivery delay (the 3ème étape starts
    "quand vous aurez reçu le code final"). The account must exist (``world.seed_account``)."""
    with world.lock:
        account = world.account(identity.email)
        if account is None:
            raise ValueError(f"seed the EU Login account of {identity.email} first")
        pensioner = world.pensioner(identity.pension_number) or world.seed_pensioner(
            identity, channel=channel, linked_uid=linked_uid)
        registration = first_access(world, account, pensioner, phone, screens)
        if delivered:
            world.clock.advance(world.final_code_delay)
        return registration
