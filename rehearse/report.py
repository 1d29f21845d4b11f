"""pytest plugin: every run writes to ``reports/<command>/`` a cucumber JSON, a JUnit XML, Playwright traces
of failed scenarios, and an HTML report with a screenshot after each step, in the guide's order.
"""

from __future__ import annotations

import html
import json
import re
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pytest

from .guide import BUNDLED_GUIDE, Guide, GuideError, instruction_sort_key, load_guide

STATIC_MARKERS = {
    "journey": "the dress rehearsal: the whole guide in one scenario",
    "browser": "needs the browser",
    "etape-1": "the guide's 1ère étape", "etape-2": "the guide's 2ème étape", "etape-3": "the guide's 3ème étape",
    "compte-existant": "the guide's warning: an EU Login account already exists",
    "implicite": "a step the guide leaves implicit",
    "erreurs": "bad input and failure catalogue",
}
ID_TAG = re.compile(r"^\d+\.\d+$")


@dataclass
class StepRecord:
    keyword: str
    text: str
    status: str
    screenshot: str | None = None
    error: str | None = None
    seconds: float = 0.0


@dataclass
class ScenarioRecord:
    nodeid: str
    feature: str
    name: str
    tags: list[str]
    steps: list[StepRecord] = field(default_factory=list)
    outcome: str = "not run"
    error: str | None = None
    seconds: float = 0.0

    @property
    def instructions(self) -> list[str]:
        return sorted((t for t in self.tags if ID_TAG.match(t)), key=instruction_sort_key)

    @property
    def order(self) -> tuple:
        ids = self.instructions
        return (instruction_sort_key(ids[0]) if ids else (99, 99), self.feature, self.name)


def pytest_addoption(parser):
    group = parser.getgroup("rehearse", "guide rehearsal reports")
    group.addoption("--report-dir", default="reports/test",
                    help="folder for the cucumber JSON, JUnit XML, HTML report, screenshots and traces "
                         "(default: reports/test; make rehearse uses reports/rehearse)")
    group.addoption("--guide", default=str(BUNDLED_GUIDE),
                    help="the guide file the scenarios stand for (default: the bundled guide)")
    group.addoption("--step-screenshots", choices=("all", "failed", "none"), default="all",
                    help="screenshot after every step (all), only the failing step, or none")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    report_dir = Path(config.getoption("--report-dir"))
    report_dir.mkdir(parents=True, exist_ok=True)
    for name, doc in STATIC_MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {doc}")
    try:
        guide = load_guide(config.getoption("--guide"))
    except GuideError as error:
        raise pytest.UsageError(str(error)) from error
    for instruction in guide.instructions:
        config.addinivalue_line("markers", f"{instruction.id}: instruction {instruction.id} of the guide")
    # Reports go to the report folder unless the command line says otherwise.
    if getattr(config.option, "cucumber_json_path", None) is None:
        config.option.cucumber_json_path = str(report_dir / "cucumber.json")
    if getattr(config.option, "xmlpath", None) is None:
        config.option.xmlpath = str(report_dir / "junit.xml")
    if getattr(config.option, "output", "test-results") == "test-results":
        config.option.output = str(report_dir / "playwright")  # emptied by pytest-playwright at each run
    if getattr(config.option, "tracing", "off") == "off":
        config.option.tracing = "retain-on-failure"
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(Recorder(config, report_dir, guide), "rehearse-recorder")


def slug(text: str) -> str:
    return re.sub(r"[^a-zA-Z0-9.]+", "-", text).strip("-")[:80] or "scenario"


def current_page(request):
    for name in ("pensioner", "page"):
        if name in request.fixturenames:
            value = request.getfixturevalue(name)
            return getattr(value, "page", value)
    return None


