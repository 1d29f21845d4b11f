"""Driving the mock sites without a browser: a test client that behaves like a form-submitting browser.

``Client`` wraps Flask's test client over ``create_app(World())``: it sends ``Accept-Language``, keeps the
cookies, and adds the CSRF token scraped from the last form it was shown to every POST, as a browser does.
``parse``/``form_values``/``alerts``/``controls`` read the HTML the way an assistive technology would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

from mock_sites import create_app, mail, rules
from mock_sites.world import Identity, World

EU_URL = rules.GUIDE_PUBLIC_URL
PASSWORD = rules.GUIDE_EXAMPLE_PASSWORD  # the guide's example
AUTO = object()  # post(): scrape the CSRF token


# --------------------------------------------------------------------------- HTML
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Node]:
        """Descendants (and self) named ``tag`` whose attributes equal ``attrs`` (``role_`` → ``role``)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [n for n in self.iter() if (tag is None or n.tag == tag)
                and all(n.attrs.get(k) == v for k, v in wanted.items())]

    def text(self) -> str:
        """The text content, whitespace collapsed (hidden inputs and scripts have none)."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif child.tag not in ("script", "style", "template"):
                parts.append(" " + child.text() + " " if child.tag in ("p", "li", "br", "div") else child.text())
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def accessible_name(self) -> str:
        return (self.attrs.get("aria-label") or self.text() or self.attrs.get("value", "")).strip()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v if v is not None else "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def form_values(html: str) -> dict[str, str]:
    """What the page's form fields hold, as a browser would submit them (first field of a name wins)."""
    values: dict[str, str] = {}
    for node in parse(html).iter():
        name = node.attrs.get("name")
        if not name or name in values:
            continue
        if node.tag == "input":
            kind = node.attrs.get("type", "text")
            if kind in ("submit", "button", "image", "reset"):
                continue
            if kind in ("checkbox", "radio"):
                if "checked" in node.attrs:
                    values[name] = node.attrs.get("value") or "on"
                continue
            values[name] = node.attrs.get("value", "")
        elif node.tag == "select":
            options = node.find_all("option")
            chosen = next((o for o in options if "selected" in o.attrs), options[0] if options else None)
            if chosen is not None:
                values[name] = chosen.attrs.get("value", chosen.text())
        elif node.tag == "textarea":
            values[name] = node.text()
    return values


def alerts(html: str) -> list[str]:
    """The texts of the page's ``role=alert`` elements, in document order."""
    return [node.text() for node in parse(html).find_all(role="alert")]


def statuses(html: str) -> list[str]:
    """The texts of the page's ``role=status`` elements (confirmations), in document order."""
    return [node.text() for node in parse(html).find_all(role="status")]


def heading(html: str) -> str:
    """The text of the page's first ``h1``."""
    found = parse(html).find_all("h1")
    assert found, "the page has no h1"
    return found[0].text()


def controls(html: str) -> list[tuple[str, str]]:
    """``(role, accessible name)`` of every button and link of the page."""
    found = []
    for node in parse(html).iter():
        if node.tag == "button" or (node.tag == "input" and node.attrs.get("type") in ("submit", "button")):
            found.append(("button", node.accessible_name()))
        elif node.tag == "a" and "href" in node.attrs:
            found.append(("link", node.accessible_name()))
    return found


# --------------------------------------------------------------------------- client
class Client:
    """A browser-like test client of the mock sites (``lang`` is its ``Accept-Language``, None for none)."""

    def __init__(self, world: World | None = None, *, lang: str | None = "fr", base_url: str = EU_URL,
                 **app_options) -> None:
        self.world = world if world is not None else World()
        self.app = create_app(self.world, **app_options)
        self.http = self.app.test_client()
        self.lang = lang
        self.base_url = base_url
        self.csrf: str | None = None
        self.response = None

    @property
    def html(self) -> str:
        return self.response.get_data(as_text=True)

    def open(self, method: str, path: str, **kwargs):
        headers = {"Accept-Language": self.lang} if self.lang else {}
        headers.update(kwargs.pop("headers", {}))
        kwargs.setdefault("base_url", self.base_url)
        self.response = self.http.open(path, method=method, headers=headers, **kwargs)
        if self.response.mimetype == "text/html":
            token = form_values(self.html).get("csrf_token")
            if token:
                self.csrf = token
        return self.response

    def get(self, path: str, **kwargs):
        return self.open("GET", path, **kwargs)

    def post(self, path: str, data: dict | None = None, *, csrf=AUTO, **kwargs):
        """POST ``data`` with the CSRF token of the last form shown (fetching ``path`` first if none was);
        ``csrf=None`` sends none, a string sends that one."""
        data = dict(data or {})
        if csrf is AUTO:
            if self.csrf is None:
                self.get(path, base_url=kwargs.get("base_url", self.base_url))
            assert self.csrf, f"no CSRF token on {path} to submit the form with"
            data.setdefault("csrf_token", self.csrf)
        elif csrf is not None:
            data["csrf_token"] = csrf
        return self.open("POST", path, data=data, **kwargs)

    def cookie_headers(self) -> list[str]:
        return self.response.headers.getlist("Set-Cookie")


