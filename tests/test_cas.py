"""CAS between EU Login and its services: tickets, validation XML (EU Login's and CAS 3.0), SSO, logout,
cookies, a standard CAS client against a real server, and the back channel that never leaves loopback."""

from __future__ import annotations

import dataclasses
import socket
import threading
from urllib.parse import urlencode, urlsplit
from xml.etree import ElementTree

import pytest
import requests
from cas import CASClient

from mock_sites import rules
from mock_sites.labels import text
from mock_sites.rcam import backchannel
from mock_sites.server import start_plain, start_tls
from tests.site_client import (
    PASSWORD,
    PUBLIC,
    Page,
    Visitor,
    identify,
    latest_sms_code,
    login_url,
    password_step,
    rcam_service,
    sign_in_for_service,
    ticket_of,
)

NS = "{" + rules.CAS_NAMESPACE + "}"
NS3 = "{" + rules.CAS3_NAMESPACE + "}"
OTHER_SERVICE = PUBLIC + "/RCAM/other"  # known (under /RCAM/) but not the one a ticket was issued for


@pytest.fixture
def visitor(site_app) -> Visitor:
    return Visitor(site_app)


@pytest.fixture
def account(site_world):
    identity = dataclasses.replace(site_world.new_identity(), last_name="D'Hondt & <Fils>")  # escaping!
    return site_world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,), language="fr")


def validate(visitor: Visitor, ticket: str, service: str, path: str = rules.Paths.SERVICE_VALIDATE, **extra):
    response = visitor.client.get(f"{PUBLIC}{path}?{urlencode({'service': service, 'ticket': ticket, **extra})}")
    assert response.status_code == 200
    return ElementTree.fromstring(response.data)


def failure_code(root, ns: str = NS) -> str | None:
    failed = root.find(ns + "authenticationFailure")
    return failed.get("code") if failed is not None else None


def sms_ticket(visitor: Visitor, account, service: str | None = None, **params) -> str:
    response = sign_in_for_service(visitor, account, login_url(service or rcam_service(), **params))
    assert response.location.startswith((service or rcam_service()) + "?ticket=ST-")
    return ticket_of(response.location)


# --- tickets and the two XML dialects
def test_eulogin_xml_has_the_attributes_directly_under_authentication_success(visitor, account):
    ticket = sms_ticket(visitor, account, acceptStrengths=rules.STRENGTH_SMS)
    assert ticket.startswith("ST-") and ticket.split("-", 2)[1].isdigit() and len(ticket.split("-", 2)[2]) > 16
    root = validate(visitor, ticket, rcam_service())
    assert root.tag == NS + "serviceResponse"
    success = root.find(NS + "authenticationSuccess")
    assert success is not None and success.find(NS + "attributes") is None
    value = {child.tag.removeprefix(NS): (child.text or "") for child in success}
    assert value["user"] == value["uid"] == value["domainUsername"] == account.uid
    assert value["email"] == account.email
    assert value["firstName"] == account.first_name and value["lastName"] == "D'Hondt & <Fils>"
    assert value["domain"] == "external" and value["assuranceLevel"] == "LOW" and value["locale"] == "fr"
    assert success.find(f"{NS}strengths/{NS}strength").text == rules.STRENGTH_SMS
    assert success.find(f"{NS}authenticationFactors/{NS}mobilePhoneNumber").text == account.phones[0]
    assert value["sso"] == "false" and value["ticketType"] == "SERVICE" and value["loginDate"].startswith("2026-")


def test_cas3_xml_has_the_attributes_under_cas_attributes(visitor, account):
    ticket = sms_ticket(visitor, account)
    root = validate(visitor, ticket, rcam_service(), rules.Paths.P3_SERVICE_VALIDATE)
    assert root.tag == NS3 + "serviceResponse"
    success = root.find(NS3 + "authenticationSuccess")
    assert success.find(NS3 + "user").text == account.uid
    attributes = {child.tag.removeprefix(NS3): child.text for child in success.find(NS3 + "attributes")}
    assert attributes["email"] == account.email and attributes["lastName"] == "D'Hondt & <Fils>"
    assert attributes["strength"] == rules.STRENGTH_SMS and attributes["mobilePhoneNumber"] == account.phones[0]


