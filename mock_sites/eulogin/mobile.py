"""The EU Login Mobile App of the 2026 screens: adding a device (« Ajouter un appareil mobile »), and signing in with
it (« Application mobile EU Login : code PIN » / « … : code QR »). A service beside the site: no Flask view here.

The computer's screens and the fake phone's app (``mock_sites.devices``) call these; what goes wrong raises an
``AppError`` whose ``label`` (and ``fields``) is the screen's message (``mock_sites.labels``). The world only keeps
(``world.mobile_devices``, ``device_enrolments``, ``app_requests``, ``app_qr_tokens``); expiry is read on
``world.now()``, and wrong PINs are counted and locked with the world's ``count_wrong_try``/``lock_out`` under
``PIN_PURPOSE``, per account.

A QR code carries ``eulogin-app:init:<token>`` (adding a device) or ``eulogin-app:login:<token>`` (signing in); the
app learns it only by decoding a picture (``mock_sites.qr.decode``). PINs are stored as PBKDF2-SHA256 hashes.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from .. import notify, profiles, qr, rules
from ..world import Account, AppQrToken, AppSignInRequest, DeviceEnrolment, MobileDevice, SsoSession, World
from .service import minutes_left

INIT_PREFIX = "eulogin-app:init:"
SIGN_IN_PREFIX = "eulogin-app:login:"
PIN_PURPOSE = "app_pin"
DEFAULT_SERVICE_NAME = "RCAM"
APP_STRENGTHS = (profiles.STRENGTH_APP_PIN, profiles.STRENGTH_APP_QR)
PENDING, APPROVED, REFUSED, EXPIRED, DONE = "pending", "approved", "refused", "expired", "done"


# --- what goes wrong, in the screen's words
class AppError(Exception):
    """Something the app or the computer's screen refuses; ``label`` is its message, ``fields`` its values."""

    label = "app_err_no_qr"
    status = 400

    def __init__(self, detail: str = "", **fields: object) -> None:
        super().__init__(detail or self.label)
        self.fields = fields


class NotAPicture(AppError):
    label = "app_err_not_picture"


class NoQrCode(AppError):
    label = "app_err_no_qr"


class NotEuLoginQr(AppError):
    label = "app_err_not_eulogin"


class QrExpired(AppError):
    label = "app_err_qr_expired"
    status = 410


class QrUsed(AppError):
    label = "app_err_qr_used"
    status = 410


class UnknownDevice(AppError):
    """The phone that scanned a sign-in QR code has no device for the code's account."""

    label = "app_err_unknown_device"
    status = 403


class WrongPin(AppError):
    label = "app_err_pin_wrong"


class PinLocked(AppError):
    label = "app_err_pin_locked"
    status = 429


class RequestExpired(AppError):
    label = "app_err_request_expired"
    status = 410


class RequestGone(AppError):
    """No such request waits on this phone (answered already, or another phone's)."""

    label = "app_err_request_gone"
    status = 409


class NoDevice(AppError):
    """The account has no device to sign in with (the computer's method field)."""

    label = "app_none"


class OtpWrong(AppError):
    label = "app_err_otp_wrong"


class OtpFormat(AppError):
    label = "app_err_otp_format"


class SignInNotApproved(AppError):
    """The computer asks to finish a sign-in the phone has not approved (refused, expired, pending, used)."""

    label = "app_pending"


# --- PINs
def pin_problem(pin: str) -> tuple[str, dict] | None:
    """What is wrong with a PIN typed on the computer (``rules.APP_PIN_LENGTH`` digits), as (label, fields)."""
    if len(pin) != rules.APP_PIN_LENGTH or not pin.isascii() or not pin.isdigit():
        return "device_err_pin_format", {"length": rules.APP_PIN_LENGTH}
    return None


def hash_pin(pin: str, *, salt: bytes | None = None, rounds: int = rules.APP_PIN_HASH_ITERATIONS) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, rounds)
    return f"pbkdf2_sha256${rounds}${salt.hex()}${digest.hex()}"


