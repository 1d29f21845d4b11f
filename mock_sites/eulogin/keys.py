"""Security keys and passkeys of the 2026 EU Login (« Ajouter une clé de sécurité », sign-in with a key): real WebAuthn
ceremonies, checked with py_webauthn (``webauthn``). A service beside the site: no Flask view here.

A screen asks for options (``registration_options``, ``authentication_options``), hands them to
``navigator.credentials.create()`` / ``get()``, and posts back what the browser gave: the credential as JSON, or
``{"error": "<DOMException name>"}`` when the ceremony was cancelled or refused. ``finish_registration`` and
``finish_authentication`` check it and raise a ``KeyCeremonyError`` whose ``label`` is the screen's message key.

Every account's keys and pending challenges live in ``world.security_keys`` (a ``KeyRing`` by EU Login uid), so
they are reset, exported and snapshotted with the rest of the world. A challenge is single use (taken by the first
answer, good or bad) and lapses after ``CEREMONY_LIFETIME`` on the world's clock.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from webauthn import (
    generate_authentication_options,
    generate_registration_options,
    options_to_json,
    verify_authentication_response,
    verify_registration_response,
)
from webauthn.helpers import parse_authenticator_data, parse_client_data_json
from webauthn.helpers.exceptions import WebAuthnException
from webauthn.helpers.parse_authentication_credential_json import parse_authentication_credential_json
from webauthn.helpers.structs import (
    AuthenticatorSelectionCriteria,
    AuthenticatorTransport,
    PublicKeyCredentialDescriptor,
    ResidentKeyRequirement,
    UserVerificationRequirement,
)

from .. import rules
from ..world import Account, World

RP_ID = rules.EU_HOSTS[0]  # the host of the guide's EU Login
ORIGIN = f"https://{RP_ID}"
RP_NAME = "EU Login"
CEREMONY_LIFETIME = timedelta(minutes=5)  # plausible: how long a challenge waits for the key
TIMEOUT_MS = int(CEREMONY_LIFETIME.total_seconds() * 1000)  # the browser's hint, the same time
REGISTER, SIGN_IN = "register", "sign_in"


# --- what a failed ceremony tells the screen
class KeyCeremonyError(Exception):
    """A ceremony that does not add a key or sign in; ``label`` is the screen's message (``mock_sites.labels``)."""

    label = "key_failed"


class CeremonyFailed(KeyCeremonyError):
    """The answer does not check out: malformed, another origin or site, a bad signature or attestation."""


class CeremonyCancelled(KeyCeremonyError):
    """The person cancelled, or no key answered in time (the browser's ``NotAllowedError``, ``AbortError``)."""

    label = "key_cancelled"


class CeremonyExpired(KeyCeremonyError):
    """The challenge lapsed before the answer came."""

    label = "key_expired"


class CeremonyReplayed(KeyCeremonyError):
    """The challenge is not pending (already answered, or never given), or the key's counter did not grow (an
    answer played again, or a cloned key)."""

    label = "key_replayed"


class UnknownKey(KeyCeremonyError):
    """The key that answered is not one of this account's."""

    label = "key_unknown"


class NoKey(KeyCeremonyError):
    """The account has no security key to sign in with."""

    label = "key_none"


class KeyAlreadyRegistered(KeyCeremonyError):
    """The key is already registered (here or to another account)."""

    label = "key_already_registered"


# --- what the world keeps
@dataclass
class StoredKey:
    credential_id: bytes
    public_key: bytes  # COSE
    sign_count: int
    name: str
    created_at: datetime
    transports: tuple[str, ...] = ()
    last_used_at: datetime | None = None


@dataclass
class PendingCeremony:
    id: str
    kind: str  # REGISTER or SIGN_IN
    challenge: bytes
    expires_at: datetime


@dataclass
class KeyRing:
    """One account's keys and pending challenges; ``user_handle`` is its WebAuthn ``user.id`` (random, stable)."""

    user_handle: bytes
    keys: list[StoredKey] = field(default_factory=list)
    pending: dict[str, PendingCeremony] = field(default_factory=dict)


def ring(world: World, account: Account) -> KeyRing:
    """The account's key ring; an account that never asked for a ceremony gets an empty one that the world does not
    keep (reading changes nothing: a refused step leaves the world as it was)."""
    return world.security_keys.get(account.uid) or KeyRing(b"")


def _kept_ring(world: World, account: Account) -> KeyRing:
    with world.lock:
        found = world.security_keys.get(account.uid)
        if found is None:
            found = world.security_keys[account.uid] = KeyRing(secrets.token_bytes(32))
        return found


def keys_of(world: World, account: Account) -> list[StoredKey]:
    return list(ring(world, account).keys)


_TRANSPORTS = frozenset(t.value for t in AuthenticatorTransport)


def _descriptors(keys: list[StoredKey]) -> list[PublicKeyCredentialDescriptor]:
    return [PublicKeyCredentialDescriptor(id=key.credential_id,
                                          transports=[AuthenticatorTransport(t) for t in key.transports
                                                      if t in _TRANSPORTS])
            for key in keys]


def _pend(world: World, keyring: KeyRing, kind: str) -> PendingCeremony:
    now = world.now()
    for stale in [p.id for p in keyring.pending.values() if p.expires_at <= now]:
        del keyring.pending[stale]
    ceremony = PendingCeremony(rules.new_token(), kind, secrets.token_bytes(32), now + CEREMONY_LIFETIME)
    keyring.pending[ceremony.id] = ceremony
    return ceremony