def test_json_format(visitor, account):
    ticket = sms_ticket(visitor, account)
    answer = visitor.client.get(f"{PUBLIC}{rules.Paths.SERVICE_VALIDATE}?"
                                + urlencode({"service": rcam_service(), "ticket": ticket, "format": "JSON"})).json
    success = answer["serviceResponse"]["authenticationSuccess"]
    assert success["user"] == account.uid and success["strengths"] == [rules.STRENGTH_SMS]
    assert success["authenticationFactors"] == {"mobilePhoneNumber": account.phones[0]}
    again = visitor.client.get(f"{PUBLIC}{rules.Paths.P3_SERVICE_VALIDATE}?"
                               + urlencode({"service": rcam_service(), "ticket": ticket, "format": "JSON"})).json
    assert again["serviceResponse"]["authenticationFailure"]["code"] == "INVALID_TICKET"


@pytest.mark.parametrize("path", [rules.Paths.PROXY_VALIDATE, rules.Paths.LAX_VALIDATE, rules.Paths.STRICT_VALIDATE])
def test_aliases_answer_like_service_validate(visitor, account, path):
    root = validate(visitor, sms_ticket(visitor, account), rcam_service(), path)
    assert root.find(NS + "authenticationSuccess/" + NS + "user").text == account.uid


def test_a_ticket_is_single_use(visitor, account):
    ticket = sms_ticket(visitor, account)
    assert failure_code(validate(visitor, ticket, rcam_service())) is None
    again = validate(visitor, ticket, rcam_service())
    assert failure_code(again) == "INVALID_TICKET"
    assert f"ticket '{ticket}' not recognized" in again.find(NS + "authenticationFailure").text


def test_a_ticket_is_bound_to_its_service_and_used_up_by_a_wrong_attempt(visitor, account):
    ticket = sms_ticket(visitor, account)
    root = validate(visitor, ticket, OTHER_SERVICE)
    assert failure_code(root) == "INVALID_SERVICE"
    assert f"ticket '{ticket}' does not match supplied service" in root.find(NS + "authenticationFailure").text
    assert failure_code(validate(visitor, ticket, rcam_service())) == "INVALID_TICKET"


def test_forged_expired_and_incomplete_requests(visitor, site_world, account):
    forged = "ST-1-" + "A" * 32
    assert failure_code(validate(visitor, forged, rcam_service())) == "INVALID_TICKET"
    assert failure_code(validate(visitor, "PGT-whatever", rcam_service())) == "INVALID_TICKET"
    assert failure_code(validate(visitor, "", rcam_service())) == "INVALID_REQUEST"
    assert failure_code(validate(visitor, forged, "")) == "INVALID_REQUEST"
    ticket = sms_ticket(visitor, account)
    site_world.clock.advance(rules.TICKET_LIFETIME)
    assert failure_code(validate(visitor, ticket, rcam_service())) == "INVALID_TICKET"
    p3 = validate(visitor, forged, rcam_service(), rules.Paths.P3_SERVICE_VALIDATE)
    assert p3.tag == NS3 + "serviceResponse" and failure_code(p3, NS3) == "INVALID_TICKET"


