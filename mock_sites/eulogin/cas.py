"""The CAS protocol as EU Login speaks it: known services, service tickets, ticket validation.

``/cas/serviceValidate`` (and ``proxyValidate``, ``laxValidate``, ``strictValidate``) answer in EU Login's XML:
namespace ``https://ecas.ec.europa.eu/cas/schemas``, the attributes directly under
``cas:authenticationSuccess``. ``/cas/p3/serviceValidate`` answers in standard CAS 3.0 (attributes under
``cas:attributes``) for standard clients such as python-cas. ``format=JSON`` gives the same as JSON.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

from flask import Blueprint, Response, current_app, redirect, request

from .. import profiles, rules
from ..rules import Paths
from ..web import get_world
from ..world import Account, ServiceTicket, SsoSession

bp = Blueprint("cas", __name__)

# --- services and strengths
def known_service(service: str | None) -> bool:
    """Whether ``service`` is one of the mock's own services (``rules.CAS_SERVICES`` under the public URL).

    Everything else is refused: EU Login never hands a ticket, nor a redirect, to an outside address.
    """
    if not service or any(c in service for c in "\\\r\n\t ") or "%2e" in service.lower():
        return False
    public = urlsplit(current_app.config["PUBLIC_URL"])
    try:
        parts = urlsplit(service)
        port = parts.port
    except ValueError:
        return False
    if (parts.scheme, parts.hostname, port) != (public.scheme, public.hostname, public.port):
        return False
    if parts.username is not None or parts.password is not None or "/../" in parts.path + "/":
        return False
    return any(parts.path.startswith(prefix) for prefix in rules.CAS_SERVICES)


def accepted_strengths(args) -> tuple[str, ...] | None:
    """The strengths a service accepts (``acceptStrengths=A,B``), or None when it accepts any."""
    raw = args.get("acceptStrengths", "")
    strengths = tuple(s.strip().upper() for s in raw.split(",") if s.strip())
    return strengths or None


def strength_ok(strength: str, accepted: tuple[str, ...] | None) -> bool:
    return accepted is None or strength in accepted


def renew_asked(args) -> bool:
    return args.get("renew", "").lower() in ("true", "1", "yes")


def redirect_with_ticket(service: str, sso: SsoSession, *, from_sso: bool):
    ticket = get_world().issue_ticket(sso, service, from_sso=from_sso)
    separator = "&" if urlsplit(service).query else ("" if service.endswith("?") else "?")
    return redirect(service + separator + urlencode({"ticket": ticket.id}))


# --- validation
def _iso(moment) -> str:
    return moment.isoformat(timespec="milliseconds")


def account_attributes(account: Account) -> list[tuple[str, str]]:
    """What both response formats say of the person, in EU Login's order."""
    return [
        ("email", account.email),
        ("firstName", account.first_name),
        ("lastName", account.last_name),
        ("domain", rules.USER_DOMAIN),
        ("domainUsername", account.uid),
        ("locale", account.email_language),
        ("assuranceLevel", rules.ASSURANCE_LEVEL),
        ("uid", account.uid),
    ]


# The factor a security-key sign-in names in ``authenticationFactors`` (plausible: the real name is not public)
SECURITY_KEY_FACTOR = ("securityKey", "FIDO2")
# The factor a sign-in with the EU Login Mobile App names, with its device's name (plausible: not public)
MOBILE_APP_FACTOR = "mobileDevice"
MOBILE_APP_STRENGTHS = (profiles.STRENGTH_APP_PIN, profiles.STRENGTH_APP_QR)


def authentication_factors(ticket: ServiceTicket) -> list[tuple[str, str]]:
    """What the sign-in used besides the password: the mobile number (SMS), the security key, or the app's device."""
    if ticket.phone:
        return [("mobilePhoneNumber", ticket.phone)]
    if ticket.strength == profiles.STRENGTH_SECURITY_KEY:
        return [SECURITY_KEY_FACTOR]
    if ticket.strength in MOBILE_APP_STRENGTHS:
        return [(MOBILE_APP_FACTOR, ticket.device or "EU Login Mobile App")]
    return []


def eulogin_attributes(account: Account, ticket: ServiceTicket) -> list[tuple[str, object]]:
    """EU Login's attributes, in its order; a list value is a container of (child, value) pairs."""
    factors = authentication_factors(ticket)
    return [
        ("user", account.uid),
        *account_attributes(account),
        ("strengths", [("strength", ticket.strength)]),
        ("authenticationFactors", factors),
        ("loginDate", _iso(ticket.login_date)),
        ("sso", "true" if ticket.from_sso else "false"),
        ("ticketType", "SERVICE"),
    ]


