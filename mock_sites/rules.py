"""Hosts, paths, code formats, timings and validation rules of the mock sites, each in one place.

Where the public sources (``docs/real-sites.md``) are silent, the value is marked "plausible".
Validators return label keys of ``labels.TEXTS`` so that every screen words its errors the same way.
"""

from __future__ import annotations

import re
import secrets
import string
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

# --- hosts: the guide's hosts, answered by the mocks, and our own fake devices under .test (RFC 2606)
EU_HOSTS = ("webgate.ec.europa.eu", "ecas.ec.europa.eu")
MAILBOX_HOST = "mailbox.test"
PHONE_HOST = "phone.test"
DEVICE_HOSTS = (MAILBOX_HOST, PHONE_HOST)
MOCK_HOSTS = EU_HOSTS + DEVICE_HOSTS
GUIDE_PUBLIC_URL = "https://webgate.ec.europa.eu"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")  # rehearse serve answers these (any port) besides its own address


class Paths:
    """URL paths of EU Login as known from the real site (FACTS.md); the others are plausible."""

    CAS = "/cas"
    LOGIN = "/cas/login"
    LOGOUT = "/cas/logout"
    REGISTER = "/cas/eim/external/register.cgi"
    CAPTCHA = "/cas/eim/external/captcha"  # plausible
    PASSWORD_RESET = "/cas/init/passwordResetRequest.cgi"
    INIT_PASSWORD = "/cas/init/initialisePasswordLogin.cgi"
    MY_ACCOUNT = "/cas/userdata/myAccount.cgi"
    MANAGE_PHONES = "/cas/eim/external/restricted/manageMyMobilePhoneNumbers.cgi"
    ADD_PHONE = "/cas/eim/external/restricted/addMobilePhoneNumber.cgi"  # plausible
    VERIFY_PHONE = "/cas/eim/external/restricted/verifyMobilePhoneNumber.cgi"  # plausible
    MANAGE_KEYS = "/cas/eim/external/restricted/manageMySecurityKeys.cgi"  # plausible (2026 screens only)
    ADD_KEY = "/cas/eim/external/restricted/addSecurityKey.cgi"  # plausible (2026 screens only)
    # The EU Login Mobile App (2026 screens only): /cas/mobile is the address the help pages give for adding one
    MOBILE = "/cas/mobile"
    MANAGE_DEVICES = "/cas/eim/external/restricted/manageMyMobileDevices.cgi"  # plausible
    ADD_DEVICE = "/cas/eim/external/restricted/addMobileDevice.cgi"  # plausible
    DEVICE_STATUS = "/cas/eim/external/restricted/mobileDeviceStatus"  # plausible: JSON the QR screen polls
    APP_REQUEST_STATUS = "/cas/login/mobileAppStatus"  # plausible: JSON the « confirm on your phone » screen polls
    SERVICE_VALIDATE = "/cas/serviceValidate"  # EU Login's own XML (attributes under authenticationSuccess)
    PROXY_VALIDATE = "/cas/proxyValidate"
    LAX_VALIDATE = "/cas/laxValidate"
    STRICT_VALIDATE = "/cas/strictValidate"
    P3_SERVICE_VALIDATE = "/cas/p3/serviceValidate"  # standard CAS 3.0 (attributes under cas:attributes)
    P3_PROXY_VALIDATE = "/cas/p3/proxyValidate"
    DEVICES = "/_devices"  # the fake mailbox and phone when served on one host (rehearse serve)
    MAILBOX = "/_devices/mailbox"
    PHONE = "/_devices/phone"
    ROOM = "/_room"  # rehearse serve: the start page of a room of people, and the facilitator's page
    # RCAM / JSIS Online: only the landing page's address is known (the guide); the others are plausible
    RCAM = "/RCAM"
    RCAM_HOME = "/RCAM/"
    RCAM_INTERNAL = "/RCAM/internal"  # plausible: the institutions' internal-network route
    RCAM_LOGIN = "/RCAM/login"  # plausible: « Connecter », sends the browser to EU Login
    RCAM_CALLBACK = "/RCAM/login/cas"  # plausible: Spring Security's CAS filter default, receives ?ticket=
    RCAM_FIRST_ACCESS = "/RCAM/firstAccess"  # plausible
    RCAM_REGISTERED = "/RCAM/firstAccess/confirmation"  # plausible
    RCAM_FINAL_CODE = "/RCAM/finalCode"  # plausible
    RCAM_ACTIVATED = "/RCAM/finalCode/confirmation"  # plausible
    RCAM_ONLINE = "/RCAM/home"  # plausible: « RCAM en ligne »
    RCAM_LOGOUT = "/RCAM/logout"  # plausible


