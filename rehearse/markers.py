"""Which screen profile a test runs on: read by the harness's ``world`` fixture (which sets it on the mock sites)
and by the report (which names it for each scenario). Not a pytest plugin itself, so that ``conftest.py`` may
import it before the report plugin loads."""

from __future__ import annotations

from mock_sites import profiles

SCREENS_TAG = "screens-"  # a Gherkin tag @screens-2026: the scenario runs on that screen profile


def screens_of(node) -> str:
    """The screen profile a test runs on (``mock_sites.profiles``): its marker ``@pytest.mark.screens("2026")``
    or its Gherkin tag ``@screens-2026``, else the run's ``--screens``. The suite runs each test once, on that."""
    marker = node.get_closest_marker("screens")
    if marker is not None and marker.args:
        return profiles.get(marker.args[0]).name
    for mark in node.iter_markers():
        if mark.name.startswith(SCREENS_TAG):
            return profiles.get(mark.name.removeprefix(SCREENS_TAG)).name
    return profiles.get(node.config.getoption("--screens")).name