def pin_matches(stored: str, pin: str) -> bool:
    try:
        _, rounds, salt, digest = stored.split("$")
        again = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), int(rounds))
    except ValueError:
        return False
    return secrets.compare_digest(again.hex(), digest)


def locked(world: World, email: str) -> PinLocked | None:
    if until := world.locked_until(PIN_PURPOSE, email):
        return PinLocked(minutes=minutes_left(world, until))
    return None


def check_pin(world: World, email: str, stored: str, pin: str) -> None:
    """A PIN typed on the phone for ``email``'s account: refused while locked, a wrong one counted, the account's
    app locked for ``rules.APP_PIN_LOCK`` at ``rules.APP_PIN_MAX_WRONG``; the right one clears the count."""
    with world.lock:
        if refused := locked(world, email):
            raise refused
        if not pin_matches(stored, pin):
            count = world.count_wrong_try(PIN_PURPOSE, email)
            if count >= rules.APP_PIN_MAX_WRONG:
                world.lock_out(PIN_PURPOSE, email, world.now() + rules.APP_PIN_LOCK)
                raise locked(world, email)
            raise WrongPin(left=rules.APP_PIN_MAX_WRONG - count)
        world.clear_wrong_tries(PIN_PURPOSE, email)


# --- devices
def devices_of(world: World, account: Account) -> list[MobileDevice]:
    key = rules.normalise_email(account.email)
    return sorted((d for d in world.mobile_devices.values() if rules.normalise_email(d.email) == key),
                  key=lambda d: (d.added_at, d.id))


def devices_on_phone(world: World, phone: str) -> list[MobileDevice]:
    return sorted((d for d in world.mobile_devices.values() if d.phone == phone), key=lambda d: (d.added_at, d.id))


def device(world: World, device_id: str | None) -> MobileDevice | None:
    return world.mobile_devices.get(device_id or "")


def _register(world: World, account: Account, phone: str, name: str, pin_hash: str) -> MobileDevice:
    found = MobileDevice(rules.new_token(), account.email, account.uid, name, phone, pin_hash, world.now())
    world.mobile_devices[found.id] = found
    return found


def seed_device(world: World, account: Account, phone: str, name: str = "Mon téléphone",
                pin: str = "1234") -> MobileDevice:
    """A device as it stands after « Ajouter un appareil mobile » was finished on ``phone`` (no e-mail sent)."""
    if problem := pin_problem(pin):
        raise ValueError(f"a PIN has {rules.APP_PIN_LENGTH} digits, not {pin!r} ({problem[0]})")
    with world.lock:
        return _register(world, account, phone, name, hash_pin(pin))


def seed_app_sso(world: World, account: Account, strength: str = profiles.STRENGTH_APP_PIN,
                 device_name: str | None = None) -> SsoSession:
    """An SSO session as after a sign-in with the app (``strength`` one of ``APP_STRENGTHS``); put its id in the
    browser's EU Login session cookie (``mock_server.session_cookie(Paths.CAS, {"sso": sso.id})``)."""
    if strength not in APP_STRENGTHS:
        raise ValueError(f"an app sign-in has strength {' or '.join(APP_STRENGTHS)}, not {strength!r}")
    if device_name is None:
        found = devices_of(world, account)
        device_name = found[-1].name if found else "Mon téléphone"
    return world.open_sso(account.email, strength, device=device_name)


# --- adding a device, on the computer
def device_form_errors(world: World, account: Account, name: str, pin: str, confirm: str) -> dict[str, tuple]:
    """The form's problems by field: (label, fields)."""
    errors: dict[str, tuple] = {}
    if not name:
        errors["device_name"] = ("device_err_name_required", {})
    elif len(name) > rules.APP_DEVICE_NAME_MAX:
        errors["device_name"] = ("device_err_name_too_long", {"max": rules.APP_DEVICE_NAME_MAX})
    elif any(d.name.casefold() == name.casefold() for d in devices_of(world, account)):
        errors["device_name"] = ("device_err_name_used", {})
    if problem := pin_problem(pin):
        errors["device_pin"] = problem
    elif confirm != pin:
        errors["device_pin_confirm"] = ("device_err_pin_mismatch", {})
    return errors


