"""Security keys on today's screens (2026): « Gérer mes clés de sécurité et plateformes de confiance » in My Account,
« Ajouter une clé de sécurité », then signing in to RCAM with « Clé de sécurité ou plateforme de confiance »; real
WebAuthn ceremonies with Chromium's virtual authenticator (``rehearse.authenticator``). On the guide's screens
(2020) none of it exists."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from mock_sites import profiles, rules
from mock_sites.eulogin import cas, keys
from mock_sites.labels import fr
from mock_sites.rules import Paths
from rehearse.authenticator import VirtualAuthenticator, add_virtual_authenticator

EU = rules.GUIDE_PUBLIC_URL
KEY_NAME = "Clé USB bleue"


@pytest.fixture
def authenticator(context: BrowserContext, page: Page) -> VirtualAuthenticator:
    plugged = add_virtual_authenticator(context, page)
    yield plugged
    plugged.remove()


@pytest.fixture
def person(world):
    identity = world.new_identity()
    world.seed_account(identity, password=rules.GUIDE_EXAMPLE_PASSWORD, language="fr")
    return identity


def signed_in(context: BrowserContext, world, mock_server, person) -> None:
    """A browser signed in to EU Login with the password, as after instruction 3."""
    sso = world.open_sso(person.email, rules.STRENGTH_PASSWORD)
    context.add_cookies([mock_server.session_cookie(Paths.CAS, {"sso": sso.id})])


def open_add_key(page: Page) -> None:
    page.goto(EU + Paths.MY_ACCOUNT)
    page.get_by_role("link", name=fr("manage_keys")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("keys_title"))
    expect(page.get_by_text(fr("keys_none"))).to_be_visible()
    page.get_by_role("link", name=fr("add_key_link")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("add_key_link"))


def add_key(page: Page, name: str = KEY_NAME) -> None:
    open_add_key(page)
    page.get_by_role("textbox", name=fr("key_name")).fill(name)
    page.get_by_role("button", name=fr("key_register")).click()
    expect(page.get_by_role("status")).to_have_text(fr("key_added", name=name))


def password_step_for_rcam(page: Page, person, method: str) -> None:
    """« Connecter » on RCAM's side (its login path), then the e-mail, the password and the method."""
    page.goto(EU + Paths.RCAM_LOGIN)
    page.get_by_role("textbox", name=fr("whoami_email")).fill(person.email)
    page.get_by_role("button", name=fr("next")).click()
    page.get_by_label(fr("password"), exact=True).fill(rules.GUIDE_EXAMPLE_PASSWORD)
    page.get_by_role("combobox", name=fr("auth_method")).select_option(label=fr(method))
    page.get_by_role("button", name=fr("sign_in")).click()


@pytest.mark.browser
@pytest.mark.screens("2026")
def test_add_a_key_in_my_account_then_sign_in_to_rcam_with_it(page: Page, context, world, mock_server, person,
                                                             authenticator):
    world.seed_pensioner(person)
    signed_in(context, world, mock_server, person)
    add_key(page)
    expect(page.get_by_role("list", name=fr("keys_title"))).to_contain_text(KEY_NAME)
    [held] = authenticator.credentials()
    assert held["rpId"] == keys.RP_ID
    account = world.account(person.email)
    assert [k.name for k in keys.keys_of(world, account)] == [KEY_NAME]

    password_step_for_rcam(page, person, "method_security_key")
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("key_sign_in_title"))
    page.get_by_role("button", name=fr("key_use")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("rcam_first_access_title"))
    expect(page).to_have_url(re.compile(re.escape(EU + Paths.RCAM_FIRST_ACCESS)))
    strengths = {s.strength for s in world.sso_sessions.values() if s.email == person.email and world.sso(s.id)}
    assert strengths == {profiles.STRENGTH_SECURITY_KEY}
    assert keys.keys_of(world, account)[0].last_used_at == world.now()


@pytest.mark.browser
@pytest.mark.screens("2026")
def test_a_cancelled_ceremony_says_so_and_keeps_the_name(page: Page, context, world, mock_server, person,
                                                        authenticator, monkeypatch):
    monkeypatch.setattr(keys, "TIMEOUT_MS", 1500)  # the page gives up on a key nobody touches after this
    signed_in(context, world, mock_server, person)
    open_add_key(page)
    authenticator.cancel_next()
    page.get_by_role("textbox", name=fr("key_name")).fill(KEY_NAME)
    page.get_by_role("button", name=fr("key_register")).click()
    expect(page.get_by_role("alert")).to_have_text(fr("key_cancelled"))
    expect(page.get_by_role("textbox", name=fr("key_name"))).to_have_value(KEY_NAME)
    assert keys.keys_of(world, world.account(person.email)) == [] and not authenticator.credentials()


@pytest.mark.browser
@pytest.mark.screens("2026")
def test_signing_in_with_a_key_without_one_says_so_on_the_sign_in_form(page: Page, world, person):
    password_step_for_rcam(page, person, "method_security_key")
    expect(page.get_by_role("alert")).to_have_text(fr("key_none"))
    expect(page.get_by_role("button", name=fr("sign_in"))).to_be_visible()
    assert not world.sso_sessions


