"""What EU Login decides about a typed password: right, wrong (counted), or refused while too many wrong ones wait.

After ``rules.PASSWORD_MAX_WRONG`` wrong passwords in a row for one account, signing in to it is refused for
``rules.PASSWORD_LOCK`` on the world's clock, the right password included; the right password before that starts
the count again from none. The views turn the ``Verdict`` into the screen's words; the world only stores the
count and the lock (``failed_attempts`` and ``locks`` under the purpose ``"password"``, beside the SMS codes').
"""

from __future__ import annotations

from .. import rules
from ..world import Account, World
from .service import RIGHT, Verdict, minutes_left

PURPOSE = "password"


def locked(world: World, account: Account) -> Verdict | None:
    """The lock verdict (429, the minutes left) while signing in to ``account`` waits, else None."""
    if until := world.locked_until(PURPOSE, account.email):
        return Verdict("err_password_locked", 429, (("minutes", minutes_left(world, until)),))
    return None


def check_password(world: World, account: Account, typed: str) -> Verdict:
    """Whether ``typed`` signs in to ``account``: refused while locked (nothing counted), a wrong one counted and
    the account locked at ``rules.PASSWORD_MAX_WRONG``, the right one clearing the count."""
    with world.lock:
        if refused := locked(world, account):
            return refused
        if account.password is None or typed != account.password:
            if world.count_wrong_try(PURPOSE, account.email) >= rules.PASSWORD_MAX_WRONG:
                world.lock_out(PURPOSE, account.email, world.now() + rules.PASSWORD_LOCK)
                return locked(world, account)
            return Verdict("err_password_wrong", 400)
        world.clear_wrong_tries(PURPOSE, account.email)
        return RIGHT
