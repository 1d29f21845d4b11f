"""What probing ``rehearse serve`` found, each defect pinned by a test: real HTTP against ``start_plain`` (what
``rehearse serve`` runs) and ``start_tls`` (the harness's server) where the defect is at the HTTP level, Flask's
test client where the screens are enough.

1. Only the hosts the server is meant for are answered (DNS rebinding): a refused host gets a short 400 page.
2. A malformed chunked body gets a 400 with the site's own page and message, not « the form has expired ».
3. An e-mail address with a ``/`` (its mailbox could never be opened) is refused at registration.
4. Raw invalid UTF-8 in a form body gets a message about the encoding, not « the form has expired ».
5. Bodies have a size limit: 413 with the site's own page; a too-long value is not echoed back whole.
6. Wrong passwords are throttled: after ``rules.PASSWORD_MAX_WRONG`` in a row, sign-in waits ``rules.PASSWORD_LOCK``.
"""

from __future__ import annotations

import http.client
import socket
import ssl
from urllib.parse import urlencode

import pytest

from mock_sites import create_app, labels, notify, rules
from mock_sites.labels import fr
from mock_sites.rules import Paths
from mock_sites.server import MockServer, start_plain, start_tls
from mock_sites.world import World
from tests.helpers import PASSWORD, Client, alerts, form_values, heading, parse, registration, snapshot
from tests.site_client import Page, french_visitor, identify, login_url, password_step, rcam_service

ADDRESS = "jean.dupont@example.org"
FORM = "application/x-www-form-urlencoded"
BAD_CHUNKED = b"ZZ\r\nxx\r\n0\r\n\r\n"
POSTED_PATHS = [Paths.LOGIN, Paths.REGISTER, Paths.PASSWORD_RESET]
FIVE_MB = 5 * 1024 * 1024


# --------------------------------------------------------------------------- servers and requests
@pytest.fixture(scope="module")
def probed_plain() -> MockServer:
    """``rehearse serve``'s server, on loopback, with one e-mail (and its password link) in the mailbox."""
    server = start_plain(World(seed=11))
    account = server.world.create_account("Jean", "Dupont", ADDRESS, "fr")
    notify.send_password_link(server.world, account, server.public_url)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def probed_tls() -> MockServer:
    server = start_tls(World(seed=12))
    yield server
    server.stop()


def _connection(server: MockServer, address: str = "127.0.0.1") -> http.client.HTTPConnection:
    if server.scheme == "https":
        context = ssl.create_default_context(cafile=str(server.ca_file))
        context.check_hostname = False
        return http.client.HTTPSConnection(address, server.port, context=context, timeout=20)
    return http.client.HTTPConnection(address, server.port, timeout=20)


def fetch(server: MockServer, method: str, path: str, *, host: str | None = None, body: bytes | None = None,
          headers: dict | None = None, address: str = "127.0.0.1", chunked: bool = False) -> tuple[int, dict, str]:
    """``(status, headers, text)`` of one request over a real connection; ``host`` is the Host header sent,
    ``chunked`` encodes ``body`` in chunks (else a ``Transfer-Encoding`` header sends it as it is)."""
    connection = _connection(server, address)
    sent = {"Host": host or f"{address}:{server.port}", "Accept-Language": "fr", "Connection": "close",
            **(headers or {})}
    try:
        connection.request(method, path, body=body, headers=sent, encode_chunked=chunked)
        response = connection.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data.decode("utf-8", "replace")
    finally:
        connection.close()


def both_languages(key: str, **fields) -> list[str]:
    return [labels.text(key, lang, **fields) for lang in labels.LANGUAGES]


def eulogin_page(text: str, lang: str = "fr") -> bool:
    """Whether ``text`` is a page of the EU Login mock (its base template) in ``lang``."""
    page = parse(text)
    return (page.find_all("html")[0].attrs.get("lang") == lang
            and [n.text() for n in page.find_all("span", class_="brand")] == [labels.text("site_name", lang)])


