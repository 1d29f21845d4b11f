"""Screen profiles: what differs between EU Login as the bundled guide describes it and EU Login today.

- ``2020`` (the default): the screens of the guide's time, sign-in by « Téléphone portable + SMS ».
- ``2026``: EU Login since 1 July 2025, when it withdrew sign-in by SMS code (``docs/real-sites.md``, "EU Login
  after 1 July 2025"). The method list no longer has « Téléphone portable + SMS »; RCAM asks for a method the
  2026 list satisfies. What the real list's options are called and what RCAM asks for exactly is not public:
  those values are plausible.

The profile is one setting, chosen in one place: ``create_app(screens=…)`` stores it in the app's config, where
``start_tls``/``start_plain``, ``rehearse serve --screens``, ``rehearse check --screens`` and the harness
(``--screens``, ``@pytest.mark.screens("2026")``) put it. Everything that differs between the profiles is read
from the ``Profile`` here; labels stay in ``labels.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import rules

# loginStrength values of the 2026 list (plausible: the real values are not public)
STRENGTH_APP_PIN = "PASSWORD_MOBILE_APP"
STRENGTH_APP_QR = "MOBILE_APP"
STRENGTH_SECURITY_KEY = "PASSWORD_TOKEN_FIDO"
STRENGTH_EID = "EID"
STRENGTH_ON_MOBILE = "ON_MOBILE"


@dataclass(frozen=True)
class Withdrawal:
    """Something the guide relies on that the real EU Login no longer has: the findings of ``rehearse check``
    that get stuck on it carry ``note``."""

    label_key: str  # the withdrawn choice, as a label of labels.py
    channel: str  # the withdrawn channel, as the follower names it ("sms")
    refusal_key: str  # the message with which the screens refuse what the guide does instead
    note: str


SMS_WITHDRAWN = Withdrawal(
    "method_sms", "sms", "err_method_stronger_required",
    "EU Login withdrew sign-in by SMS code on 1 July 2025 (docs/real-sites.md, \"EU Login after 1 July 2025\"): "
    "the guide predates it; today the EU Login Mobile App or a security key takes its place.")


@dataclass(frozen=True)
class Profile:
    name: str
    title: str  # what reports say the screens are
    methods: tuple[tuple[str, str], ...]  # the « Méthode d’authentification » list: (loginStrength, label key)
    offered: tuple[str, ...]  # the methods this rehearsal signs in with
    unavailable: tuple[str, ...]  # listed, but they lead to « non disponible dans cette répétition »
    rcam_strengths: tuple[str, ...]  # what RCAM asks EU Login for (acceptStrengths)
    stronger_method_key: str  # the message when the chosen method is too weak for the service
    withdrawn: tuple[Withdrawal, ...] = ()  # what the guide relies on that these screens no longer have

    def names(self, strength: str) -> bool:
        return any(value == strength for value, _ in self.methods)

    @property
    def mobile_app(self) -> bool:
        """Whether these screens have the EU Login Mobile App (My Account's devices, the phone's app)."""
        return STRENGTH_APP_PIN in self.offered or STRENGTH_APP_QR in self.offered

    @property
    def security_keys(self) -> bool:
        """Whether these screens have security keys (My Account's keys, sign-in with a key)."""
        return STRENGTH_SECURITY_KEY in self.offered

    @property
    def needs_secure_context(self) -> bool:
        """Whether a method it offers works only in a browser's secure context (WebAuthn: HTTPS or localhost)."""
        return STRENGTH_SECURITY_KEY in self.offered


PROFILES: dict[str, Profile] = {
    "2020": Profile(
        name="2020",
        title="EU Login as the guide describes it, with sign-in by SMS",
        methods=rules.LOGIN_METHODS,
        offered=(rules.STRENGTH_PASSWORD, rules.STRENGTH_SMS),
        unavailable=(),
        rcam_strengths=(rules.STRENGTH_SMS,),
        stronger_method_key="err_method_sms_required",
    ),
    "2026": Profile(
        name="2026",
        title="EU Login since 1 July 2025, without sign-in by SMS",
        methods=(
            (rules.STRENGTH_PASSWORD, "method_password"),
            (STRENGTH_APP_PIN, "method_app_pin"),
            (STRENGTH_APP_QR, "method_app_qr"),
            (STRENGTH_ON_MOBILE, "method_on_mobile"),
            (STRENGTH_SECURITY_KEY, "method_security_key"),
            (STRENGTH_EID, "method_eid"),
        ),
        offered=(rules.STRENGTH_PASSWORD, STRENGTH_APP_PIN, STRENGTH_APP_QR, STRENGTH_SECURITY_KEY),
        # eID and On Mobile Authentication are out of this rehearsal's reach: listed as the real screen lists them,
        # they lead to a clear « non disponible dans cette répétition » screen.
        unavailable=(STRENGTH_ON_MOBILE, STRENGTH_EID),
        rcam_strengths=(STRENGTH_APP_PIN, STRENGTH_APP_QR, STRENGTH_SECURITY_KEY),  # plausible
        stronger_method_key="err_method_stronger_required",
        withdrawn=(SMS_WITHDRAWN,),
    ),
}
DEFAULT = "2020"
NAMES = tuple(PROFILES)
# Every strength any profile's RCAM accepts: a ticket of one of these is a sign-in for RCAM.
RCAM_STRENGTHS_ANY = tuple(dict.fromkeys(s for p in PROFILES.values() for s in p.rcam_strengths))


class UnknownProfile(ValueError):
    """A profile name that is not one of ``NAMES``; the message lists them."""


def get(name: str | None) -> Profile:
    """The profile called ``name`` (None: the default)."""
    try:
        return PROFILES[name or DEFAULT]
    except KeyError:
        raise UnknownProfile(f"unknown screen profile {name!r}: choose one of {', '.join(NAMES)}") from None