def cas3_attributes(account: Account, ticket: ServiceTicket) -> list[tuple[str, str]]:
    attributes = [*account_attributes(account), ("strength", ticket.strength), *authentication_factors(ticket)]
    return attributes + [
        ("authenticationDate", _iso(ticket.login_date)),
        ("isFromNewLogin", "false" if ticket.from_sso else "true"),
        ("ticketType", "SERVICE"),
    ]


def _append(parent: ElementTree.Element, name: str, value) -> None:
    child = ElementTree.SubElement(parent, f"cas:{name}")
    if isinstance(value, list):
        child.set("number", str(len(value)))
        for sub_name, sub_value in value:
            _append(child, sub_name, sub_value)
    else:
        child.text = str(value)


def _xml(root: ElementTree.Element) -> Response:
    body = ElementTree.tostring(root, encoding="unicode")
    return Response(body, mimetype="application/xml", headers={"Cache-Control": "no-store"})


def _root(namespace: str) -> ElementTree.Element:
    # The prefix is written literally: both namespaces use "cas", and ElementTree's prefix registry is global.
    return ElementTree.Element("cas:serviceResponse", {"xmlns:cas": namespace})


def failure(code: str, message: str, *, standard: bool, as_json: bool) -> Response:
    if as_json:
        body = {"serviceResponse": {"authenticationFailure": {"code": code, "description": message}}}
        return Response(json.dumps(body), mimetype="application/json")
    root = _root(rules.CAS3_NAMESPACE if standard else rules.CAS_NAMESPACE)
    element = ElementTree.SubElement(root, "cas:authenticationFailure", {"code": code})
    element.text = message
    return _xml(root)


def success(account: Account, ticket: ServiceTicket, *, standard: bool, as_json: bool) -> Response:
    if standard:
        attributes = cas3_attributes(account, ticket)
        if as_json:
            body = {"user": account.uid, "attributes": dict(attributes)}
            return Response(json.dumps({"serviceResponse": {"authenticationSuccess": body}}),
                            mimetype="application/json")
        root = _root(rules.CAS3_NAMESPACE)
        element = ElementTree.SubElement(root, "cas:authenticationSuccess")
        _append(element, "user", account.uid)
        holder = ElementTree.SubElement(element, "cas:attributes")
        for name, value in attributes:
            _append(holder, name, value)
        return _xml(root)
    attributes = eulogin_attributes(account, ticket)
    if as_json:
        body = {name: ([v for _, v in value] if name == "strengths" else dict(value))
                if isinstance(value, list) else value for name, value in attributes}
        return Response(json.dumps({"serviceResponse": {"authenticationSuccess": body}}),
                        mimetype="application/json")
    root = _root(rules.CAS_NAMESPACE)
    element = ElementTree.SubElement(root, "cas:authenticationSuccess")
    for name, value in attributes:
        _append(element, name, value)
    return _xml(root)


def validate(*, standard: bool) -> Response:
    args = request.args
    as_json = args.get("format", "").upper() == "JSON"

    def fail(code: str, message: str) -> Response:
        return failure(code, message, standard=standard, as_json=as_json)

    service, ticket_id = args.get("service", ""), args.get("ticket", "")
    if not service or not ticket_id:
        return fail("INVALID_REQUEST", "'service' and 'ticket' parameters are both required")
    world = get_world()
    ticket = world.take_ticket(ticket_id) if ticket_id.startswith(rules.TICKET_PREFIX) else None
    if ticket is None:
        return fail("INVALID_TICKET", f"ticket '{ticket_id}' not recognized")
    if ticket.service != service:
        return fail("INVALID_SERVICE", f"ticket '{ticket_id}' does not match supplied service. The original "
                                       f"service was '{ticket.service}' and the supplied service was '{service}'.")
    if renew_asked(args) and ticket.from_sso:
        return fail("INVALID_TICKET", f"ticket '{ticket_id}' was not issued from a new sign-in, as renew "
                                      f"requires")
    accepted = accepted_strengths(args)
    if not strength_ok(ticket.strength, accepted):
        return fail("INVALID_STRENGTH", f"ticket '{ticket_id}' was issued for strength '{ticket.strength}', "
                                        f"not one of {', '.join(accepted)}")
    account = world.account(ticket.email)
    if account is None:
        return fail("INVALID_USER", f"the user of ticket '{ticket_id}' no longer exists")
    return success(account, ticket, standard=standard, as_json=as_json)


@bp.get(Paths.SERVICE_VALIDATE)
@bp.get(Paths.PROXY_VALIDATE)
@bp.get(Paths.LAX_VALIDATE)
@bp.get(Paths.STRICT_VALIDATE)
def service_validate():
    return validate(standard=False)


@bp.get(Paths.P3_SERVICE_VALIDATE)
@bp.get(Paths.P3_PROXY_VALIDATE)
def p3_service_validate():
    return validate(standard=True)
