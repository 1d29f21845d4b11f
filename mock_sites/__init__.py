"""The mock sites: EU Login (``/cas``), RCAM (``/RCAM/``), the fake mailbox and phone, in one Flask app factory."""

from __future__ import annotations

import secrets

from flask import Flask, g, request
from flask.sessions import SecureCookieSessionInterface
from jinja2.bccache import Bucket, BytecodeCache

from . import bodies, hosts, labels, profiles, rules
from .devices import bp as devices_bp
from .eulogin import bp as eulogin_bp
from .rcam import bp as rcam_bp
from .web import csrf_token, get_world, lang, t
from .world import World

__all__ = ["create_app", "get_world"]

SITE_COOKIES = (  # one session cookie per site, scoped to its path: RCAM cannot read EU Login's
    (rules.Paths.CAS, "EULOGIN_SESSION"),
    (rules.Paths.RCAM, "RCAM_SESSION"),
    (rules.Paths.DEVICES, "DEVICES_SESSION"),
)


class PerSiteSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with a cookie name and path chosen by the site a request is for."""

    def _site(self):
        path = request.path if request else "/"
        for prefix, name in SITE_COOKIES:
            if path == prefix or path.startswith(prefix + "/"):
                return prefix, name
        return "/", "MOCK_SESSION"

    def get_cookie_name(self, app):
        return self._site()[1]

    def get_cookie_path(self, app):
        return self._site()[0]


class HostRouting:
    """WSGI middleware: ``https://mailbox.test/…`` and ``https://phone.test/…`` are the fake devices."""

    PREFIXES = {rules.MAILBOX_HOST: rules.Paths.MAILBOX, rules.PHONE_HOST: rules.Paths.PHONE}

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        host = environ.get("HTTP_HOST", "").split(":")[0].lower()
        prefix = self.PREFIXES.get(host)
        path = environ.get("PATH_INFO", "")
        if prefix and not path.startswith(rules.Paths.DEVICES):
            environ["PATH_INFO"] = prefix + (path if path != "/" else "/")
        return self.app(environ, start_response)


class CompiledTemplates(BytecodeCache):
    """Compiled templates shared by every app of the process: a test that builds an app per example would
    otherwise compile each template again (most of its time). A changed template's checksum misses the cache."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()


def create_app(world: World | None = None, *, public_url: str = rules.GUIDE_PUBLIC_URL,
               mailbox_url: str | None = None, phone_url: str | None = None,
               secure_cookies: bool = True, allowed_hosts: tuple[str, ...] = rules.MOCK_HOSTS,
               secret_key: str | None = None, screens: str = profiles.DEFAULT) -> Flask:
    """Build the mock sites around ``world``.

    ``public_url`` is the address the person's browser uses for EU Login (the guide's host under the
    harness, ``http://127.0.0.1:N`` under ``rehearse serve``): links in e-mails are built from it. ``screens``
    is the screen profile (``mock_sites.profiles``: ``2020``, the guide's screens, or ``2026``, today's).
    """
    profiles.get(screens)  # an unknown profile fails here, naming the known ones
    app = Flask(__name__)
    app.request_class = bodies.SiteRequest  # knows why a form body could not be read
    app.jinja_options = {**app.jinja_options, "bytecode_cache": COMPILED_TEMPLATES}
    app.config.update(
        SECRET_KEY=secret_key or secrets.token_hex(32),
        SCREENS=screens,
        PUBLIC_URL=public_url.rstrip("/"),
        MAILBOX_URL=(mailbox_url or f"https://{rules.MAILBOX_HOST}").rstrip("/"),
        PHONE_URL=(phone_url or f"https://{rules.PHONE_HOST}").rstrip("/"),
        ALLOWED_HOSTS=allowed_hosts,
        SESSION_COOKIE_SECURE=secure_cookies,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",  # Strict would drop the cookie on the click from the fake mailbox
        # RCAM's ticket validation: "inprocess" (Flask's test client, no network) unless a server gives a
        # loopback URL (mock_sites.server); never the public host name (see mock_sites.rcam.backchannel)
        BACKCHANNEL_URL="inprocess",
        BACKCHANNEL_CA=None,
        # A form body over this is refused whole (413, the site's page); multipart text parts too.
        MAX_CONTENT_LENGTH=rules.MAX_BODY_BYTES,
        MAX_FORM_MEMORY_SIZE=rules.MAX_BODY_BYTES,
    )
    app.extensions["world"] = world or World()
    app.session_interface = PerSiteSessionInterface()
    app.wsgi_app = HostRouting(app.wsgi_app)

    @app.before_request
    def known_hosts_and_language():
        if not hosts.allowed(request.host, app.config["ALLOWED_HOSTS"]):
            return hosts.refusal()  # short, both languages: never the site (DNS rebinding)
        chosen = request.args.get("lang")
        if chosen in labels.LANGUAGES:
            g.lang = chosen
        elif request.cookies.get("lang") in labels.LANGUAGES:
            g.lang = request.cookies["lang"]
        else:
            g.lang = request.accept_languages.best_match(labels.LANGUAGES, labels.DEFAULT_LANGUAGE)

    @app.before_request
    def room_for_a_photo():
        """The phone app's « Scanner le code QR » takes a camera's photo of a screen: more than a form's limit."""
        if request.endpoint == "devices.app_scan":
            request.max_content_length = rules.APP_PICTURE_MAX_BYTES

    app.before_request(bodies.refused_body)  # after the language: its page speaks the screen's language
    app.register_error_handler(413, bodies.too_large)

    @app.after_request
    def remember_language(response):
        if request.args.get("lang") in labels.LANGUAGES and "lang" in g:
            response.set_cookie("lang", g.lang, path="/", samesite="Lax", secure=secure_cookies,
                                httponly=True)
        return response

    app.jinja_env.globals.update(t=t, csrf_token=csrf_token, Paths=rules.Paths, rules=rules,
                                 languages=labels.LANGUAGE_NAMES)

    @app.context_processor
    def current_language():
        return {"lang": lang()}

    app.register_blueprint(eulogin_bp)
    app.register_blueprint(rcam_bp)
    app.register_blueprint(devices_bp)
    return app
