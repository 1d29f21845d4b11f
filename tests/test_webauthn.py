"""Real WebAuthn ceremonies: Chromium's virtual authenticator (``rehearse.authenticator``) against the checks of
``mock_sites.eulogin.keys`` (py_webauthn).

The page is a small test-only Flask app, answered at https://webgate.ec.europa.eu/ by ``page.route`` from its test
client: the origin is the guide's EU Login host, a secure context for WebAuthn. The page runs
``navigator.credentials.create()`` / ``get()`` with the service's options and posts what the browser gave as JSON.
"""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask, jsonify, request
from playwright.sync_api import Browser, Page, Route
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from mock_sites.eulogin import keys
from mock_sites.world import Account, World
from rehearse.authenticator import VirtualAuthenticator, add_virtual_authenticator

BASE = keys.ORIGIN
ABORT_MS = 1500  # a cancelled ceremony: the page gives up waiting for a key nobody touches

# The screens' own ceremony (the key pages include it), less its Jinja comment.
CEREMONY = (Path(__file__).parents[1] / "mock_sites" / "templates" / "eulogin" / "_webauthn_ceremony.html").read_text(
    encoding="utf-8").split("#}", 1)[1]

PAGE = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Clé de sécurité</title></head>
<body><h1>Ajouter une clé de sécurité</h1><script>
""" + CEREMONY + """async function options(kind, who) {
  const answer = await fetch(`/test/keys/${kind}/options?who=${who}`);
  return await answer.json();
}
async function post(kind, who, payload, challengeId) {
  const answer = await fetch(`/test/keys/${kind}?who=${who}`, {method: "POST",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify({credential: JSON.stringify(payload), challenge_id: challengeId || ""})});
  return {status: answer.status, body: await answer.json()};
}
</script></body></html>"""


def make_app(world: World) -> Flask:
    """The test's site: the page, the options and the two answers, over ``keys`` (no screen of the mocks)."""
    app = Flask(__name__)

    def account() -> Account:
        return world.account(request.args["who"])

    def refused(error: keys.KeyCeremonyError):
        return jsonify(error=type(error).__name__, label=error.label, detail=str(error)), 400

    @app.get("/test/keys/")
    def page():
        return PAGE

    @app.get("/test/keys/register/options")
    def register_options():
        options, challenge_id = keys.registration_options(world, account(), keys.RP_ID, keys.RP_NAME)
        return jsonify(options=json.loads(options), challenge_id=challenge_id)

    @app.post("/test/keys/register")
    def register():
        body = request.get_json()
        try:
            key = keys.finish_registration(world, account(), body["credential"], request.origin, keys.RP_ID,
                                           body["challenge_id"])
        except keys.KeyCeremonyError as error:
            return refused(error)
        return jsonify(name=key.name, sign_count=key.sign_count)

    @app.get("/test/keys/sign_in/options")
    def sign_in_options():
        try:
            return jsonify(options=json.loads(keys.authentication_options(world, account(), keys.RP_ID)))
        except keys.KeyCeremonyError as error:
            return refused(error)

    @app.post("/test/keys/sign_in")
    def sign_in():
        try:
            key = keys.finish_authentication(world, account(), request.get_json()["credential"], request.origin,
                                             keys.RP_ID)
        except keys.KeyCeremonyError as error:
            return refused(error)
        return jsonify(name=key.name, sign_count=key.sign_count)

    return app


class Site:
    """The test app answered at the guide's EU Login host in ``page``, and what the page does there."""

    def __init__(self, page: Page, world: World) -> None:
        self.page, self.world = page, world
        client = make_app(world).test_client()

        def answer(route: Route) -> None:
            sent = route.request
            url = sent.url.removeprefix(BASE)
            headers = {k: v for k, v in sent.headers.items() if k.lower() in ("content-type", "origin")}
            reply = client.open(url, method=sent.method, data=sent.post_data_buffer, headers=headers,
                                base_url=BASE)
            route.fulfill(status=reply.status_code, headers={"Content-Type": reply.content_type}, body=reply.data)

        page.route(f"{BASE}/**", answer)
        page.goto(f"{BASE}/test/keys/")

    def options(self, kind: str, who: str) -> dict:
        return self.page.evaluate("([kind, who]) => options(kind, who)", [kind, who])

    def ceremony(self, kind: str, options: dict, abort_ms: int = 0) -> dict:
        browser_kind = "create" if kind == "register" else "get"
        return self.page.evaluate("([kind, opts, ms]) => ceremony(kind, opts, ms)", [browser_kind, options, abort_ms])

    def post(self, kind: str, who: str, payload: dict, challenge_id: str = "") -> dict:
        return self.page.evaluate("([kind, who, p, id]) => post(kind, who, p, id)", [kind, who, payload, challenge_id])

    def register(self, who: str) -> dict:
        got = self.options("register", who)
        return self.post("register", who, self.ceremony("register", got["options"]), got["challenge_id"])

    def sign_in(self, who: str) -> tuple[dict, dict]:
        """(the server's answer, the assertion posted)."""
        assertion = self.ceremony("sign_in", self.options("sign_in", who)["options"])
        return self.post("sign_in", who, assertion), assertion


