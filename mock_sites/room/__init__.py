"""``rehearse serve`` for a room of people (``/`` and ``/_room/``): each visitor's own identity, mailbox and phone,
« J’ai fermé mon navigateur », and the facilitator's page behind a token.

Only ``install`` adds this blueprint to an app (``mock_sites.server.start_plain(room=True)``, which ``rehearse
serve`` uses): the harness's app (TLS, pytest) has none of it, and its fake devices answer every address.
Under the room, the devices answer a visitor only for their own address and numbers (``DEVICE_ACCESS``), the
world's clock follows real time plus what the facilitator adds, and the final code comes at once.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from html import unescape

from flask import Blueprint, Flask, abort, current_app, redirect, render_template, request
from markupsafe import Markup, escape

from .. import SITE_COOKIES, labels, rules
from ..rules import Paths
from ..web import csrf_ok, get_world, profile
from ..world import RealClock, RoomVisitor
from . import progress, service

bp = Blueprint("room", __name__)
START = Paths.ROOM + "/"
ALERT_RE = re.compile(r'role="alert"[^>]*>(.*?)</', re.S)
REFRESH_SECONDS = 20  # the facilitator's page reloads itself


@dataclass(frozen=True)
class Room:
    """The room's settings: the facilitator's secret (in the address ``rehearse serve`` prints)."""

    facilitator_token: str

    @property
    def facilitator_path(self) -> str:
        return f"{Paths.ROOM}/facilitator/{self.facilitator_token}"


def install(app: Flask, *, facilitator_token: str | None = None, time_source=None) -> Room:
    """Make ``app`` (before it serves) the room's: this blueprint, the devices' owner check, the real-time clock
    (``time_source`` gives the real time, UTC; tests pass their own), the final code at once."""
    world = app.extensions["world"]
    with world.lock:
        world.clock = RealClock(time_source)
        world.final_code_delay = timedelta(0)
    room = Room(facilitator_token or secrets.token_urlsafe(24))
    app.extensions["room"] = room
    app.config["DEVICE_ACCESS"] = device_access
    app.register_blueprint(bp)
    app.after_request(note_page)
    return room


# --- who is asking
def current_visitor() -> RoomVisitor | None:
    return get_world().visitor(request.cookies.get(service.VISITOR_COOKIE))


def device_access(kind: str, value: str) -> bool:
    """``DEVICE_ACCESS``: whether this request's visitor may open mailbox or phone ``value``."""
    return service.may_open(get_world(), current_visitor(), kind, value)


def note_page(response):
    """Remember the last page each visitor was shown (its path, status and alerts) for the facilitator."""
    token = request.cookies.get(service.VISITOR_COOKIE)
    if (not token or request.path.startswith(Paths.ROOM) or response.mimetype != "text/html"
            or 300 <= response.status_code < 400 or response.direct_passthrough):
        return response
    world = get_world()
    if world.visitor(token) is not None:
        alerts = ()
        if response.status_code >= 400:
            alerts = tuple(" ".join(unescape(re.sub(r"<[^>]+>", "", found)).split())
                           for found in ALERT_RE.findall(response.get_data(as_text=True)))
        world.note_page(token, request.path, response.status_code, alerts)
    return response


# --- the pages: French first, English under it
class Label(str):
    """A field of a label that is itself a label key: said in the language of the text around it."""


def both(key: str, **fields) -> Markup:
    """The label ``key`` in French, then in English (``fields`` escaped unless they are Markup)."""
    def said(lang: str) -> Markup:
        values = {name: labels.text(value, lang) if isinstance(value, Label) else value
                  for name, value in fields.items()}
        return Markup(escape(labels.TEXTS[key][lang])).format(**values)

    return Markup('{} <span class="en" lang="en">{}</span>').format(said("fr"), said("en"))


def when(moment: datetime | None, *, date: bool = True) -> str:
    """A moment of the world's clock in this machine's time zone (the room's)."""
    if moment is None:
        return ""
    return moment.astimezone().strftime(rules.DAY_MONTH_YEAR + " %H:%M" if date else "%H:%M")


