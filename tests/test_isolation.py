"""The reused browser context (``rehearse.tabs``) keeps nothing of one test for the next.

Scenarios share one context and tab per process; these tests dirty it every way a scenario could and check that
the next test starts as in a new browser: no cookie, no storage, one blank tab, no route, the same viewport.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from mock_sites import rules
from mock_sites.server import MockServer
from mock_sites.world import World
from rehearse.tabs import Tabs

pytestmark = pytest.mark.browser


@pytest.fixture
def tabs_of_test(browser: Browser, browser_context_args: dict, world: World):
    kept = Tabs(browser, browser_context_args)
    yield kept
    kept.close()


def test_a_cleared_context_is_the_same_one_and_keeps_nothing(tabs_of_test: Tabs, mock_server: MockServer,
                                                            world: World, browser_context_args: dict):
    context, page = tabs_of_test.take()
    # dirty it: a signed-in session, storage on the site's origin, another tab, routes, a viewport, headers
    identity = world.new_identity()
    world.seed_account(identity, password=rules.GUIDE_EXAMPLE_PASSWORD)
    sso = world.open_sso(identity.email, rules.STRENGTH_PASSWORD)
    context.add_cookies([mock_server.session_cookie(rules.Paths.CAS, {"sso": sso.id})])
    page.goto(mock_server.public_url + rules.Paths.MY_ACCOUNT)
    page.evaluate("() => { localStorage.setItem('left', 'behind'); sessionStorage.setItem('left', 'behind'); }")
    context.new_page().goto(mock_server.public_url + rules.Paths.LOGIN)
    tabs_of_test.spare().goto(mock_server.public_url + rules.Paths.LOGIN)
    context.route("**/*", lambda route: route.abort())
    page.set_viewport_size({"width": 400, "height": 300})
    context.set_extra_http_headers({"x-left": "behind"})
    assert context.cookies()

    tabs_of_test.give_back()
    again, page_again = tabs_of_test.take()

    assert (again, page_again) == (context, page), "not reused: the context was made anew"
    assert tabs_of_test.contexts_made == 1
    assert again.cookies() == []
    assert again.storage_state()["origins"] == []
    assert [tab.url for tab in again.pages] == ["about:blank", "about:blank"]  # the tab and the spare tab
    assert page_again.viewport_size == browser_context_args["viewport"]
    page_again.goto(mock_server.public_url + rules.Paths.MY_ACCOUNT)  # no route left to abort it
    assert page_again.evaluate("() => [localStorage.length, sessionStorage.length]") == [0, 0]
    expect(page_again.get_by_role("heading", level=1)).not_to_have_text("Mon compte")  # signed out
    tabs_of_test.give_back()


def test_a_closed_context_is_made_again(tabs_of_test: Tabs):
    context, _ = tabs_of_test.take()
    context.close()  # « il ferme son navigateur »
    tabs_of_test.give_back()
    again, page = tabs_of_test.take()
    assert again is not context and not page.is_closed()
    assert tabs_of_test.contexts_made == 2
    tabs_of_test.give_back()


def test_the_harness_hands_each_test_a_blank_tab_without_cookies(page, context):
    assert page.url == "about:blank"
    assert context.cookies() == []
    context.add_cookies([{"name": "left", "value": "behind", "url": "https://webgate.ec.europa.eu/cas"}])


def test_the_next_test_does_not_see_that_cookie(page, context):
    assert page.url == "about:blank"
    assert context.cookies() == []