class Recorder:
    def __init__(self, config, report_dir: Path, guide: Guide) -> None:
        self.config = config
        self.dir = report_dir
        self.guide = guide
        self.mode = config.getoption("--step-screenshots")
        self.scenarios: dict[str, ScenarioRecord] = {}
        self.started = time.time()
        self.step_started = 0.0
        self.shots = report_dir / "screenshots"
        self.instruction_shots: dict[str, str] = {}
        for old in [*self.shots.glob("*/*.jpg"), *(report_dir / "instructions").glob("*.png")]:
            old.unlink()

    def instruction_screenshot(self, instruction: str, page) -> None:
        """The screen an instruction leads to, for the report's guide-ordered pictures."""
        folder = self.dir / "instructions"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{instruction}.png"
        page.screenshot(path=str(path), full_page=True)
        self.instruction_shots[instruction] = str(path.relative_to(self.dir))

    def _record(self, request) -> ScenarioRecord | None:
        return self.scenarios.get(request.node.nodeid)

    def _shot(self, request, record: ScenarioRecord, index: int) -> str | None:
        page = current_page(request)
        if page is None or page.is_closed():
            return None
        folder = self.shots / slug(record.nodeid.split("::")[-1])
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{index:02d}.jpg"
        try:
            page.screenshot(path=str(path), type="jpeg", quality=70)
        except Exception:  # a crashed page must not hide the scenario's own failure
            return None
        return str(path.relative_to(self.dir))

    @pytest.hookimpl
    def pytest_bdd_before_scenario(self, request, feature, scenario):
        self.scenarios[request.node.nodeid] = ScenarioRecord(
            request.node.nodeid, feature.name, scenario.name, sorted(scenario.tags))

    @pytest.hookimpl
    def pytest_bdd_before_step(self, request, feature, scenario, step, step_func):
        self.step_started = time.perf_counter()

    @pytest.hookimpl
    def pytest_bdd_after_step(self, request, feature, scenario, step, step_func, step_func_args):
        record = self._record(request)
        if record is None:
            return
        index = len(record.steps) + 1
        shot = self._shot(request, record, index) if self.mode == "all" else None
        record.steps.append(StepRecord(step.keyword, step.name, "passed", shot,
                                       seconds=time.perf_counter() - self.step_started))

    @pytest.hookimpl
    def pytest_bdd_step_error(self, request, feature, scenario, step, step_func, step_func_args, exception):
        record = self._record(request)
        if record is None:
            return
        index = len(record.steps) + 1
        shot = self._shot(request, record, index) if self.mode != "none" else None
        record.steps.append(StepRecord(step.keyword, step.name, "failed", shot, str(exception)[:2000],
                                       time.perf_counter() - self.step_started))

    @pytest.hookimpl
    def pytest_bdd_step_func_lookup_error(self, request, feature, scenario, step, exception):
        record = self._record(request)
        if record is not None:
            record.steps.append(StepRecord(step.keyword, step.name, "undefined", error=str(exception)))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        record = self.scenarios.get(item.nodeid)
        if record is not None:
            if report.when == "call":
                record.outcome = report.outcome
                record.seconds = report.duration
            if report.failed:
                record.outcome = "failed"
                record.error = (record.error or "") + str(report.longrepr)[-3000:]
        return report

    def pytest_sessionfinish(self, session, exitstatus):
        if not self.scenarios:
            return
        records = sorted(self.scenarios.values(), key=lambda r: r.order)
        (self.dir / "scenarios.json").write_text(json.dumps(
            {"guide": {"path": self.guide.path, "sha256": self.guide.sha256},
             "scenarios": [asdict(r) | {"instructions": r.instructions} for r in records]},
            ensure_ascii=False, indent=2), encoding="utf-8")
        (self.dir / "index.html").write_text(self.render(records), encoding="utf-8")
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"rehearsal report: {(self.dir / 'index.html').resolve()}")

    def render(self, records: list[ScenarioRecord]) -> str:
        e = html.escape
        passed = sum(r.outcome == "passed" for r in records)
        failed = sum(r.outcome == "failed" for r in records)
        skipped = len(records) - passed - failed
        traces = sorted(p.relative_to(self.dir) for p in (self.dir / "playwright").rglob("trace.zip")) \
            if (self.dir / "playwright").exists() else []
        covered = {i for r in records for i in r.instructions}
        rows = []
        for instruction in self.guide.instructions:
            mark = "✔" if instruction.id in covered else "—"
            rows.append(f"<tr><td>{e(instruction.id)}</td><td>{mark}</td><td>{e(instruction.text[:160])}</td></tr>")
        parts = [
            "<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>Rehearsal report</title><style>",
            "body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:80rem}",
            ".passed{color:#1a7f37}.failed{color:#b00020}.skipped,.undefined,.not{color:#8a6d00}",
            "section{border:1px solid #ccc;margin:1rem 0;padding:.5rem 1rem}",
            "figure{border-top:1px solid #ccc;margin:1rem 0}.implicit{color:#555}ol.steps li{margin:.4rem 0}",
            "img{max-width:420px;border:1px solid #999;display:block;margin:.3rem 0}",
            "pre{white-space:pre-wrap;background:#fff4f4;padding:.5rem}table{border-collapse:collapse}",
            "td{border-bottom:1px solid #ddd;padding:.2rem .5rem;vertical-align:top}</style></head><body>",
            "<h1>Rehearsal report</h1>",
            f"<p>Guide: <code>{e(str(self.guide.path))}</code><br>sha256: <code>{e(self.guide.sha256)}</code><br>",
            f"Run: {e(time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(self.started)))} · "
            f"{time.time() - self.started:.1f} s</p>",
            f"<p><strong class='passed'>{passed} passed</strong>, <strong class='failed'>{failed} failed</strong>"
            f", {skipped} skipped or not run · <a href='cucumber.json'>cucumber.json</a> · "
            f"<a href='junit.xml'>junit.xml</a> · <a href='scenarios.json'>scenarios.json</a></p>",
        ]
        if traces:
            parts.append("<p>Playwright traces of failed scenarios (open with <code>playwright show-trace</code>): "
                         + ", ".join(f"<a href='{e(str(t))}'>{e(str(t))}</a>" for t in traces) + "</p>")
        parts.append("<details><summary>Instructions of the guide and their scenarios</summary><table>"
                     + "".join(rows) + "</table></details>")
        if self.instruction_shots:
            parts.append("<h2>The guide, instruction by instruction</h2>")
            for instruction in self.guide.instructions:
                shot = self.instruction_shots.get(instruction.id)
                if shot:
                    parts.append(f"<figure id='i{e(instruction.id)}'><figcaption><strong>{e(instruction.id)}</strong> "
                                 f"(line {instruction.first_line}) {e(instruction.text)}</figcaption>"
                                 f"<a href='{e(shot)}'><img loading='lazy' src='{e(shot)}' "
                                 f"alt='screen after instruction {e(instruction.id)}'></a></figure>")
        for record in records:
            status = record.outcome.split()[0]
            parts.append(f"<section id='{e(slug(record.nodeid))}'><h2 class='{status}'>{e(record.name)} "
                         f"— {e(record.outcome)}</h2><p>{e(record.feature)} · tags: "
                         f"{e(' '.join('@' + t for t in record.tags))} · {record.seconds:.2f} s</p><ol class='steps'>")
            for step in record.steps:
                img = (f"<a href='{e(step.screenshot)}'><img loading='lazy' src='{e(step.screenshot)}' "
                       f"alt='after: {e(step.text)}'></a>") if step.screenshot else ""
                err = f"<pre>{e(step.error)}</pre>" if step.error else ""
                implicit = " <em class='implicit'>(implicit in the guide)</em>" if step.text.startswith(
                    "implicitement") else ""
                parts.append(f"<li class='{step.status}'><strong>{e(step.keyword)}</strong> {e(step.text)}{implicit} "
                             f"<small>({step.status}, {step.seconds:.2f} s)</small>{err}{img}</li>")
            parts.append("</ol>")
            if record.error and not any(s.error for s in record.steps):
                parts.append(f"<pre>{e(record.error)}</pre>")
            parts.append("</section>")
        parts.append("</body></html>")
        return "".join(parts)
