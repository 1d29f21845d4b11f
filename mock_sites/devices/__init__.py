"""The fake mailbox and phone: where the mock's e-mails and SMS land, as pages and as JSON.

In the harness they answer at ``https://mailbox.test/<address>`` and ``https://phone.test/<number>``;
under ``rehearse serve`` at ``/_devices/mailbox/<address>`` and ``/_devices/phone/<number>``. An app setting,
``DEVICE_ACCESS`` (``rehearse serve``'s room sets it: ``mock_sites.room``), may restrict who opens which: a mailbox
or phone it refuses is a 404, and the index pages list only what it allows.
"""

from __future__ import annotations

import html
import re

from flask import Blueprint, abort, current_app, jsonify, render_template, request

from .. import mail, rules
from ..eulogin import mobile
from ..web import get_world, profile, t

bp = Blueprint("devices", __name__, url_prefix=rules.Paths.DEVICES)

LINK_RE = re.compile(r'href="([^"]+)"')


@bp.before_request
def not_on_the_eu_hosts():
    if request.host.split(":")[0].lower() in rules.EU_HOSTS:
        abort(404)


def allowed(kind: str, value: str) -> bool:
    """Whether this request may open mailbox or phone ``value`` (``kind``): always, unless ``DEVICE_ACCESS`` says."""
    access = current_app.config.get("DEVICE_ACCESS")
    return access is None or access(kind, value)


@bp.before_request
def only_what_is_allowed():
    found = request.view_args or {}
    if "address" in found and not allowed("mailbox", found["address"]):
        abort(404)
    if "number" in found and not allowed("phone", found["number"]):
        abort(404)


def decoded(message):
    content = mail.decode(message.raw)
    return {
        "id": message.id, "to": message.to, "subject": content.subject, "from": content.sender,
        "date": content.date, "language": content.language, "text": content.text,
        "links": [html.unescape(link) for link in LINK_RE.findall(content.html or "")],
    }


@bp.get("/mailbox/")
def mailboxes():
    world = get_world()
    addresses = sorted({m.to for m in world.messages if m.channel == "email" and m.deliver_at <= world.now()})
    return render_template("devices/index.html", kind="mailbox",
                           entries=[address for address in addresses if allowed("mailbox", address)])


@bp.get("/mailbox/<address>")
def mailbox(address: str):
    messages = [decoded(m) for m in get_world().inbox("email", address)]
    return render_template("devices/mailbox.html", address=address, messages=messages)


@bp.get("/mailbox/<address>/<int:message_id>")
def message(address: str, message_id: int):
    found = next((m for m in get_world().inbox("email", address) if m.id == message_id), None)
    if found is None:
        abort(404)
    content = mail.decode(found.raw)
    return render_template("devices/message.html", address=address, message=content,
                           body=mail.safe_html(content.html) if content.html else None, message_id=message_id)


@bp.get("/mailbox/<address>/<int:message_id>.eml")
def raw_message(address: str, message_id: int):
    found = next((m for m in get_world().inbox("email", address) if m.id == message_id), None)
    if found is None:
        abort(404)
    return found.raw, 200, {"Content-Type": "message/rfc822"}


@bp.get("/mailbox/<address>/messages.json")
def mailbox_json(address: str):
    return jsonify({"address": address, "messages": [decoded(m) for m in get_world().inbox("email", address)]})


@bp.get("/phone/")
def phones():
    world = get_world()
    numbers = sorted({m.to for m in world.messages if m.channel == "sms" and m.deliver_at <= world.now()})
    return render_template("devices/index.html", kind="phone",
                           entries=[number for number in numbers if allowed("phone", number)])


@bp.get("/phone/<number>")
def phone(number: str):
    return render_template("devices/phone.html", number=number, messages=get_world().inbox("sms", number),
                           mobile_app=app_on())


@bp.get("/phone/<number>/messages.json")
def phone_json(number: str):
    return jsonify({"number": number, "messages": [
        {"id": m.id, "text": m.body, "date": m.deliver_at.isoformat()} for m in get_world().inbox("sms", number)]})


# --- the phone's "EU Login" app (2026 screens only): adding the phone as a device, confirming sign-ins.
# It stands for a native app, not a web site: no CSRF token (under the harness the phone's host is rewritten to
# /_devices/…, where a session cookie's path would never match the address the browser shows). It learns a token
# only from a picture it decodes (mobile.scan); what it posts after that is checked against the world again.
def app_on() -> bool:
    return profile().mobile_app