@pytest.fixture
def world() -> World:
    """A world of the test's own (the harness's world fixture belongs to the mock server)."""
    return World()


@pytest.fixture
def people(world: World) -> tuple[Account, Account]:
    return tuple(world.seed_account(world.new_identity(), password="x") for _ in range(2))


@pytest.fixture
def key_page(browser: Browser):
    context = browser.new_context(ignore_https_errors=True, locale="fr-FR")
    page = context.new_page()
    yield context, page
    context.close()


@pytest.fixture
def site(key_page, world: World) -> Site:
    return Site(key_page[1], world)


@pytest.fixture
def authenticator(key_page, site: Site) -> VirtualAuthenticator:
    plugged = add_virtual_authenticator(*key_page)
    yield plugged
    plugged.remove()


def refused(answer: dict, error: type[keys.KeyCeremonyError]) -> bool:
    return answer["status"] == 400 and answer["body"]["error"] == error.__name__ \
        and answer["body"]["label"] == error.label


@pytest.mark.browser
def test_register_then_sign_in_and_the_counter_grows(site: Site, authenticator, people, world: World):
    anne, _ = people
    added = site.register(anne.email)
    assert added["status"] == 200, added
    [held] = authenticator.credentials()
    assert held["rpId"] == keys.RP_ID and held["isResidentCredential"]
    [stored] = keys.keys_of(world, anne)
    assert stored.name == "n° 1" and stored.credential_id == base64url_to_bytes(held["credentialId"])
    counts = [stored.sign_count]
    for _ in range(2):
        answer, _ = site.sign_in(anne.email)
        assert answer["status"] == 200, answer
        counts.append(answer["body"]["sign_count"])
    assert counts[0] < counts[1] < counts[2] == authenticator.credentials()[0]["signCount"]
    assert keys.keys_of(world, anne)[0].last_used_at == world.now()
    assert not keys.ring(world, anne).pending  # every challenge was used up


@pytest.mark.browser
def test_a_replayed_assertion_is_refused(site: Site, authenticator, people):
    anne, _ = people
    site.register(anne.email)
    answer, assertion = site.sign_in(anne.email)
    assert answer["status"] == 200
    assert refused(site.post("sign_in", anne.email, assertion), keys.CeremonyReplayed)


@pytest.mark.browser
def test_a_challenge_answered_twice_is_refused(site: Site, authenticator, people):
    anne, _ = people
    site.register(anne.email)
    options = site.options("sign_in", anne.email)["options"]
    first, second = site.ceremony("sign_in", options), site.ceremony("sign_in", options)
    assert first["response"]["signature"] != second["response"]["signature"]
    assert site.post("sign_in", anne.email, first)["status"] == 200
    assert refused(site.post("sign_in", anne.email, second), keys.CeremonyReplayed)


@pytest.mark.browser
def test_a_registration_challenge_is_single_use(site: Site, authenticator, people, world: World):
    anne, _ = people
    got = site.options("register", anne.email)
    created = site.ceremony("register", got["options"])
    assert site.post("register", anne.email, created, got["challenge_id"])["status"] == 200
    assert refused(site.post("register", anne.email, created, got["challenge_id"]), keys.CeremonyReplayed)
    assert len(keys.keys_of(world, anne)) == 1


@pytest.mark.browser
def test_a_lapsed_challenge_is_refused(site: Site, authenticator, people, world: World):
    anne, _ = people
    site.register(anne.email)
    assertion = site.ceremony("sign_in", site.options("sign_in", anne.email)["options"])
    world.clock.advance(keys.CEREMONY_LIFETIME + timedelta(seconds=1))
    assert refused(site.post("sign_in", anne.email, assertion), keys.CeremonyExpired)


@pytest.mark.browser
def test_a_key_that_nobody_touches_cancels_the_ceremony(site: Site, authenticator, people, world: World):
    anne, _ = people
    got = site.options("register", anne.email)
    authenticator.cancel_next()
    given = site.ceremony("register", got["options"], ABORT_MS)
    assert given["error"] in ("NotAllowedError", "AbortError", "TimeoutError"), given
    assert refused(site.post("register", anne.email, given, got["challenge_id"]), keys.CeremonyCancelled)
    assert not keys.ring(world, anne).pending and not authenticator.credentials()


