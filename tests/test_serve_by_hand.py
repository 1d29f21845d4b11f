"""``rehearse serve``: a person can do the three stages by hand on http://127.0.0.1:N, reading the e-mails in
the fake mailbox and the SMS on the fake phone under ``/_devices``, and the final code arrives at once.

The person is the checker's follower: it follows the bundled guide's own words against the served sites, typing
the served address where the guide writes ``https://webgate.ec.europa.eu``, with the identity ``rehearse serve``
prints."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from mock_sites.server import start_plain
from mock_sites.world import World
from rehearse.check.follow import Addresses, Follower
from rehearse.cli import prepare_world
from rehearse.guide import BUNDLED_GUIDE, load_guide


def follow_by_hand(server, browser: Browser, tmp_path, guide_path):
    """The person ``rehearse serve`` prepares follows ``guide_path`` on ``server``; then the server stops. Returns
    (person, follow, the clock when the person started). Nothing may be stuck, nothing blocked."""
    try:
        person = prepare_world(server.world)
        clock = server.world.now()
        follower = Follower(server, browser, tmp_path, identity=person, addresses=Addresses(server.public_url),
                            snapshots=False)  # no revision forks from this follow
        follow = follower.follow(load_guide(guide_path))
        follower.close()
    finally:
        server.stop()
    stuck = {id: [s.detail for s in record.steps if s.verdict == "stuck"]
             for id, record in follow.instructions.items() if record.stuck}
    assert not stuck, stuck
    assert not follower.guard.blocked, follower.guard.blocked
    return person, follow, clock


@pytest.mark.browser
def test_the_bundled_guide_is_followed_by_hand_on_rehearse_serve(browser: Browser, tmp_path):
    server = start_plain(World(seed=11))
    _, follow, clock = follow_by_hand(server, browser, tmp_path, BUNDLED_GUIDE)
    assert server.world.now() == clock  # under serve the follower never moves the clock: the code came at once
    rehearsal = follow.rehearsal
    screens = rehearsal.screens
    assert all(screen.url.startswith(server.public_url) for screen in screens.values()), [
        screen.url for screen in screens.values()]
    link = next(url for anchor, url in rehearsal.messages["email:registration"].links if anchor == "this link")
    assert link.startswith(server.public_url + "/cas/"), f"the link is not built from the served address: {link}"
    last = follow.instructions["3.4"]
    assert last.observed["signed_in_again"][1] is True, last.observed  # RCAM en ligne after the final code
    waited = follow.context_steps[3]
    assert [step.verdict for step in waited] == ["ok", "gap"], waited  # the final code was in the mailbox


@pytest.mark.browser
def test_the_2026_guide_is_followed_by_hand_on_rehearse_serve_with_the_phone_s_app(browser: Browser, tmp_path):
    """``rehearse serve --screens 2026``: the 2026 guide by hand on http://localhost:N, the phone's EU Login app in
    another tab under ``/_devices``, its QR code scanned from a screenshot of the computer's screen."""
    from rehearse.guide import bundled_guide

    server = start_plain(World(seed=11), screens="2026")
    person, _, _ = follow_by_hand(server, browser, tmp_path, bundled_guide("2026").path)
    assert server.public_url.startswith("http://localhost:")
    account = server.world.account(person.email)
    assert [device.phone for device in server.world.mobile_devices.values()
            if device.email == account.email] == [person.mobile]  # the app on the person's own phone
    registration = server.world.registration(account.uid)
    assert registration is not None and registration.code is not None and registration.code.used_at is not None