# --- CAS: the services EU Login knows (path prefixes under the public URL; no other service gets a ticket)
CAS_SERVICES = (Paths.RCAM_HOME,)
CAS_NAMESPACE = "https://ecas.ec.europa.eu/cas/schemas"  # EU Login's validation XML
CAS3_NAMESPACE = "http://www.yale.edu/tp/cas"  # standard CAS 3.0 (p3/serviceValidate)
STRENGTH_PASSWORD = "PASSWORD"
STRENGTH_SMS = "PASSWORD_SMS"
# The « Méthode d’authentification » list of the time (FACTS.md), as (loginStrength value, label key).
# The values other than PASSWORD and PASSWORD_SMS are plausible; the rehearsal offers only those two.
LOGIN_METHODS = (
    (STRENGTH_PASSWORD, "method_password"),
    ("PASSWORD_MOBILE_APP", "method_app_pin"),  # plausible value
    ("MOBILE_APP", "method_app_qr"),  # plausible value
    ("PASSWORD_TOKEN_FIDO", "method_security_key"),  # plausible value
    (STRENGTH_SMS, "method_sms"),
)
# What each screen profile offers and what RCAM asks for: mock_sites/profiles.py
ASSURANCE_LEVEL = "LOW"  # FACTS.md: LOW for self-registered (external) accounts
USER_DOMAIN = "external"
TICKET_PREFIX = "ST-"
TICKET_RANDOM_LENGTH = 32  # plausible


# --- time
REGISTRATION_LINK_LIFETIME = timedelta(minutes=90)  # an old guide gives 1 h 30 to use the link
CHALLENGE_LIFETIME = timedelta(minutes=10)  # plausible
CHALLENGE_MAX_ATTEMPTS = 3  # plausible
CHALLENGE_LOCK = timedelta(minutes=15)  # plausible
PASSWORD_MAX_WRONG = 5  # plausible: wrong passwords in a row for one account before sign-in waits PASSWORD_LOCK
PASSWORD_LOCK = timedelta(minutes=15)  # plausible
# The EU Login Mobile App (2026 screens): the PIN's length is public (« code PIN à 4 chiffres »), the rest plausible
APP_PIN_LENGTH = 4
APP_ENROLMENT_LIFETIME = timedelta(minutes=10)  # plausible: the QR code of « Ajouter un appareil mobile »
APP_REQUEST_LIFETIME = timedelta(minutes=3)  # plausible: a sign-in waiting for the PIN on the phone
APP_QR_LIFETIME = timedelta(minutes=3)  # plausible: the QR code of a sign-in with « code QR »
APP_PIN_MAX_WRONG = 5  # plausible: wrong PINs in a row on the phone before the app waits APP_PIN_LOCK
APP_PIN_LOCK = timedelta(minutes=15)  # plausible
APP_DEVICE_NAME_MAX = 50  # plausible: « Nom de votre appareil » longer than this is refused
APP_OTP_DIGITS = 8  # plausible: the « code à usage unique » the app shows after a QR sign-in, digits only
APP_OTP_MAX_WRONG = 5  # plausible: wrong one-time passwords typed for one QR code before it is spent
APP_PICTURE_MAX_BYTES = 16 * 1024 * 1024  # plausible: a phone camera's photo of the screen, for the fake app's scan
APP_PIN_HASH_ITERATIONS = 20_000  # PBKDF2-SHA256 rounds of a stored PIN (a mock: kept low so tests run fast)
REGISTRATION_MAIL_DELAY = timedelta(0)  # the real one takes minutes; the harness delivers at once
TICKET_LIFETIME = timedelta(minutes=5)  # plausible (CAS servers use seconds to minutes)
SSO_LIFETIME = timedelta(hours=8)  # plausible: a working day
FINAL_CODE_DELAY = timedelta(days=2)  # plausible: the PMO sends the final code some days later
FINAL_CODE_LIFETIME = timedelta(days=30)  # plausible
# Between the 2ème and 3ème étape (« des jours passent »): the single sign-on has expired and the final code has come
DAYS_LATER = SSO_LIFETIME + FINAL_CODE_DELAY + timedelta(hours=1)
BACKCHANNEL_TIMEOUT = 5  # seconds


