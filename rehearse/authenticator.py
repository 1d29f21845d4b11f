"""A security key for the rehearsing browser: Chromium's virtual authenticator (DevTools protocol, ``WebAuthn``
domain), so that « Ajouter une clé de sécurité » and signing in with a key run real WebAuthn ceremonies.

``add_virtual_authenticator(context, page)`` plugs a key into ``page``'s browser: a CTAP2 authenticator that
holds passkeys (resident keys), verifies its user and answers by itself (presence simulated). ``cancel_next()``
makes it stop answering, as a person who does not touch their key: the next ``create()`` or ``get()`` rejects with
``NotAllowedError`` once the ceremony's timeout has passed. Chromium only; the session lives as long as the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import BrowserContext, CDPSession, Page

__all__ = ["VirtualAuthenticator", "add_virtual_authenticator"]


@dataclass
class VirtualAuthenticator:
    session: CDPSession
    authenticator_id: str
    transport: str

    def credentials(self) -> list[dict]:
        """The credentials the key holds: ``credentialId``, ``rpId``, ``signCount``, ``isResidentCredential``, …"""
        return self.session.send("WebAuthn.getCredentials", {"authenticatorId": self.authenticator_id})["credentials"]

    def set_user_verified(self, verified: bool) -> None:
        """Whether the key's user verification (PIN, fingerprint) succeeds."""
        self.session.send("WebAuthn.setUserVerified",
                          {"authenticatorId": self.authenticator_id, "isUserVerified": verified})

    def set_presence(self, automatic: bool) -> None:
        """Whether the key answers by itself; without it nobody touches the key and the ceremony times out."""
        self.session.send("WebAuthn.setAutomaticPresenceSimulation",
                          {"authenticatorId": self.authenticator_id, "enabled": automatic})

    def cancel_next(self) -> None:
        """The person does not touch their key: the next ceremony ends in ``NotAllowedError`` (after its timeout)."""
        self.set_presence(False)

    def remove(self) -> None:
        """Unplug the key (its credentials go with it) and close the DevTools session."""
        try:
            self.session.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": self.authenticator_id})
        finally:
            self.session.detach()


def add_virtual_authenticator(context: BrowserContext, page: Page, *, transport: str = "usb",
                              resident_key: bool = True, user_verification: bool = True) -> VirtualAuthenticator:
    """Plug a virtual security key into ``page``'s browser (``transport`` "usb" for a key, "internal" for the
    computer's own passkey store)."""
    session = context.new_cdp_session(page)
    session.send("WebAuthn.enable", {"enableUI": False})
    added = session.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": transport, "hasResidentKey": resident_key,
        "hasUserVerification": user_verification, "isUserVerified": True, "automaticPresenceSimulation": True,
    }})
    return VirtualAuthenticator(session, added["authenticatorId"], transport)