def start_enrolment(world: World, account: Account, name: str, pin: str) -> DeviceEnrolment:
    """A pending enrolment whose token the QR code carries (``enrolment_qr_text``)."""
    with world.lock:
        enrolment = DeviceEnrolment(rules.new_token(), account.email, name, hash_pin(pin),
                                    world.now() + rules.APP_ENROLMENT_LIFETIME)
        world.device_enrolments[enrolment.token] = enrolment
        return enrolment


def enrolment_qr_text(enrolment: DeviceEnrolment) -> str:
    return INIT_PREFIX + enrolment.token


def enrolment_of(world: World, account: Account, token: str) -> DeviceEnrolment | None:
    found = world.device_enrolments.get(token or "")
    if found is None or rules.normalise_email(found.email) != rules.normalise_email(account.email):
        return None
    return found


def enrolment_status(world: World, enrolment: DeviceEnrolment) -> str:
    """``done``, ``expired`` or ``pending`` (scanned or not)."""
    if enrolment.done:
        return DONE
    return EXPIRED if enrolment.expires_at <= world.now() else PENDING


# --- the phone's camera
@dataclass(frozen=True)
class Scan:
    kind: str  # "init" or "login"
    token: str
    name: str  # the device name (init) or the device that signs in (login)


def read_qr(picture: bytes) -> tuple[str, str]:
    """(kind, token) of the EU Login QR code in ``picture``: the only way the app learns a token."""
    try:
        texts = qr.decode(picture)
    except qr.NotAPicture as error:
        raise NotAPicture(str(error)) from error
    except qr.QRNotFound as error:
        raise NoQrCode(str(error)) from error
    for text in texts:
        for prefix, kind in ((INIT_PREFIX, "init"), (SIGN_IN_PREFIX, "login")):
            if text.startswith(prefix) and len(text) > len(prefix):
                return kind, text[len(prefix):]
    raise NotEuLoginQr(f"the QR code says {texts[0]!r}")


def scan(world: World, phone: str, picture: bytes) -> Scan:
    """The phone ``phone`` scans ``picture``: an enrolment or a sign-in QR code it may go on with (the PIN next)."""
    kind, token = read_qr(picture)
    with world.lock:
        now = world.now()
        if kind == "init":
            enrolment = world.device_enrolments.get(token)
            if enrolment is None:
                raise NotEuLoginQr("no such enrolment")
            if enrolment.done or (enrolment.phone not in (None, phone)):
                raise QrUsed("this enrolment is finished, or another phone scanned it")
            if enrolment.expires_at <= now:
                raise QrExpired(f"the enrolment lapsed at {enrolment.expires_at:%H:%M:%S}")
            enrolment.phone = phone
            return Scan(kind, token, enrolment.name)
        code = world.app_qr_tokens.get(token)
        if code is None:
            raise NotEuLoginQr("no such sign-in code")
        if code.used or code.phone not in (None, phone):
            raise QrUsed("this sign-in QR code was used already")
        if code.expires_at <= now:
            raise QrExpired(f"the sign-in QR code lapsed at {code.expires_at:%H:%M:%S}")
        mine = [d for d in devices_on_phone(world, phone)
                if rules.normalise_email(d.email) == rules.normalise_email(code.email)]
        if not mine:
            raise UnknownDevice(f"{phone} has no device of the code's account")
        code.phone = phone
        return Scan(kind, token, mine[-1].name)