def own_lan_address() -> str | None:
    """The address this machine goes out on (a UDP ``connect`` sends nothing), or None off any network."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") or address == "0.0.0.0" else address


# --------------------------------------------------------------------------- 1. hosts (DNS rebinding)
@pytest.mark.parametrize("path", [f"{Paths.MAILBOX}/", f"{Paths.MAILBOX}/{ADDRESS}/messages.json", Paths.LOGIN])
@pytest.mark.parametrize("host", ["evil.example", "evil.example:8080", "127.0.0.1.evil.example", "localhost.evil"])
def test_serve_refuses_a_foreign_host(probed_plain, host, path):
    status, headers, text = fetch(probed_plain, "GET", path, host=host)
    assert status == 400, status
    assert headers["content-type"].startswith("text/html")
    assert all(message in text for message in both_languages("err_unknown_host")), text
    [token] = probed_plain.world.password_links
    assert ADDRESS not in text and token not in text


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]", "localhost."])
def test_serve_answers_its_loopback_names_with_any_port(probed_plain, host):
    for named in (host, f"{host}:{probed_plain.port}", f"{host}:80"):
        status, _, text = fetch(probed_plain, "GET", f"{Paths.MAILBOX}/{ADDRESS}/messages.json", host=named)
        [token] = probed_plain.world.password_links
        assert status == 200 and token in text, (named, status)


def test_serve_on_a_lan_address_answers_it_and_refuses_other_hosts():
    address = own_lan_address()
    if address is None:
        pytest.skip("no network address on this machine")
    server = start_plain(World(seed=13), host=address)
    try:
        assert fetch(server, "GET", Paths.LOGIN, address=address)[0] == 200
        assert fetch(server, "GET", Paths.LOGIN, address=address, host="localhost")[0] == 200
        assert fetch(server, "GET", Paths.LOGIN, address=address, host="evil.example")[0] == 400
    finally:
        server.stop()


def test_serve_on_every_address_answers_the_machines_own_addresses():
    address = own_lan_address()
    if address is None:
        pytest.skip("no network address on this machine")
    server = start_plain(World(seed=14), host="0.0.0.0")
    try:
        assert fetch(server, "GET", Paths.LOGIN, host=f"{address}:{server.port}")[0] == 200
        assert fetch(server, "GET", Paths.LOGIN, address=address)[0] == 200
        assert fetch(server, "GET", Paths.LOGIN, host="127.0.0.1")[0] == 200
        assert fetch(server, "GET", Paths.LOGIN, host="evil.example")[0] == 400
    finally:
        server.stop()


@pytest.mark.parametrize("host", [*rules.EU_HOSTS, *rules.DEVICE_HOSTS, "127.0.0.1", "localhost"])
def test_the_harness_answers_the_guides_hosts_and_the_test_hosts(probed_tls, host):
    status, _, _ = fetch(probed_tls, "GET", Paths.LOGIN if host not in rules.DEVICE_HOSTS else "/", host=host)
    assert status == 200, (host, status)


def test_the_harness_refuses_other_hosts_with_the_short_page(probed_tls):
    status, _, text = fetch(probed_tls, "GET", Paths.LOGIN, host="evil.example")
    assert status == 400
    assert all(message in text for message in both_languages("err_unknown_host"))


# --------------------------------------------------------------------------- 2. malformed chunked body
@pytest.mark.parametrize("lang", labels.LANGUAGES)
@pytest.mark.parametrize("path", POSTED_PATHS)
def test_a_malformed_chunked_body_gets_the_sites_page_and_message(probed_plain, path, lang):
    before = probed_plain.world.snapshot()
    status, _, text = fetch(probed_plain, "POST", path, body=BAD_CHUNKED,
                            headers={"Transfer-Encoding": "chunked", "Content-Type": FORM, "Accept-Language": lang})
    assert status == 400, status
    assert alerts(text) == [labels.text("err_body_malformed", lang)], alerts(text)
    assert eulogin_page(text, lang)
    assert probed_plain.world.snapshot() == before


# --------------------------------------------------------------------------- 3. an e-mail address with "/"
@pytest.mark.parametrize("lang", labels.LANGUAGES)
def test_an_email_with_a_slash_is_refused_at_registration(lang):
    client = Client(lang=lang)
    person = client.world.new_identity()
    client.get(Paths.REGISTER)
    before = snapshot(client.world)
    response = client.post(Paths.REGISTER, registration(client, person, email="a/b@example.org",
                                                        email_confirm="a/b@example.org"))
    assert response.status_code == 400, response.status_code
    message = labels.text("err_email_slash", lang)
    assert alerts(client.html) == [message]
    assert parse(client.html).find_all(id="email-error")[0].text() == message
    assert form_values(client.html)["email"] == "a/b@example.org"  # kept, to be corrected
    assert snapshot(client.world) == before


def test_an_email_with_a_slash_is_refused_by_the_password_reset_too():
    client = Client()
    client.get(Paths.PASSWORD_RESET)
    response = client.post(Paths.PASSWORD_RESET, {"email": "a/b@example.org"})
    assert response.status_code == 400 and alerts(client.html) == [fr("err_email_slash")]


# --------------------------------------------------------------------------- 4. raw invalid UTF-8
@pytest.mark.parametrize("lang", labels.LANGUAGES)
@pytest.mark.parametrize("path", POSTED_PATHS)
def test_raw_invalid_utf8_gets_a_message_about_the_encoding(probed_plain, path, lang):
    before = probed_plain.world.snapshot()
    status, _, text = fetch(probed_plain, "POST", path, body=b"step=whoami&username=\xff\xfe&email=\xff",
                            headers={"Content-Type": FORM, "Accept-Language": lang})
    assert status == 400, status
    assert alerts(text) == [labels.text("err_body_encoding", lang)], alerts(text)
    assert eulogin_page(text, lang)
    assert probed_plain.world.snapshot() == before


def test_percent_encoded_bytes_that_are_not_utf8_still_reach_the_validators():
    client = Client()
    client.get(Paths.LOGIN)
    body = f"csrf_token={client.csrf}&step=whoami&username=%FF%FE".encode()
    response = client.open("POST", Paths.LOGIN, data=body, content_type=FORM)
    assert response.status_code == 400 and alerts(client.html) == [fr("err_email_format")]
    assert form_values(client.html)["username"] == "%FF%FE"


# --------------------------------------------------------------------------- 5. body size
def test_five_megabytes_on_a_valid_form_create_nothing(probed_plain):
    """Real HTTP: a registration valid but for a 5 MB field is refused whole, before any view sees it."""
    body = urlencode({"first_name": "Jean", "last_name": "Dupont", "email": ADDRESS, "email_confirm": ADDRESS,
                      "privacy": "on", "extra": "x" * FIVE_MB}).encode()
    before = probed_plain.world.snapshot()
    status, headers, text = fetch(probed_plain, "POST", Paths.REGISTER, body=body, headers={"Content-Type": FORM})
    assert status == 413, status
    assert alerts(text) == [fr("err_body_too_large", kilobytes=rules.MAX_BODY_BYTES // 1024)]
    assert eulogin_page(text) and len(text) < 20_000
    assert probed_plain.world.snapshot() == before


def test_five_megabytes_chunked_are_refused_too(probed_plain):
    status, _, text = fetch(probed_plain, "POST", Paths.LOGIN, body=b"username=" + b"x" * FIVE_MB,
                            headers={"Content-Type": FORM, "Transfer-Encoding": "chunked"}, chunked=True)
    assert status == 413, status
    assert alerts(text) == [fr("err_body_too_large", kilobytes=rules.MAX_BODY_BYTES // 1024)]


@pytest.mark.parametrize("lang", labels.LANGUAGES)
def test_a_valid_registration_with_a_five_megabyte_field_is_refused_with_the_sites_page(lang):
    client = Client(lang=lang)
    person = client.world.new_identity()
    client.get(Paths.REGISTER)
    before = snapshot(client.world)
    response = client.post(Paths.REGISTER, registration(client, person, extra="x" * FIVE_MB))
    assert response.status_code == 413, response.status_code
    assert alerts(client.html) == [labels.text("err_body_too_large", lang, kilobytes=rules.MAX_BODY_BYTES // 1024)]
    assert eulogin_page(client.html, lang)
    assert client.world.account(person.email) is None and snapshot(client.world) == before


def test_a_multipart_body_over_the_limit_gets_the_sites_page_not_werkzeugs():
    client = Client()
    client.get(Paths.REGISTER)
    response = client.post(Paths.REGISTER, {"last_name": "x" * (rules.MAX_BODY_BYTES + 1)},
                           content_type="multipart/form-data")
    assert response.status_code == 413, response.status_code
    assert alerts(client.html) == [fr("err_body_too_large", kilobytes=rules.MAX_BODY_BYTES // 1024)]
    assert eulogin_page(client.html)


def test_a_multipart_field_over_werkzeugs_own_limit_but_under_ours_reaches_the_validators():
    client = Client()
    client.get(Paths.REGISTER)
    response = client.post(Paths.REGISTER, {"last_name": "x" * 600_000}, content_type="multipart/form-data")
    assert response.status_code == 400, response.status_code
    assert fr("err_too_long", length=600_000) in alerts(client.html)


@pytest.mark.parametrize("lang", labels.LANGUAGES)
def test_a_too_long_value_is_not_echoed_back_whole(lang):
    client = Client(lang=lang)
    person = client.world.new_identity()
    client.get(Paths.REGISTER)
    typed = "Dupont" * 1000
    response = client.post(Paths.REGISTER, registration(client, person, last_name=typed))
    assert response.status_code == 400
    message = labels.text("err_too_long", lang, length=len(typed))
    assert parse(client.html).find_all(id="last_name-error")[0].text() == message
    assert form_values(client.html)["last_name"] == "" and typed not in client.html
    assert form_values(client.html)["first_name"] == person.first_name  # the rest is kept


def test_a_value_at_the_echo_limit_is_still_shown_back():
    client = Client()
    client.get(Paths.LOGIN)
    typed = "x" * rules.ECHO_MAX_LENGTH
    client.post(Paths.LOGIN, {"step": "whoami", "username": typed})
    assert form_values(client.html)["username"] == typed and alerts(client.html) == [fr("err_email_format")]


# --------------------------------------------------------------------------- 6. wrong passwords
def at_the_password_screen(client: Client) -> str:
    person = client.world.new_identity()
    client.world.seed_account(person, password=PASSWORD)
    client.get(Paths.LOGIN)
    client.post(Paths.LOGIN, {"step": "whoami", "username": person.email})
    return person.email


def test_thirty_wrong_passwords_then_the_right_one_does_not_sign_in():
    client = Client()
    at_the_password_screen(client)
    for _ in range(30):
        client.post(Paths.LOGIN, {"step": "password", "password": "Wrong-123456"})
    response = client.post(Paths.LOGIN, {"step": "password", "password": PASSWORD})
    assert response.status_code == 429, response.status_code
    assert not client.world.sso_sessions


@pytest.mark.parametrize("lang", labels.LANGUAGES)
def test_the_lock_names_the_wait_and_lifts_on_the_worlds_clock(lang):
    client = Client(lang=lang)
    email = at_the_password_screen(client)
    minutes = int(rules.PASSWORD_LOCK.total_seconds() // 60)
    for _ in range(rules.PASSWORD_MAX_WRONG - 1):
        assert client.post(Paths.LOGIN, {"step": "password", "password": "Wrong-123456"}).status_code == 400
        assert alerts(client.html) == [labels.text("err_password_wrong", lang)]
    assert client.post(Paths.LOGIN, {"step": "password", "password": "Wrong-123456"}).status_code == 429
    locked = labels.text("err_password_locked", lang, minutes=minutes)
    assert alerts(client.html) == [locked]
    assert parse(client.html).find_all(id="password-error")[0].text() == locked
    before = snapshot(client.world)
    client.world.clock.advance(rules.PASSWORD_LOCK / 3)
    assert client.post(Paths.LOGIN, {"step": "password", "password": PASSWORD}).status_code == 429
    assert alerts(client.html) == [labels.text("err_password_locked", lang, minutes=minutes - minutes // 3)]
    assert snapshot(client.world) == before and not client.world.sso_sessions  # waiting counts nothing
    client.world.clock.advance(rules.PASSWORD_LOCK)
    assert client.post(Paths.LOGIN, {"step": "password", "password": PASSWORD}).status_code == 302
    assert len(client.world.sso_sessions) == 1 and ("password", email) not in client.world.failed_attempts


def test_wrong_passwords_below_the_limit_then_the_right_one_sign_in_and_start_again_from_none():
    client = Client()
    email = at_the_password_screen(client)
    for _ in range(rules.PASSWORD_MAX_WRONG - 1):
        client.post(Paths.LOGIN, {"step": "password", "password": "Wrong-123456"})
    assert client.world.failed_attempts == {("password", email): rules.PASSWORD_MAX_WRONG - 1}
    assert client.post(Paths.LOGIN, {"step": "password", "password": PASSWORD}).status_code == 302
    assert client.world.failed_attempts == {}


def test_the_sign_in_for_rcam_is_throttled_too():
    world = World()
    visitor = french_visitor(create_app(world))
    identity = world.new_identity()
    account = world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,), language="fr")
    identify(visitor, login_url(rcam_service(), acceptStrengths=rules.STRENGTH_SMS), account.email)
    for _ in range(30):
        password_step(visitor, mobile=identity.mobile, password="Wrong-123456")
    response = password_step(visitor, mobile=identity.mobile)
    assert response.status_code == 429, response.status_code
    minutes = int(rules.PASSWORD_LOCK.total_seconds() // 60)
    assert visitor.alerts() == [fr("err_password_locked", minutes=minutes)]
    assert Page(visitor.text).value_of("mobile") == identity.mobile  # the typed number is kept
    assert not world.sso_sessions and not world.inbox("sms", identity.mobile)  # no code sent while locked
    world.clock.advance(rules.PASSWORD_LOCK)
    assert password_step(visitor, mobile=identity.mobile).status_code == 200  # the challenge screen
    assert heading(visitor.text) == fr("sign_in_challenge_title")


def test_the_guides_flow_is_far_from_the_limit():
    """The scenarios type at most one wrong password before the right one: the throttle leaves room for more."""
    assert rules.PASSWORD_MAX_WRONG >= 3


class _NeverEnding:
    """A chunked body whose next chunk never comes (a client that says « chunked » and sends a plain body): the
    server's read times out, as cheroot's does after its timeout (it was a 500)."""

    def read(self, size: int = -1) -> bytes:
        raise TimeoutError("timed out")

    readline = read


def test_a_chunked_body_that_never_ends_gets_the_malformed_message_not_a_server_error():
    client = Client(lang="en")
    response = client.open("POST", Paths.LOGIN, data=b"", content_type=FORM, headers={"Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input": _NeverEnding(), "wsgi.input_terminated": True})
    assert response.status_code == 400, response.status_code
    assert alerts(client.html) == [labels.text("err_body_malformed", "en")] and eulogin_page(client.html, "en")
