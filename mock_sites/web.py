"""What every site's views use of the request: the world, the screen's language and its texts, CSRF tokens.

The app factory (``mock_sites.create_app``) and the blueprints import these from here, and this module imports
nothing of theirs: no import circle.
"""

from __future__ import annotations

import secrets

from flask import current_app, g, request, session

from . import labels, profiles
from .world import World


def get_world() -> World:
    return current_app.extensions["world"]


def profile() -> profiles.Profile:
    """The screen profile the app was made with (``create_app(screens=…)``)."""
    return profiles.get(current_app.config["SCREENS"])


def lang() -> str:
    return g.get("lang", labels.DEFAULT_LANGUAGE)


def t(key: str, **fields) -> str:
    return labels.text(key, lang(), profile().name, **fields)


def csrf_token() -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


def csrf_ok() -> bool:
    sent = request.form.get("csrf_token", "")
    return bool(sent) and secrets.compare_digest(sent, session.get("csrf", ""))