# --- requests: how much of a form the sites read, and how much of a typed value they show back
MAX_BODY_BYTES = 1024 * 1024  # plausible: a whole form (each of ours is a few kB); over it, 413 and nothing read
# Over the limit, this much more is read and dropped before the 413 page: a server that closes with a body unread
# resets the connection, and the browser shows that instead of the page (a larger body still gets the reset).
MAX_BODY_DRAINED = 16 * MAX_BODY_BYTES
ECHO_MAX_LENGTH = 256  # plausible: a longer typed value is not shown back in its field, which says it is too long


# --- codes
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # letters and digits without look-alikes (plausible)
CAPTCHA_LENGTH = 5  # plausible


@dataclass(frozen=True)
class CodeFormat:
    """A code made of ``groups`` groups of ``size`` letters and digits, written with hyphens."""

    groups: int
    size: int

    @property
    def length(self) -> int:
        return self.groups * self.size

    def generate(self) -> str:
        return "-".join(
            "".join(secrets.choice(CODE_ALPHABET) for _ in range(self.size)) for _ in range(self.groups)
        )

    def split(self, code: str) -> list[str]:
        flat = code.replace("-", "")
        return [flat[i * self.size:(i + 1) * self.size] for i in range(self.groups)]

    def normalise(self, typed: str) -> str:
        """What a person typed, compared without hyphens, spaces or letter case (the guide: any case)."""
        return re.sub(r"[\s-]", "", typed).upper()

    def describe(self) -> str:
        return f"{self.groups} x {self.size}"

    def pattern(self) -> re.Pattern[str]:
        """The code as a message writes it, found in the message's text (either letter case)."""
        group = r"[A-Za-z0-9]{" + str(self.size) + "}"
        return re.compile(r"\b" + "-".join([group] * self.groups) + r"\b")


PHONE_CHALLENGE = CodeFormat(groups=2, size=4)  # the guide: "2 x 4 caractères"
SIGN_IN_CHALLENGE = CodeFormat(groups=3, size=3)  # the guide: "3 x 3 caractères"
FINAL_CODE = CodeFormat(groups=4, size=3)  # the guide: "code final de 4x3 caractères"; alphabet plausible


def new_ticket(serial: int) -> str:
    """A service ticket as EU Login writes them: ``ST-<digits>-<random>``."""
    alphabet = string.ascii_letters + string.digits
    return f"{TICKET_PREFIX}{serial}-" + "".join(secrets.choice(alphabet) for _ in range(TICKET_RANDOM_LENGTH))


def new_captcha() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CAPTCHA_LENGTH))


def new_token() -> str:
    return secrets.token_urlsafe(24)


# --- e-mail addresses
EMAIL_RE = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
INSTITUTION_DOMAINS = ("ec.europa.eu", "europa.eu", "europarl.europa.eu", "consilium.europa.eu")


def email_problem(email: str) -> str | None:
    """The label key of what is wrong with an e-mail address, or None."""
    if not email.strip():
        return "err_required"
    # Refused rather than made reachable: an address is one path segment of its fake mailbox's URL
    # (mailbox.test/<address>, /_devices/mailbox/<address>), where "/" splits it and "%2F" is decoded by some
    # servers and not by others (cheroot keeps it, Werkzeug's test client does not), so its password link could
    # never be read; RFC 5322 allows "/" in the local part, but no pensioner rehearsing the guide has one.
    if "/" in email:
        return "err_email_slash"
    if not EMAIL_RE.match(email.strip()) or len(email) > 254:
        return "err_email_format"
    domain = email.strip().rsplit("@", 1)[1].lower()
    if any(domain == d or domain.endswith("." + d) for d in INSTITUTION_DOMAINS):
        return "err_email_institution"
    return None


def normalise_email(email: str) -> str:
    return email.strip().lower()


# --- names: letters of any alphabet, with spaces, apostrophes, hyphens and dots between them
NAME_RE = re.compile(r"^[^\W\d_]+(?:[ '’.\-]+[^\W\d_]+)*\.?$")
NAME_MAX = 100


def name_problem(name: str) -> str | None:
    name = unicodedata.normalize("NFC", name).strip()
    if not name:
        return "err_required"
    if len(name) > NAME_MAX or not NAME_RE.match(name):
        return "err_name"
    return None