# --- known services only
OUTSIDE = [
    "https://evil.example.org/RCAM/",
    "https://webgate.ec.europa.eu.evil.example.org/RCAM/",
    "https://webgate.ec.europa.eu@evil.example.org/RCAM/",
    "//evil.example.org/RCAM/",
    "http://webgate.ec.europa.eu/RCAM/",  # not the public scheme
    "https://webgate.ec.europa.eu/cas/myAccount",  # EU Login itself is not a service
    "https://webgate.ec.europa.eu/RCAM/../cas/logout",
    "https://webgate.ec.europa.eu/RCAM/%2e%2e/cas/",
    "https://webgate.ec.europa.eu/RCAMX/",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("service", OUTSIDE)
def test_unknown_services_are_refused_without_redirect(visitor, site_world, account, service):
    sso = site_world.open_sso(account.email, rules.STRENGTH_SMS, account.phones[0])  # even when signed in
    with visitor.client.session_transaction(PUBLIC + rules.Paths.LOGIN) as session:
        session["sso"] = sso.id
    response = visitor.get(login_url(service), follow=False)
    assert response.status_code == 403 and response.location is None
    assert text("service_refused", "en") in visitor.alerts()
    assert not site_world.tickets
    posted = visitor.client.post(login_url(service), data={"step": "whoami", "username": account.email})
    assert posted.status_code == 403 and posted.location is None
    logout = visitor.get(f"{PUBLIC}{rules.Paths.LOGOUT}?{urlencode({'service': service})}", follow=False)
    assert logout.status_code == 200 and logout.location is None


# --- single sign-on: reuse, strength, renew, lifetime, logout
def test_an_sso_session_gives_a_ticket_at_once(visitor, account):
    first = sms_ticket(visitor, account)
    response = visitor.get(login_url(OTHER_SERVICE, acceptStrengths=rules.STRENGTH_SMS), follow=False)
    assert response.status_code == 302 and response.location.startswith(OTHER_SERVICE + "?ticket=ST-")
    second = ticket_of(response.location)
    assert second != first
    success = validate(visitor, second, OTHER_SERVICE).find(NS + "authenticationSuccess")
    assert success.find(NS + "sso").text == "true"
    assert success.find(f"{NS}strengths/{NS}strength").text == rules.STRENGTH_SMS


def test_a_password_only_session_is_not_enough_where_sms_is_asked(visitor, site_world, account):
    identify(visitor, f"{PUBLIC}{rules.Paths.LOGIN}", account.email)  # stage 1: EU Login itself, password only
    visitor.submit({"step": "password", "password": PASSWORD})
    assert visitor.url == PUBLIC + rules.Paths.LOGIN and [s.strength for s in site_world.sso_sessions.values()] == [
        rules.STRENGTH_PASSWORD]
    # a service without acceptStrengths takes it as it is
    plain = visitor.get(login_url(OTHER_SERVICE), follow=False)
    assert plain.status_code == 302
    assert failure_code(validate(visitor, ticket_of(plain.location), OTHER_SERVICE,
                                 acceptStrengths=rules.STRENGTH_SMS)) == "INVALID_STRENGTH"
    # RCAM asks PASSWORD_SMS: sign in again, and Password alone is refused with a clear message
    asked = login_url(rcam_service(), acceptStrengths=rules.STRENGTH_SMS)
    response = visitor.get(asked, follow=False)
    assert response.status_code == 200 and 'id="whoamiForm"' in visitor.text
    identify(visitor, asked, account.email)
    refused = password_step(visitor, method=rules.STRENGTH_PASSWORD)
    assert refused.status_code == 400 and text("err_method_sms_required", "en") in visitor.alerts()
    ticket = sms_ticket(visitor, account, acceptStrengths=rules.STRENGTH_SMS)
    success = validate(visitor, ticket, rcam_service()).find(NS + "authenticationSuccess")
    assert success.find(f"{NS}strengths/{NS}strength").text == rules.STRENGTH_SMS
    assert [s.strength for s in site_world.sso_sessions.values()] == [rules.STRENGTH_SMS]  # the old session replaced


def test_renew_asks_to_sign_in_again_and_rejects_tickets_from_sso(visitor, account):
    sms_ticket(visitor, account)
    from_sso = ticket_of(visitor.get(login_url(rcam_service()), follow=False).location)
    assert failure_code(validate(visitor, from_sso, rcam_service(), renew="true")) == "INVALID_TICKET"
    response = visitor.get(login_url(rcam_service(), renew="true"), follow=False)
    assert response.status_code == 200 and 'id="whoamiForm"' in visitor.text
    fresh = sms_ticket(visitor, account, renew="true")
    assert failure_code(validate(visitor, fresh, rcam_service(), renew="true")) is None


def test_an_sso_session_ends_after_its_lifetime(visitor, site_world, account):
    sms_ticket(visitor, account)
    site_world.clock.advance(rules.SSO_LIFETIME)
    response = visitor.get(login_url(rcam_service()), follow=False)
    assert response.status_code == 200 and 'id="whoamiForm"' in visitor.text


def test_logout_ends_the_session_for_every_service(visitor, site_world, account):
    sms_ticket(visitor, account)
    response = visitor.get(f"{PUBLIC}{rules.Paths.LOGOUT}?{urlencode({'service': PUBLIC + rules.Paths.RCAM_HOME})}",
                           follow=False)
    assert response.status_code == 302 and response.location == PUBLIC + rules.Paths.RCAM_HOME
    assert not site_world.sso_sessions
    for service in (rcam_service(), OTHER_SERVICE):
        answer = visitor.get(login_url(service), follow=False)
        assert answer.status_code == 200 and 'id="whoamiForm"' in visitor.text
    bare = visitor.get(f"{PUBLIC}{rules.Paths.LOGOUT}?{urlencode({'url': OTHER_SERVICE})}", follow=False)
    assert bare.location == OTHER_SERVICE


def test_gateway_returns_without_ticket_when_nobody_is_signed_in(visitor):
    response = visitor.get(login_url(rcam_service(), gateway="true"), follow=False)
    assert response.status_code == 302 and response.location == rcam_service()


# --- cookies: one per site
def test_eulogin_and_rcam_keep_separate_cookies(visitor, site_world, account):
    site_world.seed_pensioner(site_world.new_identity())
    visitor.get(PUBLIC + rules.Paths.RCAM_LOGIN, follow=False)
    ticket_redirect = sign_in_for_service(visitor, account, visitor.response.location)
    visitor.open(ticket_redirect.location)
    assert visitor.url == PUBLIC + rules.Paths.RCAM_FIRST_ACCESS
    eulogin = visitor.cookie("EULOGIN_SESSION", "/cas")
    rcam = visitor.cookie("RCAM_SESSION", "/RCAM")
    assert eulogin is not None and rcam is not None and eulogin.value != rcam.value
    assert visitor.cookie("EULOGIN_SESSION", "/RCAM") is None and visitor.cookie("RCAM_SESSION", "/cas") is None
    assert eulogin.secure and eulogin.http_only and rcam.secure and rcam.http_only
    with visitor.client.session_transaction(PUBLIC + rules.Paths.RCAM_HOME) as rcam_session:
        assert "sso" not in rcam_session and rcam_session["user"]["uid"] == account.uid
    with visitor.client.session_transaction(PUBLIC + rules.Paths.LOGIN) as eulogin_session:
        assert "user" not in eulogin_session and eulogin_session["sso"] in site_world.sso_sessions


# --- a standard CAS client against a real running server
def issue_over_the_server(server, account) -> str:
    """Sign in through the running server's own app (same world), as a browser would, up to the ticket."""
    visitor = Visitor(server.app)
    return ticket_of(sign_in_for_service(visitor, account, login_url(rcam_service())).location)


@pytest.mark.parametrize("start", [start_tls, start_plain], ids=["tls", "plain"])
def test_python_cas_validates_a_ticket_of_the_mock(start):
    server = start()
    try:
        site_world = server.world
        identity = dataclasses.replace(site_world.new_identity(), first_name="Anne-Marie", last_name="D'Haese")
        account = site_world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,))
        public = server.public_url
        service = public + rules.Paths.RCAM_CALLBACK
        verify = str(server.ca_file) if server.ca_file else True
        client3 = CASClient(version=3, server_url=server.local_url + "/cas/", service_url=service,
                            verify_ssl_certificate=verify)
        ticket = issue_over_the_server(server, account) if public == PUBLIC else None
        if ticket is None:  # start_plain: the public URL is the server's own address
            sso = site_world.open_sso(account.email, rules.STRENGTH_SMS, identity.mobile)
            ticket = site_world.issue_ticket(sso, service, from_sso=False).id
        user, attributes, _ = client3.verify_ticket(ticket)
        assert user == account.uid
        assert attributes["email"] == account.email and attributes["lastName"] == "D'Haese"
        assert attributes["strength"] == rules.STRENGTH_SMS and attributes["mobilePhoneNumber"] == identity.mobile
        assert client3.verify_ticket(ticket)[0] is None  # single use
        # CAS 2.0 client on EU Login's own endpoint reads the user (EU Login's attributes are not under
        # cas:attributes, so a CAS 2 client sees none)
        sso = site_world.open_sso(account.email, rules.STRENGTH_SMS, identity.mobile)
        ticket2 = site_world.issue_ticket(sso, service, from_sso=True).id
        client2 = CASClient(version=2, server_url=server.local_url + "/cas/", service_url=service,
                            verify_ssl_certificate=verify)
        assert client2.verify_ticket(ticket2)[0] == account.uid
        assert client3.get_login_url().startswith(server.local_url + rules.Paths.LOGIN + "?service=")
    finally:
        server.stop()


