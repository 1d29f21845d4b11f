"""The report's picture after each step is taken again only when the step changed what the page shows.

A step that changes nothing on the screen (« le monde est inchangé ») shows the previous step's picture: the
report keeps a screenshot after every step, at a third of the cost.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from playwright.sync_api import Page

from mock_sites import rules
from mock_sites.labels import fr
from mock_sites.server import MockServer
from rehearse.report import SHOWN, Recorder, ScenarioRecord

pytestmark = pytest.mark.browser


@pytest.fixture
def recorder(tmp_path, pytestconfig) -> Recorder:
    from rehearse.guide import BUNDLED_GUIDE, load_guide

    return Recorder(pytestconfig, tmp_path, load_guide(BUNDLED_GUIDE), worker="test")


def shot(recorder: Recorder, page: Page, record: ScenarioRecord, index: int) -> str:
    request = SimpleNamespace(fixturenames=["page"], getfixturevalue=lambda name: page)
    return recorder._shot(request, record, index)


def test_what_the_page_shows_changes_with_typing_scrolling_and_navigation_only(page: Page, mock_server: MockServer):
    page.goto(mock_server.public_url + rules.Paths.LOGIN)
    settled = page.evaluate(SHOWN)
    assert page.evaluate(SHOWN) == settled, "reading twice is no change"
    page.get_by_label(fr("whoami_email"), exact=True).fill("a@example.org")
    typed = page.evaluate(SHOWN)
    assert typed != settled
    page.mouse.wheel(0, 400)
    page.goto(mock_server.public_url + rules.Paths.LOGIN)
    assert page.evaluate(SHOWN).split(":")[0] != typed.split(":")[0], "a new document is a new screen"


def test_a_step_that_changes_nothing_reuses_the_last_picture(page: Page, mock_server: MockServer, recorder: Recorder):
    record = ScenarioRecord("tests/x.py::test_x", "feature", "scenario", [])
    page.goto(mock_server.public_url + rules.Paths.LOGIN)
    one = shot(recorder, page, record, 1)
    two = shot(recorder, page, record, 2)  # nothing happened on the page in between
    assert two == one and recorder.screenshots_taken == 1
    page.get_by_label(fr("whoami_email"), exact=True).fill("a@example.org")
    three = shot(recorder, page, record, 3)
    assert three != one and recorder.screenshots_taken == 2
    assert (recorder.dir / three).stat().st_size > 0
    page.get_by_role("button", name=fr("next"), exact=True).click()
    four = shot(recorder, page, record, 4)
    assert four not in (one, three) and recorder.screenshots_taken == 3
