"""The harness's own guards that ``test_eulogin_views.py`` and ``test_cli.py`` leave out: the CSRF token of
the forms of the sign-in for a service and of RCAM, the session cookies' flags on both sites (and on the TLS
server against the plain one), and ``rehearse serve`` on loopback by default."""

from __future__ import annotations

import pytest
import requests

from mock_sites import create_app, rules
from mock_sites.labels import fr
from mock_sites.rcam import seeded_session
from mock_sites.rcam import service as pmo
from mock_sites.server import start_plain, start_tls
from mock_sites.world import World
from rehearse import cli
from tests.site_client import (
    PASSWORD,
    PUBLIC,
    Visitor,
    french_visitor,
    identify,
    login_url,
    password_step,
    rcam_service,
)

P = rules.Paths


def visitor_with_account() -> tuple[Visitor, object, object]:
    world = World()
    visitor = french_visitor(create_app(world))
    identity = world.new_identity()
    account = world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,))
    return visitor, identity, account


def rcam_form(path: str, *, registered: bool):
    visitor, identity, account = visitor_with_account()
    world = visitor.world
    if registered:
        pmo.seed_registration(world, identity)
    else:
        world.seed_pensioner(identity)
    with visitor.client.session_transaction(PUBLIC + P.RCAM_HOME) as session:
        session.update(seeded_session(world, account))
    visitor.get(PUBLIC + path)
    return visitor


def form_service_password():
    visitor, _, account = visitor_with_account()
    identify(visitor, login_url(rcam_service(), acceptStrengths=rules.STRENGTH_SMS), account.email)
    return visitor, {"step": "password", "password": PASSWORD, "loginStrength": rules.STRENGTH_SMS,
                     "mobile": account.phones[0]}


def form_sign_in_challenge():
    visitor, _, account = visitor_with_account()
    identify(visitor, login_url(rcam_service(), acceptStrengths=rules.STRENGTH_SMS), account.email)
    password_step(visitor, mobile=account.phones[0])
    [challenge] = visitor.world.challenges.values()
    return visitor, {"step": "challenge", "challenge": rules.SIGN_IN_CHALLENGE.split(challenge.code)}


def form_first_access():
    visitor = rcam_form(P.RCAM_FIRST_ACCESS, registered=False)
    pensioner = next(iter(visitor.world.pensioners.values()))
    number = pensioner.pension_number
    return visitor, {"pension_number": number, "pension_number_confirm": number,
                     "birth_date": pensioner.birth_date.strftime(rules.BIRTH_DATE_FORMAT),
                     "last_name": pensioner.last_name, "first_name": pensioner.first_name}


def form_final_code():
    visitor = rcam_form(P.RCAM_FINAL_CODE, registered=True)
    registration = next(iter(visitor.world.registrations.values()))
    return visitor, {"final_code": rules.FINAL_CODE.split(registration.code.code)}


FORMS = [form_service_password, form_sign_in_challenge, form_first_access, form_final_code]


def other_sessions_token(visitor: Visitor) -> str:
    other = Visitor(visitor.app)
    other.get(PUBLIC + P.LOGIN)  # another browser: a token of another session
    token = other.csrf()
    assert token != visitor.csrf()
    return token


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.__name__.removeprefix("form_"))
@pytest.mark.parametrize("token", ["missing", "empty", "forged", "other-session"])
def test_csrf_token_missing_or_forged_is_refused_and_nothing_changes(form, token):
    visitor, data = form()
    sent = {"missing": None, "empty": "", "forged": "forged-" + "x" * 32}.get(token)
    if token == "other-session":
        sent = other_sessions_token(visitor)
    if sent is not None:
        data = {**data, "csrf_token": sent}
    before = visitor.world.snapshot()
    response = visitor.open(visitor.action(), method="POST", data=data, follow=False)
    assert response.status_code == 400
    assert fr("err_csrf") in visitor.alerts()
    assert visitor.world.snapshot() == before


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.__name__.removeprefix("form_"))
def test_the_same_forms_with_their_token_are_accepted(form):
    visitor, data = form()
    response = visitor.open(visitor.action(), method="POST", data={"csrf_token": visitor.csrf(), **data},
                            follow=False)
    assert response.status_code in (200, 302) and visitor.alerts() == []


# --------------------------------------------------------------------------- cookies
def attributes(header: str) -> set[str]:
    """The cookie's attributes, names in lower case (``path=/RCAM``, ``samesite=lax``, ``httponly``)."""
    found = set()
    for part in header.split(";")[1:]:
        name, _, value = part.strip().partition("=")
        found.add(f"{name.lower()}={value.lower() if name.lower() == 'samesite' else value}" if value else name.lower())
    return found


def session_cookie_headers(server, *, rcam: bool) -> list[str]:
    """The Set-Cookie headers of a real server for EU Login's screen, or RCAM's first access (signed in)."""
    verify = str(server.ca_file) if server.ca_file else True
    headers = {"Host": rules.EU_HOSTS[0]} if server.scheme == "https" else {}
    cookies = {}
    path = P.LOGIN
    if rcam:
        identity = server.world.new_identity()
        account = server.world.seed_account(identity, password=PASSWORD, phones=(identity.mobile,))
        server.world.seed_pensioner(identity)
        cookie = server.session_cookie(P.RCAM, seeded_session(server.world, account))
        cookies, path = {cookie["name"]: cookie["value"]}, P.RCAM_FIRST_ACCESS
    response = requests.get(server.local_url + path, headers=headers, cookies=cookies, verify=verify, timeout=10,
                            allow_redirects=False)
    assert response.status_code == 200, response.text[:300]
    return [h for h in response.raw.headers.getlist("Set-Cookie") if h.split("=")[0].endswith("_SESSION")]


@pytest.fixture(scope="module")
def servers():
    tls, plain = start_tls(World()), start_plain(World())
    yield {"tls": tls, "plain": plain}
    tls.stop()
    plain.stop()


@pytest.mark.parametrize(("rcam", "name", "path"),
                         [(False, "EULOGIN_SESSION", "/cas"), (True, "RCAM_SESSION", "/RCAM")], ids=["eulogin", "rcam"])
@pytest.mark.parametrize("kind", ["tls", "plain"])
def test_session_cookies_are_httponly_lax_per_site_and_secure_over_tls(servers, kind, rcam, name, path):
    [header] = session_cookie_headers(servers[kind], rcam=rcam)
    assert header.startswith(name + "=")
    flags = attributes(header)
    assert {"httponly", "samesite=lax", f"path={path}"} <= flags
    assert ("secure" in flags) is (kind == "tls")
    assert not any(flag.startswith("domain=") for flag in flags)  # host-only


# --------------------------------------------------------------------------- rehearse serve
def test_serve_listens_on_loopback_unless_told_otherwise(capsys, monkeypatch):
    args = cli.build_parser().parse_args(["serve", "--port", "0"])
    assert args.host == "127.0.0.1"
    server = cli.start_serve(args)
    try:
        assert server.server.socket.getsockname()[0] == "127.0.0.1"
    finally:
        server.stop()

    class Stopped(Exception):
        pass

    def describe(server, identity):  # stop right after the warning would have been printed
        raise Stopped

    monkeypatch.setattr(cli, "describe", describe)
    for argv in (["serve", "--port", "0"], ["serve", "--port", "0", "--host", "localhost"]):
        with pytest.raises(Stopped):
            cli.main(argv)
        assert "WARNING" not in capsys.readouterr().err
