"""pytest plugin for the suite benchmark: where a browser scenario's time goes.

Loaded by ``scripts/benchmark_suite.py`` (``-p rehearse.timing --timing-json PATH``), never by ``make test``.
Every call of Playwright's sync API is timed and put in one part, by what it does; the rest of a test's time is
split by where it was spent:

- ``context``: making and clearing browser contexts and tabs (``rehearse.tabs``, ``new_context``, ``new_page``);
- ``seeding``: the « Étant donné » steps' own Python (the world seeded directly), outside Playwright;
- ``navigation``: ``goto``, ``reload``, going back and forth, waiting for a URL;
- ``actions``: every other Playwright call (locators, clicks, fills, ``expect``, ``evaluate``);
- ``screenshots``: the report's step and instruction pictures (``rehearse.report``);
- ``other``: the rest (pytest, pytest-bdd, the world's reset, the steps' own Python).

``report writing`` (the session's JSON, JUnit, HTML) is timed once and shared out per scenario.
"""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

import pytest

NAVIGATION = {"goto", "reload", "go_back", "go_forward", "wait_for_url", "wait_for_load_state"}
CONTEXT = {"new_context", "new_page", "close", "clear_permissions", "set_extra_http_headers", "unroute_all",
           "start_chunk", "stop_chunk", "clear_cookies", "add_cookies", "set_viewport_size"}
PARTS = ("context", "seeding", "navigation", "actions", "screenshots", "other")


def pytest_addoption(parser):
    parser.getgroup("rehearse").addoption("--timing-json", default=None,
                                          help="write where each test's time went (benchmark only)")


class Clock:
    """Accumulates the current test's time per part; ``part`` says what is being done right now."""

    def __init__(self) -> None:
        self.parts: dict[str, float] = defaultdict(float)
        self.calls: dict[str, list] = defaultdict(lambda: [0, 0.0])  # "part:call" → [count, seconds]
        self.part: str | None = None  # forced part (screenshots, context) while inside such a block
        self.depth = 0

    def add(self, part: str, seconds: float) -> None:
        self.parts[part] += seconds


class Timing:
    def __init__(self, config, path: Path) -> None:
        self.path = path
        self.clock = Clock()
        self.tests: list[dict] = []
        self.report_seconds = 0.0
        self.started = time.perf_counter()
        self._step = (0.0, 0.0)
        self._patch()

    # --- Playwright's calls
    def _patch(self) -> None:
        from playwright._impl import _sync_base

        from rehearse import report, tabs

        clock = self.clock
        original_sync = _sync_base.SyncBase._sync

        def timed_sync(this, awaitable):
            if clock.depth:  # inside a timed call already (expect polls, nested calls)
                return original_sync(this, awaitable)
            name = getattr(getattr(awaitable, "cr_code", None), "co_name", "")
            part = clock.part or ("navigation" if name in NAVIGATION else "context" if name in CONTEXT
                                  else "actions")
            clock.depth += 1
            started = time.perf_counter()
            try:
                return original_sync(this, awaitable)
            finally:
                clock.depth -= 1
                spent = time.perf_counter() - started
                clock.add(part, spent)
                clock.calls[f"{part}:{name}"][0] += 1
                clock.calls[f"{part}:{name}"][1] += spent

        _sync_base.SyncBase._sync = timed_sync
        self._forced(report.Recorder, "_shot", "screenshots")
        self._forced(report.Recorder, "instruction_screenshot", "screenshots")
        for name in ("take", "give_back", "spare"):
            self._forced(tabs.Tabs, name, "context")

    def _forced(self, owner, name: str, part: str) -> None:
        original = getattr(owner, name)
        clock = self.clock

        def forced(*args, **kwargs):
            outer, clock.part = clock.part, clock.part or part
            try:
                return original(*args, **kwargs)
            finally:
                clock.part = outer

        setattr(owner, name, forced)

    # --- the test's phases
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.clock.parts.clear()
        self.clock.calls.clear()
        started = time.perf_counter()
        try:
            return (yield)
        finally:
            total = time.perf_counter() - started
            parts = dict(self.clock.parts)
            parts["other"] = max(0.0, total - sum(parts.values()))
            self.tests.append({"nodeid": item.nodeid, "seconds": total,
                               "browser": item.get_closest_marker("browser") is not None,
                               "scenario": hasattr(item, "_obj") and "_pytest_bdd_example" in item.fixturenames,
                               "journey": item.get_closest_marker("journey") is not None,
                               "parts": {name: round(parts.get(name, 0.0), 4) for name in PARTS},
                               "calls": {name: [n, round(spent, 4)] for name, (n, spent) in self.clock.calls.items()}})

    def pytest_bdd_before_step(self, request, feature, scenario, step, step_func):
        self._step = (time.perf_counter(), sum(self.clock.parts.values()))

    def pytest_bdd_after_step(self, request, feature, scenario, step, step_func, step_func_args):
        started, accounted = self._step
        if step.type == "given":  # what the step did outside Playwright: the world seeded directly
            own = (time.perf_counter() - started) - (sum(self.clock.parts.values()) - accounted)
            self.clock.add("seeding", max(0.0, own))

    @pytest.hookimpl(wrapper=True)
    def pytest_sessionfinish(self, session, exitstatus):
        started = time.perf_counter()
        try:
            return (yield)
        finally:
            self.report_seconds = time.perf_counter() - started
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps({"tests": self.tests, "report_seconds": self.report_seconds,
                                             "session_seconds": time.perf_counter() - self.started}, indent=1))


def pytest_configure(config):
    path = config.getoption("--timing-json")
    if path and not hasattr(config, "workerinput"):
        config.pluginmanager.register(Timing(config, Path(path)), "rehearse-timing")