# --- passwords (FACTS.md: ≥ 10 characters from 3 of 4 groups; may not contain the user name)
GUIDE_EXAMPLE_PASSWORD = "23-11Ukraine"  # the guide's own example (instruction 1.3): what the rehearsals type
PASSWORD_MIN_LENGTH = 10
PASSWORD_MIN_GROUPS = 3
SPECIAL_CHARACTERS = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
PASSWORD_GROUPS = {
    "group_upper": string.ascii_uppercase,
    "group_lower": string.ascii_lowercase,
    "group_digit": string.digits,
    "group_special": SPECIAL_CHARACTERS + " ",
}


def password_groups(password: str) -> int:
    return sum(any(c in chars for c in password) for chars in PASSWORD_GROUPS.values())


def password_problem(password: str, email: str) -> str | None:
    """The label key of the first rule ``password`` breaks for the account ``email``, or None."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return "err_password_short"
    if password_groups(password) < PASSWORD_MIN_GROUPS:
        return "err_password_groups"
    user = email.split("@", 1)[0].lower()
    if user and user in password.lower():
        return "err_password_username"
    return None


POLICY_FIELDS = {
    "min_length": PASSWORD_MIN_LENGTH,
    "min_groups": PASSWORD_MIN_GROUPS,
    "group_count": len(PASSWORD_GROUPS),
    "specials": SPECIAL_CHARACTERS,
}

# --- mobile phone numbers (FACTS.md: "+" and country code first; no dots, parenthesis or hyphens)
PHONE_MIN_DIGITS = 8  # plausible: E.164 numbers with the country code
PHONE_MAX_DIGITS = 15  # E.164
PHONE_FIELDS = {"min_digits": PHONE_MIN_DIGITS, "max_digits": PHONE_MAX_DIGITS}


def phone_problem(raw: str) -> str | None:
    """The label key of what is wrong with a typed mobile number, or None if it is ``+`` and digits."""
    number = raw.strip()
    if not number:
        return "err_required"
    if re.search(r"[().\-\s/]", number):
        return "err_phone_format"
    if not number.startswith("+"):
        return "err_phone_country" if number.isdigit() else "err_phone_format"
    digits = number[1:]
    if not digits.isdigit() or not digits.isascii():
        return "err_phone_format"
    if not PHONE_MIN_DIGITS <= len(digits) <= PHONE_MAX_DIGITS:
        return "err_phone_length"
    return None


# --- RCAM first access: the PMO's pension number and the birth date (formats not public: plausible)
PENSION_NUMBER_DIGITS = 6  # plausible (World.new_identity makes them so)
DAY_MONTH_YEAR = "%d/%m/%Y"  # a date written jj/mm/aaaa (dd/mm/yyyy), as strftime writes it
BIRTH_DATE_FORMAT = DAY_MONTH_YEAR  # the field is text written jj/mm/aaaa (a French pensioner's habit)
PENSION_FIELDS = {"digits": PENSION_NUMBER_DIGITS}


def normalise_pension_number(raw: str) -> str:
    """A pension number as typed, without the spaces or dots some people put in long numbers."""
    return re.sub(r"[\s.]", "", raw)


def pension_number_problem(raw: str) -> str | None:
    number = normalise_pension_number(raw)
    if not number:
        return "err_required"
    if not (number.isdigit() and number.isascii() and len(number) == PENSION_NUMBER_DIGITS):
        return "err_pension_format"
    return None


def parse_birth_date(raw: str) -> date | None:
    """The date typed as jj/mm/aaaa (also with "." or "-", or ISO aaaa-mm-jj), or None."""
    text = raw.strip()
    found = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text)
    if found:
        day, month, year = (int(x) for x in found.groups())
    elif found := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        year, month, day = (int(x) for x in found.groups())
    else:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def birth_date_problem(raw: str, today: date | None = None) -> str | None:
    """The label key of what is wrong with a typed birth date (``today``: the world's date), or None."""
    if not raw.strip():
        return "err_required"
    born = parse_birth_date(raw)
    if born is None:
        return "err_birth_format"
    return "err_birth_future" if today is not None and born > today else None


def same_name(a: str, b: str) -> bool:
    """Names compared as a clerk would (plausible): letter case, accents, apostrophes, hyphens and spaces aside."""
    def key(name: str) -> str:
        flat = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z]", "", flat.casefold())

    return bool(key(a)) and key(a) == key(b)
