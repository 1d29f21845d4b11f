"""A person's browser over Flask's test client, for the CAS and RCAM unit tests (no server, no network).

``Visitor`` follows redirects by hand (so a test sees every address, tickets included), reads each form's
CSRF token and action from the page, and keeps cookies per site path as a browser does.
``sign_in_for_service`` walks EU Login's sign-in for a service (identification, password + method, SMS
challenge) and returns the response that carries the ticket back to the service.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urljoin, urlsplit

from flask import Flask

from mock_sites import rules
from mock_sites.world import Account, World

PUBLIC = rules.GUIDE_PUBLIC_URL
PASSWORD = rules.GUIDE_EXAMPLE_PASSWORD  # the guide's example
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
ACTION_RE = re.compile(r'<form[^>]*\baction="([^"]*)"')
REDIRECTS = (301, 302, 303, 307, 308)


def french_visitor(app: Flask) -> Visitor:
    """A visitor whose browser prefers French, as the harness's Chromium does."""
    visitor = Visitor(app)
    visitor.client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "fr-FR,fr;q=0.9"
    return visitor


class Visitor:
    def __init__(self, app: Flask) -> None:
        self.app = app
        self.client = app.test_client()
        self.url = PUBLIC + "/"
        self.response = None
        self.visited: list[str] = []

    @property
    def world(self) -> World:
        return self.app.extensions["world"]

    @property
    def text(self) -> str:
        return self.response.get_data(as_text=True)

    def absolute(self, url: str) -> str:
        return urljoin(self.url, url)

    def open(self, url: str, *, method: str = "GET", data: dict | None = None, follow: bool = True):
        url = self.absolute(url)
        response = self.client.open(url, method=method, data=data)
        self.visited.append(url)
        while follow and response.status_code in REDIRECTS:
            url = self.absolute(urljoin(url, response.location))
            response = self.client.get(url)
            self.visited.append(url)
        self.url, self.response = url, response
        return response

    def get(self, url: str, **kwargs):
        return self.open(url, **kwargs)

    def csrf(self) -> str:
        found = CSRF_RE.search(self.text)
        assert found, f"no CSRF token on {self.url}"
        return found.group(1)

    def action(self) -> str:
        found = ACTION_RE.search(self.text)
        assert found, f"no form on {self.url}"
        return html.unescape(found.group(1))

    def submit(self, data: dict, *, follow: bool = True):
        """Post the page's form, as a browser does, with the page's CSRF token."""
        return self.open(self.action(), method="POST", data={"csrf_token": self.csrf(), **data}, follow=follow)

    def alerts(self) -> list[str]:
        """The texts of the page's alerts (errors next to fields, form errors), as a screen reader says them."""
        return [html.unescape(" ".join(re.sub(r"<[^>]+>", "", m).split()))
                for m in re.findall(r'role="alert">(.*?)</p>', self.text, re.S)]

    def cookie(self, name: str, path: str):
        """The cookie ``name`` the browser keeps for ``path`` on the guide's host, or None."""
        return self.client.get_cookie(name, domain=urlsplit(PUBLIC).hostname, path=path)


# --- EU Login's sign-in for a service
def login_url(service: str, **params: str) -> str:
    return f"{PUBLIC}{rules.Paths.LOGIN}?{urlencode({'service': service, **params})}"


def rcam_service() -> str:
    return PUBLIC + rules.Paths.RCAM_CALLBACK


def ticket_of(location: str) -> str:
    return parse_qs(urlsplit(location).query)["ticket"][0]


def identify(visitor: Visitor, url: str, email: str):
    visitor.get(url)
    return visitor.submit({"step": "whoami", "username": email})


def password_step(visitor: Visitor, *, method: str = rules.STRENGTH_SMS, mobile: str = "",
                  password: str = PASSWORD):
    return visitor.submit({"step": "password", "password": password, "loginStrength": method, "mobile": mobile},
                          follow=False)


def challenge_step(visitor: Visitor, code: str):
    parts = rules.SIGN_IN_CHALLENGE.split(code)
    return visitor.open(visitor.action(), method="POST", follow=False,
                        data={"csrf_token": visitor.csrf(), "step": "challenge", "challenge": parts})


def latest_sms_code(world: World, phone: str) -> str:
    sms = world.inbox("sms", phone)
    assert sms, f"no SMS arrived at {phone}"
    found = re.search(r"([A-Z0-9]{3}(?:-[A-Z0-9]{3})+)", sms[0].body)
    assert found, f"no code in the SMS {sms[0].body!r}"
    return found.group(1)


def sign_in_for_service(visitor: Visitor, account: Account, url: str, *, phone: str | None = None,
                        method: str = rules.STRENGTH_SMS):
    """From ``url`` (``/cas/login?service=…``) to the redirect carrying the ticket (not followed)."""
    identify(visitor, url, account.email)
    if method == rules.STRENGTH_PASSWORD:
        response = password_step(visitor, method=method)
    else:
        phone = phone or account.phones[0]
        response = password_step(visitor, method=method, mobile=phone)
        assert response.status_code == 200, visitor.text
        response = challenge_step(visitor, latest_sms_code(visitor.world, phone))
    assert response.status_code == 302, visitor.text
    visitor.response = response
    return response


# --- reading pages: controls and the sections around them
@dataclass
class Element:
    tag: str
    attrs: dict
    ancestors: list[Element]
    text: str = ""
    children_text: list[str] = field(default_factory=list)


class Page(HTMLParser):
    """The page's elements, each with its text and its ancestors (enough to find controls and regions)."""

    VOID = {"input", "br", "img", "meta", "link", "hr"}

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs), list(self._open))
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i].tag == tag:
                del self._open[i:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data

    def controls(self, name: str) -> list[Element]:
        """Links and buttons whose text is exactly ``name`` (spaces aside)."""
        return [e for e in self.elements if e.tag in ("a", "button") and " ".join(e.text.split()) == name]

    def by_id(self, element_id: str) -> Element | None:
        return next((e for e in self.elements if e.attrs.get("id") == element_id), None)

    def accessible_name(self, element: Element) -> str:
        if "aria-label" in element.attrs:
            return element.attrs["aria-label"]
        labelled = self.by_id(element.attrs.get("aria-labelledby", ""))
        return " ".join(labelled.text.split()) if labelled else ""

    def label_for(self, field_id: str) -> str | None:
        label = next((e for e in self.elements if e.tag == "label" and e.attrs.get("for") == field_id), None)
        return " ".join(label.text.split()) if label else None

    def value_of(self, field_id: str) -> str | None:
        element = self.by_id(field_id)
        return element.attrs.get("value") if element else None