def awaiting_pin(world: World, phone: str) -> Scan | None:
    """What the app on ``phone`` scanned and still waits for the PIN of (the newest, unexpired), as a phone's app
    shows it again when it is opened; None when nothing waits."""
    with world.lock:
        now = world.now()
        waiting = [Scan("init", e.token, e.name) for e in world.device_enrolments.values()
                   if e.phone == phone and not e.done and e.expires_at > now]
        for code in world.app_qr_tokens.values():
            if code.phone == phone and not code.used and code.otp is None and code.expires_at > now:
                mine = [d for d in devices_on_phone(world, phone)
                        if rules.normalise_email(d.email) == rules.normalise_email(code.email)]
                if mine:
                    waiting.append(Scan("login", code.token, mine[-1].name))
        return waiting[-1] if waiting else None


def finish_enrolment(world: World, phone: str, token: str, pin: str) -> MobileDevice:
    """The PIN typed in the app after scanning an enrolment: it must be the one typed on the computer. The device is
    then registered on ``phone``, the token spent, and the account told by e-mail."""
    with world.lock:
        enrolment = world.device_enrolments.get(token or "")
        if enrolment is None or enrolment.phone != phone:
            raise NotEuLoginQr("this phone scanned no such enrolment")
        if enrolment.done:
            raise QrUsed("the enrolment is finished")
        if enrolment.expires_at <= world.now():
            raise QrExpired("the enrolment lapsed")
        account = world.account(enrolment.email)
        if account is None:
            raise NotEuLoginQr("the account is gone")
        check_pin(world, account.email, enrolment.pin_hash, pin)
        found = _register(world, account, phone, enrolment.name, enrolment.pin_hash)
        enrolment.done, enrolment.device_id = True, found.id
        notify.send_device_added(world, account, found.name)
        return found


# --- signing in with the PIN
def start_request(world: World, account: Account, service_name: str = DEFAULT_SERVICE_NAME,
                  strength: str = profiles.STRENGTH_APP_PIN) -> AppSignInRequest:
    """A sign-in request sent to the account's latest device."""
    with world.lock:
        found = devices_of(world, account)
        if not found:
            raise NoDevice(f"{account.email} has no mobile device")
        request = AppSignInRequest(rules.new_token(), account.email, service_name, strength, found[-1].id,
                                   world.now() + rules.APP_REQUEST_LIFETIME)
        world.app_requests[request.id] = request
        return request


def requests_on_phone(world: World, phone: str) -> list[AppSignInRequest]:
    """The requests waiting on ``phone`` now, oldest first."""
    now = world.now()
    ids = {d.id for d in devices_on_phone(world, phone)}
    return [r for r in world.app_requests.values()
            if r.device_id in ids and r.state == PENDING and r.expires_at > now]


def answer_request(world: World, phone: str, request_id: str, pin: str, *, approve: bool) -> AppSignInRequest:
    """« Confirmer » (with the PIN) or « Refuser » in the app, for a request waiting on ``phone``."""
    with world.lock:
        request = world.app_requests.get(request_id or "")
        found = device(world, request.device_id) if request else None
        if request is None or found is None or found.phone != phone or request.state != PENDING:
            raise RequestGone(f"no request {request_id!r} waits on {phone}")
        if request.expires_at <= world.now():
            raise RequestExpired(f"the request lapsed at {request.expires_at:%H:%M:%S}")
        if not approve:
            request.state = REFUSED
            return request
        check_pin(world, found.email, found.pin_hash, pin)
        request.state, found.last_used_at = APPROVED, world.now()
        return request


def request_of(world: World, account: Account, request_id: str) -> AppSignInRequest | None:
    found = world.app_requests.get(request_id or "")
    if found is None or rules.normalise_email(found.email) != rules.normalise_email(account.email):
        return None
    return found


def request_status(world: World, request: AppSignInRequest) -> str:
    """What the computer's waiting screen shows: ``pending``, ``approved``, ``refused``, ``expired`` or ``done``."""
    if request.completed:
        return DONE
    if request.state == PENDING and request.expires_at <= world.now():
        return EXPIRED
    return request.state


