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
from ..web import get_world

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
    return render_template("devices/phone.html", number=number, messages=get_world().inbox("sms", number))


@bp.get("/phone/<number>/messages.json")
def phone_json(number: str):
    return jsonify({"number": number, "messages": [
        {"id": m.id, "text": m.body, "date": m.deliver_at.isoformat()} for m in get_world().inbox("sms", number)]})