def _take(world: World, keyring: KeyRing, ceremony_id: str, kind: str) -> PendingCeremony:
    """The pending ceremony, used up by this call; a lapsed one raises ``CeremonyExpired``."""
    ceremony = keyring.pending.pop(ceremony_id, None)
    if ceremony is None or ceremony.kind != kind:
        raise CeremonyReplayed(f"no pending {kind} challenge {ceremony_id!r}")
    if ceremony.expires_at <= world.now():
        raise CeremonyExpired(f"the {kind} challenge lapsed at {ceremony.expires_at:%H:%M:%S}")
    return ceremony


def _answer(credential_json: str) -> dict:
    """The posted answer as a dict; the browser's refusal raises ``CeremonyCancelled`` (or another error)."""
    try:
        answer = json.loads(credential_json)
    except (TypeError, ValueError) as error:
        raise CeremonyFailed("the answer is not JSON") from error
    if not isinstance(answer, dict):
        raise CeremonyFailed("the answer is not a JSON object")
    if "error" in answer:
        name = str(answer["error"])
        if name == "InvalidStateError":  # create() met a key listed in excludeCredentials
            raise KeyAlreadyRegistered("the browser says the key is already registered")
        raise CeremonyCancelled(f"the browser refused the ceremony: {name}")
    return answer


# --- adding a key
def registration_options(world: World, account: Account, rp_id: str, rp_name: str) -> tuple[str, str]:
    """Options for ``navigator.credentials.create()`` (as JSON) and the id of their pending challenge."""
    with world.lock:
        keyring = _kept_ring(world, account)
        ceremony = _pend(world, keyring, REGISTER)
        options = generate_registration_options(
            rp_id=rp_id, rp_name=rp_name, user_name=account.email, user_id=keyring.user_handle,
            user_display_name=account.full_name, challenge=ceremony.challenge, timeout=TIMEOUT_MS,
            authenticator_selection=AuthenticatorSelectionCriteria(
                resident_key=ResidentKeyRequirement.PREFERRED,
                user_verification=UserVerificationRequirement.PREFERRED),
            exclude_credentials=_descriptors(keyring.keys))
        return options_to_json(options), ceremony.id


def finish_registration(world: World, account: Account, credential_json: str, expected_origin: str, rp_id: str,
                        challenge_id: str, *, name: str | None = None) -> StoredKey:
    """Check the answer to ``create()`` and keep the new key (named ``name``, by default « n° N »)."""
    with world.lock:
        keyring = ring(world, account)
        try:
            answer = _answer(credential_json)
        except KeyCeremonyError:
            if (pending := keyring.pending.get(challenge_id)) is not None and pending.kind == REGISTER:
                del keyring.pending[challenge_id]  # a cancelled ceremony uses its challenge up too
            raise
        ceremony = _take(world, keyring, challenge_id, REGISTER)
        try:
            verified = verify_registration_response(credential=answer, expected_challenge=ceremony.challenge,
                                                    expected_rp_id=rp_id, expected_origin=expected_origin)
        except WebAuthnException as error:
            raise CeremonyFailed(str(error)) from error
        if any(key.credential_id == verified.credential_id
               for other in world.security_keys.values() for key in other.keys):
            raise KeyAlreadyRegistered("this key is already registered")
        transports = answer.get("response", {}).get("transports") or []
        key = StoredKey(verified.credential_id, verified.credential_public_key, verified.sign_count,
                        name or f"n° {len(keyring.keys) + 1}", world.now(),
                        tuple(str(t) for t in transports if isinstance(t, str)))
        keyring.keys.append(key)
        return key


# --- signing in with a key
def authentication_options(world: World, account: Account, rp_id: str) -> str:
    """Options for ``navigator.credentials.get()`` (as JSON), listing the account's keys."""
    with world.lock:
        keyring = ring(world, account)
        if not keyring.keys:
            raise NoKey(f"{account.email} has no security key")
        ceremony = _pend(world, keyring, SIGN_IN)
        options = generate_authentication_options(
            rp_id=rp_id, challenge=ceremony.challenge, timeout=TIMEOUT_MS,
            allow_credentials=_descriptors(keyring.keys), user_verification=UserVerificationRequirement.PREFERRED)
        return options_to_json(options)


def finish_authentication(world: World, account: Account, credential_json: str, expected_origin: str,
                          rp_id: str) -> StoredKey:
    """Check the answer to ``get()``: its challenge is taken (single use), then the key, its signature and its
    counter, which must grow; returns the key, its counter updated."""
    with world.lock:
        keyring = ring(world, account)
        answer = _answer(credential_json)
        try:
            credential = parse_authentication_credential_json(answer)
            challenge = parse_client_data_json(credential.response.client_data_json).challenge
            counter = parse_authenticator_data(credential.response.authenticator_data).sign_count
        except (WebAuthnException, ValueError, KeyError, TypeError) as error:
            raise CeremonyFailed(f"malformed answer: {error}") from error
        ceremony_id = next((p.id for p in keyring.pending.values()
                            if p.kind == SIGN_IN and secrets.compare_digest(p.challenge, challenge)), "")
        ceremony = _take(world, keyring, ceremony_id, SIGN_IN)
        key = next((k for k in keyring.keys if k.credential_id == credential.raw_id), None)
        if key is None:
            raise UnknownKey("the key that answered is not one of this account's")
        try:
            verified = verify_authentication_response(
                credential=credential, expected_challenge=ceremony.challenge, expected_rp_id=rp_id,
                expected_origin=expected_origin, credential_public_key=key.public_key,
                credential_current_sign_count=key.sign_count)
        except WebAuthnException as error:
            if (counter > 0 or key.sign_count > 0) and counter <= key.sign_count:
                raise CeremonyReplayed(f"the key's counter went from {key.sign_count} to {counter}") from error
            raise CeremonyFailed(str(error)) from error
        key.sign_count, key.last_used_at = verified.new_sign_count, world.now()
        return key