# --------------------------------------------------------------------------- world and flows
def snapshot(world: World) -> dict[str, str]:
    """Everything a refused form must leave unchanged (``World.snapshot``, shared with the step definitions)."""
    return world.snapshot()


def captcha_answer(client: Client) -> tuple[str, str]:
    """``(captcha_id, code)`` of the captcha on the registration form last shown."""
    captcha_id = form_values(client.html)["captcha_id"]
    return captcha_id, client.world.captchas[captcha_id]


def registration(client: Client, identity: Identity, email_language: str = "en", **changes) -> dict:
    """The registration form as the guide fills it, from the form last shown; ``changes`` override it."""
    captcha_id, code = captcha_answer(client)
    values = {"first_name": identity.first_name, "last_name": identity.last_name, "email": identity.email,
              "email_confirm": identity.email, "email_language": email_language, "captcha_id": captcha_id,
              "captcha": code, "privacy": "on"}
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def register(client: Client, identity: Identity, email_language: str = "en"):
    client.get(rules.Paths.REGISTER)
    return client.post(rules.Paths.REGISTER, registration(client, identity, email_language))


def mail_link(world: World, address: str, anchor: str) -> str:
    """The URL of the link ``anchor`` in the newest e-mail delivered to ``address``."""
    message = world.inbox("email", address)[0]
    links = [a for a in parse(mail.decode(message.raw).html or "").find_all("a") if a.text() == anchor]
    assert len(links) == 1, f"no single link {anchor!r} in {message.subject!r}"
    return links[0].attrs["href"]


def local(url: str) -> str:
    """``/path?query`` of an absolute URL, for the test client."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def sign_in(client: Client, email: str, password: str = PASSWORD):
    client.get(rules.Paths.LOGIN)
    client.post(rules.Paths.LOGIN, {"step": "whoami", "username": email})
    return client.post(rules.Paths.LOGIN, {"step": "password", "password": password})


def signed_in(lang: str | None = "fr", email_language: str = "en", phones: tuple[str, ...] = (),
              **client_options) -> tuple[Client, Identity]:
    """A client signed in to EU Login with a fresh account that has the guide's password."""
    client = Client(lang=lang, **client_options)
    identity = client.world.new_identity()
    client.world.seed_account(identity, password=PASSWORD, phones=phones, language=email_language)
    response = sign_in(client, identity.email)
    assert response.status_code == 302 and client.world.sso_sessions, "could not sign in"
    return client, identity


_ALNUM, _SIZE, _MORE = rules.CODE_ALPHABET, rules.PHONE_CHALLENGE.size, rules.PHONE_CHALLENGE.groups - 1
CODE_RE = re.compile(rf"\b[{_ALNUM}]{{{_SIZE}}}(?:-[{_ALNUM}]{{{_SIZE}}}){{{_MORE}}}\b")


def sms_code(world: World, number: str) -> str:
    """The challenge code of the newest SMS received by ``number``."""
    sms = world.inbox("sms", number)
    assert sms, f"no SMS for {number}"
    found = CODE_RE.findall(sms[0].body)
    assert len(found) == 1, f"no single {rules.PHONE_CHALLENGE.describe()} code in {sms[0].body!r}"
    return found[0]


def add_phone(client: Client, number: str):
    client.get(rules.Paths.ADD_PHONE)
    return client.post(rules.Paths.ADD_PHONE, {"mobile_number": number})


def enter_challenge(client: Client, code: str):
    """Types ``code`` into the challenge boxes, one group per box as the person does (all in the first
    box if it does not have the code's length)."""
    client.get(rules.Paths.VERIFY_PHONE)
    fmt = rules.PHONE_CHALLENGE
    parts = fmt.split(code) if len(code.replace("-", "")) == fmt.length else [code]
    return client.post(rules.Paths.VERIFY_PHONE, {"challenge": parts})