# --- the back channel stays on loopback
@pytest.mark.parametrize("url", ["https://127.0.0.1:8443", "http://127.0.0.1:5000/", "https://127.8.9.10:1",
                                 "https://[::1]:8443"])
def test_back_channel_accepts_loopback_addresses(url):
    assert backchannel.loopback_url(url) == url.rstrip("/")


@pytest.mark.parametrize("url", ["https://webgate.ec.europa.eu", "https://ecas.ec.europa.eu/cas", "https://localhost:1",
                                 "https://10.0.0.1", "https://192.168.1.1:8443", "https://8.8.8.8",
                                 "ftp://127.0.0.1", "https://127.0.0.1.nip.io", "inprocess-but-not-quite"])
def test_back_channel_refuses_anything_else(url):
    with pytest.raises(backchannel.BackChannelRefused):
        backchannel.loopback_url(url)


@pytest.fixture
def resolutions(monkeypatch):
    """Every host name or address looked up or connected to in this process, with the thread that did it."""
    seen: list[tuple[str, str]] = []
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.create_connection

    def getaddrinfo(host, *args, **kwargs):
        seen.append((str(host), threading.current_thread().name))
        return real_getaddrinfo(host, *args, **kwargs)

    def create_connection(address, *args, **kwargs):
        seen.append((str(address[0]), threading.current_thread().name))
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    return seen