@pytest.mark.browser
@pytest.mark.screens("2026")
def test_a_key_form_without_its_csrf_token_is_refused(page: Page, context, world, mock_server, person):
    signed_in(context, world, mock_server, person)
    page.goto(EU + Paths.ADD_KEY)
    # the browser posts the form as the page would, its token forged (page.request would bypass the host mapping)
    answer = page.evaluate("""async (body) => {
        const r = await fetch(location.pathname, {method: "POST", body: new URLSearchParams(body)});
        return {status: r.status, text: await r.text()};
    }""", {"key_name": KEY_NAME, "credential": "{}", "challenge_id": "x", "csrf_token": "forged"})
    assert answer["status"] == 400 and fr("err_csrf") in answer["text"]
    assert keys.keys_of(world, world.account(person.email)) == []


@pytest.mark.browser
@pytest.mark.screens("2020")
@pytest.mark.parametrize("path", [Paths.MANAGE_KEYS, Paths.ADD_KEY])
def test_on_the_guide_s_screens_there_are_no_key_pages(page: Page, context, world, mock_server, person, path):
    signed_in(context, world, mock_server, person)
    assert page.goto(EU + path).status == 404
    page.goto(EU + Paths.MY_ACCOUNT)
    expect(page.get_by_role("link", name=fr("manage_phones"))).to_be_visible()
    expect(page.get_by_role("link", name=fr("manage_keys"))).to_have_count(0)


def test_a_key_sign_in_names_its_method_in_the_cas_attributes(world, mock_server, person):
    sso = world.open_sso(person.email, profiles.STRENGTH_SECURITY_KEY)
    service = EU + Paths.RCAM_CALLBACK
    client = mock_server.app.test_client()
    for path, factor in ((Paths.SERVICE_VALIDATE, "<cas:securityKey>"), (Paths.P3_SERVICE_VALIDATE,
                                                                        "<cas:securityKey>")):
        ticket = world.issue_ticket(sso, service, from_sso=False)
        body = client.get(path, query_string={"service": service, "ticket": ticket.id},
                          base_url=EU).get_data(as_text=True)
        assert f"<cas:strength>{profiles.STRENGTH_SECURITY_KEY}</cas:strength>" in body, body
        assert factor + cas.SECURITY_KEY_FACTOR[1] in body, body


@pytest.mark.browser
@pytest.mark.screens("2026")
def test_a_cancelled_key_sign_in_says_so_and_opens_no_session(page: Page, context, world, mock_server, person,
                                                             authenticator, monkeypatch):
    monkeypatch.setattr(keys, "TIMEOUT_MS", 1500)
    signed_in(context, world, mock_server, person)
    add_key(page)
    password_step_for_rcam(page, person, "method_security_key")
    authenticator.cancel_next()
    page.get_by_role("button", name=fr("key_use")).click()
    expect(page.get_by_role("alert")).to_have_text(fr("key_cancelled"))
    expect(page.get_by_role("button", name=fr("key_use"))).to_be_enabled()  # a new challenge: try again
    assert all(s.strength == rules.STRENGTH_PASSWORD for s in world.sso_sessions.values())


# --------------------------------------------------------------------------- an address where browsers refuse keys
@pytest.mark.parametrize("public_url, usable", [("http://192.168.1.20:8000", False), ("http://localhost:8000", True),
                                                (rules.GUIDE_PUBLIC_URL, True)])
def test_on_a_plain_http_network_address_security_keys_are_shown_unavailable(public_url, usable):
    """WebAuthn needs a secure context: ``rehearse serve --host 0.0.0.0`` (plain HTTP on the LAN) cannot use keys,
    so the key screens say so instead of failing in the browser; localhost and HTTPS can."""
    from mock_sites import create_app
    from mock_sites.world import World
    from tests.site_client import french_visitor, identify, password_step

    world = World()
    host = public_url.split("//", 1)[1].split(":")[0]
    app = create_app(world, public_url=public_url, screens="2026", secure_cookies=public_url.startswith("https"),
                     allowed_hosts=(host,))
    visitor = french_visitor(app)
    identity = world.new_identity()
    world.seed_account(identity, password=rules.GUIDE_EXAMPLE_PASSWORD, language="fr")
    unavailable = fr("keys_need_secure_context")
    identify(visitor, public_url + Paths.LOGIN, identity.email)
    visitor.submit({"step": "password", "password": rules.GUIDE_EXAMPLE_PASSWORD})
    visitor.get(public_url + Paths.ADD_KEY)
    assert (unavailable in visitor.text) is not usable, visitor.text[:300]
    assert ("navigator.credentials.create" in visitor.text) is usable
    rcam = visitor.get(public_url + Paths.RCAM_LOGIN, follow=False).location
    visitor.get(public_url + Paths.LOGOUT)
    identify(visitor, rcam, identity.email)
    password_step(visitor, method=profiles.STRENGTH_SECURITY_KEY)
    assert (fr("unavailable_title") in visitor.text) is not usable, visitor.text[:300]
