"""RCAM's back channel to EU Login: ticket validation, server to server, never through the guide's host name.

The browser reaches the mocks at ``https://webgate.ec.europa.eu`` only because Chromium maps that name to
the local server. The server itself must not resolve it (on a machine with internet it is the real EU
Login), so the back channel goes to ``BACKCHANNEL_URL``: a loopback address given by ``mock_sites.server``,
or ``"inprocess"`` to call the same endpoint through Flask's test client (unit tests, no server).
"""

from __future__ import annotations

import ipaddress
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit
from xml.etree import ElementTree

import requests
from flask import current_app

from .. import rules
from ..rules import Paths
from ..web import profile

INPROCESS = "inprocess"


class BackChannelRefused(RuntimeError):
    """The configured back-channel address is not a loopback address: no request was made."""


class CasFailure(Exception):
    """EU Login refused the ticket (``cas:authenticationFailure``), or answered something unreadable."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@dataclass(frozen=True)
class CasUser:
    """What RCAM learns from EU Login's answer."""

    user: str
    uid: str
    email: str
    first_name: str
    last_name: str
    strength: str
    mobile: str | None

    def as_dict(self) -> dict:
        return asdict(self)


def loopback_url(url: str) -> str:
    """``url`` if its host is a loopback IP address (127.0.0.0/8, ::1), else ``BackChannelRefused``.

    Host *names* are refused, ``localhost`` included: resolving any name could leave the machine.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise BackChannelRefused(f"the back channel must be http(s), not {url!r}")
    try:
        address = ipaddress.ip_address(parts.hostname or "")
    except ValueError:
        raise BackChannelRefused(f"the back channel must be a loopback IP address, not the name "
                                 f"{parts.hostname!r}") from None
    if not address.is_loopback:
        raise BackChannelRefused(f"the back channel must stay on loopback, not go to {address}")
    return url.rstrip("/")


def fetch_validation(ticket: str, service: str) -> bytes:
    """EU Login's raw answer to ``/cas/serviceValidate`` for ``ticket`` and ``service``."""
    params = {"service": service, "ticket": ticket, "acceptStrengths": ",".join(profile().rcam_strengths)}
    base = current_app.config.get("BACKCHANNEL_URL") or INPROCESS
    if base == INPROCESS:
        app = current_app._get_current_object()
        with app.app_context():  # a fresh ``g`` for the inner request: it must not overwrite the page's language
            answer = app.test_client().get(Paths.SERVICE_VALIDATE, query_string=params,
                                           base_url=app.config["PUBLIC_URL"])
        return answer.get_data()
    url = loopback_url(base) + Paths.SERVICE_VALIDATE
    with requests.Session() as http:
        http.trust_env = False  # no proxy from the environment: a proxy would take the call off loopback
        answer = http.get(url, params=params, verify=current_app.config.get("BACKCHANNEL_CA") or True,
                          timeout=rules.BACKCHANNEL_TIMEOUT, allow_redirects=False)
        answer.raise_for_status()
        return answer.content


def parse_validation(body: bytes) -> CasUser:
    """EU Login's XML (namespace ``rules.CAS_NAMESPACE``, attributes under ``cas:authenticationSuccess``)."""
    ns = "{" + rules.CAS_NAMESPACE + "}"
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as error:
        raise CasFailure("INTERNAL_ERROR", f"unreadable answer: {error}") from None
    if root.tag != ns + "serviceResponse":
        raise CasFailure("INTERNAL_ERROR", f"unexpected answer {root.tag!r}")
    failed = root.find(ns + "authenticationFailure")
    if failed is not None:
        raise CasFailure(failed.get("code", "INTERNAL_ERROR"), (failed.text or "").strip())
    success = root.find(ns + "authenticationSuccess")
    if success is None:
        raise CasFailure("INTERNAL_ERROR", "neither success nor failure")

    def value(path: str) -> str | None:
        found = success.find(path.replace("cas:", ns))
        return found.text.strip() if found is not None and found.text else None

    user = value("cas:user")
    if not user:
        raise CasFailure("INTERNAL_ERROR", "no user in the answer")
    return CasUser(
        user=user, uid=value("cas:uid") or user, email=value("cas:email") or "",
        first_name=value("cas:firstName") or "", last_name=value("cas:lastName") or "",
        strength=value("cas:strengths/cas:strength") or "",
        mobile=value("cas:authenticationFactors/cas:mobilePhoneNumber"),
    )


def validate(ticket: str, service: str) -> CasUser:
    return parse_validation(fetch_validation(ticket, service))