def app_page(number: str, status: int = 200, *, view: str = "home", error: str | None = None,
             notice: str | None = None, **context):
    world = get_world()
    requests = mobile.requests_on_phone(world, number) if view == "home" else []
    return render_template("devices/app.html", number=number, view=view, error=error, notice=notice,
                           devices=mobile.devices_on_phone(world, number), requests=requests,
                           request_ids=[r.id for r in requests], **context), status


def app_error(error: mobile.AppError) -> str:
    return t(error.label, **error.fields)


@bp.get("/phone/<number>/app")
def app_home(number: str):
    if not app_on():
        abort(404)
    if request.args.get("step") == "scan":
        return app_page(number, view="scan")
    waiting = mobile.awaiting_pin(get_world(), number)  # opened again after a scan: it still asks for the PIN
    if waiting is not None:
        return pin_page(number, waiting)
    return app_page(number)


def pin_page(number: str, found: mobile.Scan, status: int = 200, error: str | None = None):
    intro = t("app_init_pin", name=found.name) if found.kind == "init" else t("app_sign_in_pin")
    return app_page(number, status, view="pin", scan_kind=found.kind, token=found.token, intro=intro, error=error)


@bp.get("/phone/<number>/app/requests.json")
def app_requests_json(number: str):
    """What the app polls: the sign-in requests waiting on this phone (its notifications)."""
    if not app_on():
        abort(404)
    world = get_world()
    return jsonify({"number": number, "requests": [
        {"id": r.id, "service": r.service, "expires_at": r.expires_at.isoformat()}
        for r in mobile.requests_on_phone(world, number)]}), 200, {"Cache-Control": "no-store"}


@bp.post("/phone/<number>/app/scan")
def app_scan(number: str):
    """« Scanner le code QR »: the picture is decoded here; nothing else the form says is trusted."""
    if not app_on():
        abort(404)
    picture = request.files.get("picture")
    data = picture.read() if picture else b""
    try:
        found = mobile.scan(get_world(), number, data)
    except mobile.AppError as error:
        return app_page(number, error.status, view="scan", error=app_error(error))
    return pin_page(number, found)


@bp.post("/phone/<number>/app/init")
def app_init_pin(number: str):
    """The PIN after scanning the computer's « Ajouter un appareil mobile » code: the device is registered."""
    if not app_on():
        abort(404)
    token, pin = request.form.get("token", ""), request.form.get("pin", "")
    try:
        device = mobile.finish_enrolment(get_world(), number, token, pin)
    except (mobile.WrongPin, mobile.PinLocked) as error:
        enrolment = get_world().device_enrolments.get(token)
        return app_page(number, error.status, view="pin", scan_kind="init", token=token, error=app_error(error),
                        intro=t("app_init_pin", name=enrolment.name if enrolment else ""))
    except mobile.AppError as error:
        return app_page(number, error.status, view="scan", error=app_error(error))
    return app_page(number, notice=t("app_ready", name=device.name))


@bp.post("/phone/<number>/app/qr")
def app_qr_pin(number: str):
    """The PIN after scanning a sign-in QR code: the app shows the one-time password."""
    if not app_on():
        abort(404)
    token, pin = request.form.get("token", ""), request.form.get("pin", "")
    try:
        code, _ = mobile.confirm_qr(get_world(), number, token, pin)
    except (mobile.WrongPin, mobile.PinLocked) as error:
        return app_page(number, error.status, view="pin", scan_kind="login", token=token, error=app_error(error),
                        intro=t("app_sign_in_pin"))
    except mobile.AppError as error:
        return app_page(number, error.status, view="scan", error=app_error(error))
    return app_page(number, view="otp", otp=code.otp)


@bp.post("/phone/<number>/app/requests/<request_id>")
def app_answer(number: str, request_id: str):
    """« Confirmer » with the PIN, or « Refuser », for a sign-in request waiting on this phone."""
    if not app_on():
        abort(404)
    approve = request.form.get("answer") != "refuse"
    try:
        mobile.answer_request(get_world(), number, request_id, request.form.get("pin", ""), approve=approve)
    except mobile.AppError as error:
        return app_page(number, error.status, error=app_error(error))
    return app_page(number, notice=t("app_approved" if approve else "app_denied"))