def duration(delta: timedelta, lang: str) -> str:
    days, seconds = delta.days, delta.seconds
    units = ("j", "h", "min") if lang == "fr" else ("d", "h", "min")
    parts = [f"{value} {unit}" for value, unit in zip((days, seconds // 3600, seconds % 3600 // 60), units,
                                                     strict=True) if value]
    return " ".join(parts) or "0"


def link(path: str) -> Markup:
    """A link to ``path`` on this server, showing its whole address (what a person would type)."""
    return Markup('<a href="{}">{}</a>').format(path, current_app.config["PUBLIC_URL"] + path)


def page(template: str, status: int = 200, **context):
    return render_template(f"room/{template}", both=both, fr=labels.fr, link=link, mobile_app=profile().mobile_app,
                           **context), status


def with_visitor_cookie(response, visitor: RoomVisitor):
    response.set_cookie(service.VISITOR_COOKIE, visitor.token, max_age=service.VISITOR_COOKIE_AGE, path="/",
                        httponly=True, samesite="Lax", secure=current_app.config["SESSION_COOKIE_SECURE"])
    return response


@bp.get("/")
def root():
    return redirect(START)


@bp.get(Paths.ROOM)
@bp.get(START)
def start():
    return page("start.html", visitor=current_visitor(), closed=request.args.get("closed") == "1")


@bp.post(START + "start")
def start_post():
    world = get_world()
    if not csrf_ok():
        return page("start.html", 400, visitor=None, form_error=both("err_csrf"))
    visitor = current_visitor() or service.new_visitor(world)  # one identity per browser: no second one
    if visitor is None:
        return page("start.html", 503, visitor=None, form_error=both("room_full"))
    return with_visitor_cookie(redirect(START), visitor)


@bp.post(START + "closed-browser")
def closed_browser():
    visitor = current_visitor()
    if visitor is None:
        return redirect(START)
    if not csrf_ok():
        return page("start.html", 400, visitor=visitor, form_error=both("err_csrf"))
    service.close_browser(get_world(), visitor)
    response = redirect(START + "?closed=1")
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    for path, name in SITE_COOKIES:  # a closed browser forgets its session cookies: EU Login's and RCAM's
        if path in (Paths.CAS, Paths.RCAM):
            response.delete_cookie(name, path=path, secure=secure, httponly=True, samesite="Lax")
    return response


# --- the facilitator's page
def facilitator_room(token: str) -> Room:
    room = current_app.extensions["room"]
    if not secrets.compare_digest(token.encode(), room.facilitator_token.encode()):
        abort(404)
    return room


def row(world, visitor: RoomVisitor) -> dict:
    found = progress.progress(world, visitor, profile().name)
    stuck = []
    for key, fields in found.stuck:
        shown = {name: Label(value) if name == "what" else when(value) if isinstance(value, datetime) else value
                 for name, value in fields.items()}
        stuck.append(both(key, **shown))
    return {"visitor": visitor, "instruction": found.last_instruction,
            "done": both(f"room_done_{found.last_kind}") if found.last_kind else None,
            "stuck": stuck, "alerts": visitor.last_alerts if visitor.last_status and visitor.last_status >= 400 else (),
            "seen": when(visitor.last_seen)}


@bp.get(Paths.ROOM + "/facilitator/<token>")
def facilitator(token: str):
    room = facilitator_room(token)
    world = get_world()
    with world.lock:
        visitors = sorted(world.visitors.values(), key=lambda v: v.joined_at)
        rows = [row(world, visitor) for visitor in visitors]
        given = {rules.normalise_email(v.identity.email) for v in visitors}
        others = sorted(a.email for key, a in world.accounts.items() if key not in given)
        now, offset = world.now(), getattr(world.clock, "offset", timedelta(0))
    return page("facilitator.html", room=room, rows=rows, others=others, now=when(now),
                offset={lang: duration(offset, lang) for lang in labels.LANGUAGES} if offset else None,
                steps=service.CLOCK_STEPS, refresh=REFRESH_SECONDS)


@bp.post(Paths.ROOM + "/facilitator/<token>/clock")
def facilitator_clock(token: str):
    room = facilitator_room(token)
    if not csrf_ok():
        abort(400)
    step = request.form.get("step", "")
    if step not in service.CLOCK_STEPS:
        abort(400)
    service.advance_clock(get_world(), step)
    return redirect(room.facilitator_path)