def complete_request(world: World, account: Account, request_id: str) -> tuple[AppSignInRequest, MobileDevice]:
    """The computer finishes an approved request, once: the request and its device, or ``SignInNotApproved`` whose
    ``label`` says why (refused, expired, still waiting, or already used)."""
    with world.lock:
        request = request_of(world, account, request_id)
        status = request_status(world, request) if request else DONE
        if status != APPROVED:
            error = SignInNotApproved(f"the request is {status}")
            error.label = {REFUSED: "app_refused", EXPIRED: "app_expired", PENDING: "app_pending"}.get(
                status, "app_err_request_gone")
            raise error
        request.completed = True
        return request, world.mobile_devices[request.device_id]


# --- signing in with the QR code
def start_qr_sign_in(world: World, account: Account) -> AppQrToken:
    with world.lock:
        if not devices_of(world, account):
            raise NoDevice(f"{account.email} has no mobile device")
        code = AppQrToken(rules.new_token(), account.email, world.now() + rules.APP_QR_LIFETIME)
        world.app_qr_tokens[code.token] = code
        return code


def sign_in_qr_text(code: AppQrToken) -> str:
    return SIGN_IN_PREFIX + code.token


def new_otp() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(rules.APP_OTP_DIGITS))


def confirm_qr(world: World, phone: str, token: str, pin: str) -> tuple[AppQrToken, MobileDevice]:
    """The PIN typed in the app after scanning a sign-in QR code: the code is then used (a second scan is refused)
    and the app shows its one-time password (``code.otp``)."""
    with world.lock:
        code = world.app_qr_tokens.get(token or "")
        if code is None or code.phone != phone:
            raise NotEuLoginQr("this phone scanned no such sign-in code")
        if code.used:
            raise QrUsed("the sign-in QR code was used already")
        if code.expires_at <= world.now():
            raise QrExpired("the sign-in QR code lapsed")
        mine = [d for d in devices_on_phone(world, phone)
                if rules.normalise_email(d.email) == rules.normalise_email(code.email)]
        if not mine:
            raise UnknownDevice(f"{phone} has no device of the code's account")
        check_pin(world, code.email, mine[-1].pin_hash, pin)
        code.used, code.otp, code.device_id = True, new_otp(), mine[-1].id
        mine[-1].last_used_at = world.now()
        return code, mine[-1]


def qr_code_of(world: World, account: Account, token: str) -> AppQrToken | None:
    found = world.app_qr_tokens.get(token or "")
    if found is None or rules.normalise_email(found.email) != rules.normalise_email(account.email):
        return None
    return found


def check_otp(world: World, account: Account, token: str, typed: str) -> tuple[AppQrToken, MobileDevice]:
    """The one-time password typed on the computer for the QR code ``token``: right once, else ``OtpFormat``,
    ``OtpWrong`` (counted: at ``rules.APP_OTP_MAX_WRONG`` the code expires) or ``QrExpired`` (show a new code)."""
    typed = "".join(typed.split())
    with world.lock:
        code = qr_code_of(world, account, token)
        if code is None or code.completed:
            raise QrExpired("no such sign-in code waits")
        if code.expires_at <= world.now():
            raise QrExpired(f"the sign-in QR code lapsed at {code.expires_at:%H:%M:%S}")
        if len(typed) != rules.APP_OTP_DIGITS or not typed.isascii() or not typed.isdigit():
            raise OtpFormat(length=rules.APP_OTP_DIGITS)
        if code.otp is None or not secrets.compare_digest(typed, code.otp):
            code.wrong_tries += 1
            if code.wrong_tries >= rules.APP_OTP_MAX_WRONG:
                code.expires_at = world.now()
                raise QrExpired("too many wrong one-time passwords")
            raise OtpWrong("wrong one-time password")
        code.completed = True
        return code, world.mobile_devices[code.device_id]