class LocalBrowser:
    """A browser over real HTTP(S) that reaches the guide's host at the server's loopback address, as
    Chromium's host mapping does, and never resolves the guide's host."""

    def __init__(self, server) -> None:
        self.server = server
        self.http = requests.Session()
        self.http.trust_env = False
        self.http.verify = str(server.ca_file) if server.ca_file else True
        self.response = None

    def local(self, url: str) -> str:
        parts = urlsplit(url)
        return self.server.local_url + parts.path + (f"?{parts.query}" if parts.query else "")

    def get(self, url: str):
        url = self.local(url)
        self.response = self.http.get(url, allow_redirects=False, timeout=10)
        while self.response.is_redirect:
            url = self.local(requests.compat.urljoin(url, self.response.headers["Location"]))
            self.response = self.http.get(url, allow_redirects=False, timeout=10)
        self.url = url
        return self.response

    def post(self, data: dict):
        page = self.response.text
        action = Page(page)
        form = next(e for e in action.elements if e.tag == "form")
        csrf = next(e for e in action.elements if e.attrs.get("name") == "csrf_token").attrs["value"]
        url = requests.compat.urljoin(self.url, form.attrs["action"])
        self.response = self.http.post(self.local(url), data={"csrf_token": csrf, **data}, allow_redirects=False,
                                       timeout=10)
        if self.response.is_redirect:
            return self.get(requests.compat.urljoin(url, self.response.headers["Location"]))
        self.url = self.local(url)
        return self.response


@pytest.mark.parametrize("start", [start_tls, start_plain], ids=["tls", "plain"])
def test_a_full_rcam_sign_in_never_leaves_loopback(resolutions, start):
    server = start()
    try:
        site_world = server.world
        identity = site_world.new_identity()
        account = site_world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,))
        site_world.seed_pensioner(identity)
        browser = LocalBrowser(server)
        browser.get(server.public_url + rules.Paths.RCAM_HOME)
        browser.get(server.public_url + rules.Paths.RCAM_LOGIN)
        assert "whoamiForm" in browser.response.text
        browser.post({"step": "whoami", "username": account.email})
        browser.post({"step": "password", "password": PASSWORD, "loginStrength": rules.STRENGTH_SMS,
                      "mobile": identity.mobile})
        code = latest_sms_code(site_world, identity.mobile)
        browser.post({"step": "challenge", "challenge": rules.SIGN_IN_CHALLENGE.split(code)})
        assert browser.url.endswith(rules.Paths.RCAM_FIRST_ACCESS), browser.response.text
        assert any(t.used for t in site_world.tickets.values())  # validated over the back channel
        hosts = {host for host, _ in resolutions}
        assert hosts == {"127.0.0.1"}, hosts
        assert any(thread != threading.main_thread().name for _, thread in resolutions), \
            "the back channel (a server thread) made no connection"
    finally:
        server.stop()


def test_a_back_channel_to_the_public_host_is_refused_before_any_lookup(resolutions):
    server = start_tls()
    try:
        server.app.config["BACKCHANNEL_URL"] = rules.GUIDE_PUBLIC_URL  # a wrong configuration
        site_world = server.world
        identity = site_world.new_identity()
        account = site_world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,))
        visitor = Visitor(server.app)
        visitor.get(PUBLIC + rules.Paths.RCAM_LOGIN, follow=False)
        ticket_redirect = sign_in_for_service(visitor, account, visitor.response.location)
        response = visitor.open(ticket_redirect.location)
        assert response.status_code == 502 and text("rcam_login_failed", "en") in visitor.alerts()
        assert not any(urlsplit(PUBLIC).hostname in host for host, _ in resolutions)
    finally:
        server.stop()