@pytest.mark.browser
def test_a_refused_user_verification_cancels_the_sign_in(site: Site, authenticator, people):
    anne, _ = people
    site.register(anne.email)
    authenticator.set_user_verified(False)
    given = site.ceremony("sign_in", site.options("sign_in", anne.email)["options"], ABORT_MS)
    assert given["error"] in ("NotAllowedError", "AbortError", "TimeoutError"), given
    assert refused(site.post("sign_in", anne.email, given), keys.CeremonyCancelled)


@pytest.mark.browser
def test_without_a_key_in_the_browser_the_ceremony_is_cancelled(key_page, site: Site, people):
    anne, _ = people
    plugged = add_virtual_authenticator(*key_page)  # WebAuthn.enable: a browser without a real key either
    plugged.session.send("WebAuthn.removeVirtualAuthenticator", {"authenticatorId": plugged.authenticator_id})
    got = site.options("register", anne.email)
    given = site.ceremony("register", got["options"], ABORT_MS)
    assert "error" in given, given
    assert refused(site.post("register", anne.email, given, got["challenge_id"]), keys.CeremonyCancelled)
    plugged.session.detach()


@pytest.mark.browser
def test_an_assertion_from_another_accounts_key_is_refused(site: Site, authenticator, people, world: World):
    anne, bruno = people
    assert site.register(anne.email)["status"] == 200
    assert site.register(bruno.email)["status"] == 200
    [brunos] = keys.keys_of(world, bruno)
    options = site.options("sign_in", anne.email)["options"]
    options["allowCredentials"] = [{"type": "public-key", "id": bytes_to_base64url(brunos.credential_id)}]
    assertion = site.ceremony("sign_in", options)
    assert assertion["rawId"] == bytes_to_base64url(brunos.credential_id)
    assert refused(site.post("sign_in", anne.email, assertion), keys.UnknownKey)


@pytest.mark.browser
def test_a_counter_that_does_not_grow_is_refused(site: Site, authenticator, people, world: World):
    """A cloned key: the server has seen a higher count than the key now gives."""
    anne, _ = people
    site.register(anne.email)
    keys.keys_of(world, anne)[0].sign_count = 1000
    answer, _ = site.sign_in(anne.email)
    assert refused(answer, keys.CeremonyReplayed)


@pytest.mark.browser
def test_another_origin_is_refused(site: Site, authenticator, people, world: World):
    anne, _ = people
    got = site.options("register", anne.email)
    created = site.ceremony("register", got["options"])
    with pytest.raises(keys.CeremonyFailed):
        keys.finish_registration(world, anne, json.dumps(created), "https://ecas.ec.europa.eu", keys.RP_ID,
                                 got["challenge_id"])


def test_an_account_without_a_key_cannot_ask_to_sign_in_with_one(world: World, people):
    before = world.snapshot()
    with pytest.raises(keys.NoKey):
        keys.authentication_options(world, people[0], keys.RP_ID)
    with pytest.raises(keys.CeremonyReplayed):  # no challenge was ever given to this account
        keys.finish_registration(world, people[0], "{}", keys.ORIGIN, keys.RP_ID, "nothing")
    assert world.snapshot() == before and keys.keys_of(world, people[0]) == []


def test_malformed_answers_are_failures(world: World, people):
    anne = people[0]
    _, challenge_id = keys.registration_options(world, anne, keys.RP_ID, keys.RP_NAME)
    for junk in ("", "[]", "{}", '{"id": "x"}'):
        with pytest.raises(keys.CeremonyFailed):
            keys.finish_authentication(world, anne, junk, keys.ORIGIN, keys.RP_ID)
    with pytest.raises(keys.CeremonyFailed):
        keys.finish_registration(world, anne, "{}", keys.ORIGIN, keys.RP_ID, challenge_id)


def test_keys_and_challenges_live_in_the_world(world: World, people):
    """Reset with the world, and carried by its saved state (the follower's snapshots)."""
    anne = people[0]
    _, challenge_id = keys.registration_options(world, anne, keys.RP_ID, keys.RP_NAME)
    saved = world.export_state()
    other = World()
    other.import_state(saved)
    assert challenge_id in keys.ring(other, other.account(anne.email)).pending
    world.reset()
    assert world.security_keys == {}


def test_every_ceremony_error_has_its_message_in_both_languages():
    from mock_sites import labels
    from mock_sites.eulogin import keys

    errors = [cls for cls in vars(keys).values() if isinstance(cls, type) and issubclass(cls, keys.KeyCeremonyError)]
    assert len(errors) >= 7
    for error in errors:
        assert set(labels.TEXTS[error.label]) >= {"fr", "en"}, error.label
