"""pytest plugin: every run writes to ``reports/<command>/`` a cucumber JSON, a JUnit XML, Playwright traces
of failed scenarios, and an HTML report with a screenshot after each step, in the guide's order.

Under pytest-xdist each worker records its own scenarios, saves its screenshots into the shared report folder
and leaves a partial report in ``parts/`` (``<worker>.scenarios.json``, ``<worker>.cucumber.json``); the
controller merges them at the end (``rehearse.merge``, the code ``rehearse merge`` uses for shards) into the
one ``scenarios.json``, ``index.html`` and ``cucumber.json``. pytest writes the JUnit XML itself.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import time
import zlib
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

import pytest

from mock_sites import profiles
from rehearse.markers import SCREENS_TAG, screens_of

from .guide import BUNDLED_GUIDE, BUNDLED_GUIDES, Guide, GuideError, bundled_guide, instruction_sort_key, load_guide

STATIC_MARKERS = {
    "journey": "the dress rehearsal: the whole guide in one scenario",
    "browser": "needs the browser",
    "etape-1": "the guide's 1ère étape", "etape-2": "the guide's 2ème étape", "etape-3": "the guide's 3ème étape",
    "compte-existant": "the guide's warning: an EU Login account already exists",
    "implicite": "a step the guide leaves implicit",
    "erreurs": "bad input and failure catalogue",
}
ID_TAG = re.compile(r"^\d+\.\d+$")
PARTS = "parts"  # under xdist: each worker's partial report, merged by the controller and then removed


@dataclass
class StepRecord:
    keyword: str
    text: str
    status: str
    screenshot: str | None = None
    error: str | None = None
    seconds: float = 0.0

    @classmethod
    def from_dict(cls, data: dict) -> StepRecord:
        return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


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
    screens: str = profiles.DEFAULT  # the screen profile it ran on
    tag_prefix: str = ""  # the run's guide's: a tag ``<prefix><id>`` names instruction ``<id>`` (rehearse.guide)

    @property
    def instructions(self) -> list[str]:
        ids = (t.removeprefix(self.tag_prefix) for t in self.tags if t.startswith(self.tag_prefix))
        return sorted((i for i in ids if ID_TAG.match(i)), key=instruction_sort_key)

    @property
    def order(self) -> tuple:
        ids = self.instructions
        return (instruction_sort_key(ids[0]) if ids else (99, 99), self.feature, self.name)

    @classmethod
    def from_dict(cls, data: dict) -> ScenarioRecord:
        """A record back from ``scenarios.json`` (its extra ``instructions`` key is derived, so dropped)."""
        values = {f.name: data[f.name] for f in fields(cls) if f.name in data and f.name != "steps"}
        return cls(**values, steps=[StepRecord.from_dict(step) for step in data.get("steps", [])])


def pytest_addoption(parser):
    group = parser.getgroup("rehearse", "guide rehearsal reports")
    group.addoption("--report-dir", default="reports/test",
                    help="folder for the cucumber JSON, JUnit XML, HTML report, screenshots and traces "
                         "(default: reports/test; make rehearse uses reports/rehearse)")
    group.addoption("--guide", default=str(BUNDLED_GUIDE),
                    help="the guide file the scenarios stand for (default: the bundled guide)")
    group.addoption("--screens", default=profiles.DEFAULT, choices=profiles.NAMES,
                    help="the screen profile of tests that do not name one (default: %(default)s, the guide's "
                         "screens; 2026: EU Login since 1 July 2025, without sign-in by SMS)")
    group.addoption("--step-screenshots", choices=("all", "failed", "none"), default="all",
                    help="screenshot after every step (all), only the failing step, or none")


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    report_dir = Path(config.getoption("--report-dir"))
    report_dir.mkdir(parents=True, exist_ok=True)
    for name, doc in STATIC_MARKERS.items():
        config.addinivalue_line("markers", f"{name}: {doc}")
    config.addinivalue_line("markers", "screens(profile): the test runs on this screen profile (2020, 2026)")
    for name in profiles.NAMES:
        config.addinivalue_line("markers", f"{SCREENS_TAG}{name}: the scenario runs on the {name} screens")
    try:
        guide = load_guide(config.getoption("--guide"))
    except GuideError as error:
        raise pytest.UsageError(str(error)) from error
    for instruction in guide.instructions:
        config.addinivalue_line("markers", f"{instruction.id}: instruction {instruction.id} of the guide")
    for bundled in BUNDLED_GUIDES:  # the other bundled guides' scenarios are in the suite too (the seed guide's
        # unprefixed ids as well: under --guide of the 2026 guide, @2.13 of the seed guide's features is still known)
        config.addinivalue_line("markers", f"{bundled.journey}: the dress rehearsal of {bundled.path.name}")
        same = (not bundled.tag_prefix and guide.path is not None
                and bundled.path.resolve() == Path(guide.path).resolve())
        if bundled.path.is_file() and not same:  # (the --guide's own unprefixed ids are registered above)
            for instruction_id in load_guide(bundled.path).ids:
                config.addinivalue_line("markers", f"{bundled.tag(instruction_id)}: instruction {instruction_id} "
                                                   f"of {bundled.path.name}")
    # Reports go to the report folder unless the command line says otherwise.
    if getattr(config.option, "cucumber_json_path", None) is None:
        config.option.cucumber_json_path = str(report_dir / "cucumber.json")
    if getattr(config.option, "xmlpath", None) is None:
        config.option.xmlpath = str(report_dir / "junit.xml")
    if getattr(config.option, "output", "test-results") == "test-results":
        config.option.output = str(report_dir / "playwright")  # emptied by pytest-playwright at each run
    if getattr(config.option, "tracing", "off") == "off":
        config.option.tracing = "retain-on-failure"
    worker = getattr(config, "workerinput", {}).get("workerid")  # None: no xdist, or its controller
    if worker is not None and config.option.cucumber_json_path:
        # pytest-bdd writes cucumber JSON from the controller only, which never sees a scenario: each worker
        # writes its own, merged by the controller at the end.
        from pytest_bdd.cucumber_json import LogBDDCucumberJSON

        part = report_dir / PARTS / f"{worker}.cucumber.json"
        part.parent.mkdir(parents=True, exist_ok=True)
        config.pluginmanager.register(LogBDDCucumberJSON(str(part)), "rehearse-worker-cucumber")
    config.pluginmanager.register(Recorder(config, report_dir, guide, worker), "rehearse-recorder")


def slug(text: str) -> str:
    return re.sub(r"[^a-zA-Z0-9.]+", "-", text).strip("-")[:80] or "scenario"


def scenario_folder(nodeid: str) -> str:
    """A scenario's screenshot folder: its readable name, plus a hash of its node id, since two examples of an
    outline can share the first 80 characters of their names (and, under xdist, run at the same time)."""
    return f"{slug(nodeid.split('::')[-1])[:70]}-{zlib.crc32(nodeid.encode()):08x}"


def natural_key(text: str) -> list:
    """gw2 before gw10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)]


# What the page shows, as a token that changes whenever it may look different: a new document, a DOM mutation,
# typing, scrolling, focus or the pointer over another element.
SHOWN = """() => {
    if (!window.__rehearseShown) {
        const shown = window.__rehearseShown = {id: Math.random().toString(36).slice(2), n: 0};
        const bump = () => { shown.n++; };
        new MutationObserver(bump).observe(document, {subtree: true, childList: true, attributes: true,
                                                      characterData: true});
        for (const type of ["input", "change", "scroll", "focusin", "focusout", "mouseover", "resize", "toggle"])
            window.addEventListener(type, bump, true);
    }
    return `${window.__rehearseShown.id}:${window.__rehearseShown.n}:${location.href}`;
}"""


def current_page(request):
    for name in ("pensioner", "page"):
        if name in request.fixturenames:
            value = request.getfixturevalue(name)
            return getattr(value, "page", value)
    return None


class Recorder:
    """Records each scenario's steps and screenshots. ``worker`` is the xdist worker id (``gw0``…), else None."""

    def __init__(self, config, report_dir: Path, guide: Guide, worker: str | None = None) -> None:
        self.config = config
        self.dir = report_dir
        self.guide = guide
        bundled = bundled_guide(path=guide.path) if guide.path else None
        self.tag_prefix = bundled.tag_prefix if bundled else ""
        self.worker = worker
        self.mode = config.getoption("--step-screenshots")
        self.scenarios: dict[str, ScenarioRecord] = {}
        self.started = time.time()
        self.step_started = 0.0
        self.shots = report_dir / "screenshots"
        self.instruction_shots: dict[str, str] = {}
        self._last_shown: dict[str, tuple[str | None, str]] = {}  # per scenario: what the page showed, its picture
        self.screenshots_taken = 0
        if worker is None:  # the controller clears the last run before its workers start, never a worker
            for old in [*self.shots.glob("*/*.jpg"), *(report_dir / "instructions").glob("*.png")]:
                old.unlink()
            shutil.rmtree(report_dir / PARTS, ignore_errors=True)

    def instruction_screenshot(self, instruction: str, page) -> None:
        """The screen an instruction leads to, for the report's guide-ordered pictures."""
        folder = self.dir / "instructions"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{instruction}.png"
        page.screenshot(path=str(path), full_page=True)
        self.instruction_shots[instruction] = str(path.relative_to(self.dir))

    def _record(self, request) -> ScenarioRecord | None:
        return self.scenarios.get(request.node.nodeid)

    def _shot(self, request, record: ScenarioRecord, index: int, fresh: bool = False) -> str | None:
        """The screen after a step. A step that changed nothing on it (« le monde est inchangé ») shows the
        previous step's picture again: a look at the page is one small round trip, a screenshot several times that."""
        page = current_page(request)
        if page is None or page.is_closed():
            return None
        try:
            shown = page.evaluate(SHOWN)
        except Exception:  # mid-navigation or crashed: take the picture
            shown = None
        previous = self._last_shown.get(record.nodeid)
        if not fresh and shown is not None and previous and previous[0] == shown:
            return previous[1]
        folder = self.shots / scenario_folder(record.nodeid)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{index:02d}.jpg"
        try:
            # caret "initial": hiding the caret would touch the inputs' style, which reads as a change
            page.screenshot(path=str(path), type="jpeg", quality=70, caret="initial")
        except Exception:  # a crashed page must not hide the scenario's own failure
            return None
        self.screenshots_taken += 1
        relative = str(path.relative_to(self.dir))
        self._last_shown[record.nodeid] = (shown, relative)
        return relative

    @pytest.hookimpl
    def pytest_bdd_before_scenario(self, request, feature, scenario):
        self.scenarios[request.node.nodeid] = ScenarioRecord(
            request.node.nodeid, feature.name, scenario.name, sorted(scenario.tags), screens=screens_of(request.node),
            tag_prefix=self.tag_prefix)

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
        shot = self._shot(request, record, index, fresh=True) if self.mode != "none" else None
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

    @pytest.hookimpl(trylast=True)  # after pytest-bdd: under xdist it has just written an empty cucumber.json
    def pytest_sessionfinish(self, session, exitstatus):
        if self.worker is not None:
            self._write_part()
            return
        records, shots = list(self.scenarios.values()), dict(self.instruction_shots)
        if session.config.pluginmanager.has_plugin("dsession"):  # xdist's controller: the workers ran them
            records, shots = self._merge_parts(records, shots)
        if not records:
            return
        index = write_report(self.dir, self.guide, records, instruction_shots=shots, started=self.started,
                             seconds=time.time() - self.started)
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"rehearsal report: {index.resolve()}")

    def _write_part(self) -> None:
        """A worker's scenarios, for the controller to merge (screenshots are already in the shared folder)."""
        if not self.scenarios and not self.instruction_shots:
            return
        part = self.dir / PARTS / f"{self.worker}.scenarios.json"
        part.parent.mkdir(parents=True, exist_ok=True)
        document = scenarios_document(self.guide, list(self.scenarios.values()), self.instruction_shots,
                                      self.started, time.time() - self.started)
        part.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")

    def _merge_parts(self, records: list[ScenarioRecord], shots: dict[str, str]):
        from .merge import merge_cucumber, read_document  # merge imports this module

        parts = self.dir / PARTS
        for path in sorted(parts.glob("*.scenarios.json"), key=lambda p: natural_key(p.name)):
            document = read_document(path, self.dir)
            records += document.records
            shots = {**document.instruction_shots, **shots}
        cucumber = sorted(parts.glob("*.cucumber.json"), key=lambda p: natural_key(p.name))
        if cucumber and self.config.option.cucumber_json_path:
            merged = merge_cucumber([json.loads(path.read_text(encoding="utf-8")) for path in cucumber])
            Path(self.config.option.cucumber_json_path).write_text(json.dumps(merged), encoding="utf-8")
        shutil.rmtree(parts, ignore_errors=True)
        return records, shots


def scenarios_document(guide: Guide, records: list[ScenarioRecord], instruction_shots: dict[str, str],
                       started: float, seconds: float) -> dict:
    """What ``scenarios.json`` holds (and each xdist worker's partial): enough to write the report again."""
    return {"guide": {"path": guide.path, "sha256": guide.sha256},
            "run": {"started": started, "seconds": round(seconds, 3)},
            "instruction_shots": dict(instruction_shots),
            "scenarios": [asdict(r) | {"instructions": r.instructions} for r in records]}


def write_report(report_dir: Path, guide: Guide, records: list[ScenarioRecord], *,
                 instruction_shots: dict[str, str] | None = None, started: float, seconds: float,
                 sources: list[str] | None = None) -> Path:
    """Writes ``scenarios.json`` and ``index.html`` in the guide's order; returns the HTML's path.

    One writer for a run (the Recorder, with or without workers) and for merged shards (``rehearse merge``)."""
    records = sorted(records, key=lambda r: r.order)
    instruction_shots = instruction_shots or {}
    (report_dir / "scenarios.json").write_text(json.dumps(
        scenarios_document(guide, records, instruction_shots, started, seconds), ensure_ascii=False, indent=2),
        encoding="utf-8")
    index = report_dir / "index.html"
    index.write_text(render(report_dir, guide, records, instruction_shots=instruction_shots, started=started,
                            seconds=seconds, sources=sources), encoding="utf-8")
    return index


def render(report_dir: Path, guide: Guide, records: list[ScenarioRecord], *, instruction_shots: dict[str, str],
           started: float, seconds: float, sources: list[str] | None = None) -> str:
    e = html.escape
    passed = sum(r.outcome == "passed" for r in records)
    failed = sum(r.outcome == "failed" for r in records)
    skipped = len(records) - passed - failed
    traces = sorted(p.relative_to(report_dir).as_posix() for p in (report_dir / "playwright").rglob("trace.zip")) \
        if (report_dir / "playwright").exists() else []
    covered = {i for r in records for i in r.instructions}
    rows = []
    for instruction in guide.instructions:
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
        f"<p>Guide: <code>{e(str(guide.path))}</code><br>sha256: <code>{e(guide.sha256)}</code><br>",
        f"Run: {e(time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(started)))} · {seconds:.1f} s</p>",
    ]
    if sources:
        parts.append(f"<p>Merged from {len(sources)} reports: "
                     + ", ".join(f"<code>{e(source)}</code>" for source in sources) + "</p>")
    parts.append(
        f"<p><strong class='passed'>{passed} passed</strong>, <strong class='failed'>{failed} failed</strong>"
        f", {skipped} skipped or not run · <a href='cucumber.json'>cucumber.json</a> · "
        f"<a href='junit.xml'>junit.xml</a> · <a href='scenarios.json'>scenarios.json</a></p>")
    if traces:
        parts.append("<p>Playwright traces of failed scenarios (open with <code>playwright show-trace</code>): "
                     + ", ".join(f"<a href='{e(t)}'>{e(t)}</a>" for t in traces) + "</p>")
    parts.append("<details><summary>Instructions of the guide and their scenarios</summary><table>"
                 + "".join(rows) + "</table></details>")
    if instruction_shots:
        parts.append("<h2>The guide, instruction by instruction</h2>")
        for instruction in guide.instructions:
            shot = instruction_shots.get(instruction.id)
            if shot:
                parts.append(f"<figure id='i{e(instruction.id)}'><figcaption><strong>{e(instruction.id)}</strong> "
                             f"(line {instruction.first_line}) {e(instruction.text)}</figcaption>"
                             f"<a href='{e(shot)}'><img loading='lazy' src='{e(shot)}' "
                             f"alt='screen after instruction {e(instruction.id)}'></a></figure>")
    for record in records:
        status = record.outcome.split()[0]
        parts.append(f"<section id='{e(slug(record.nodeid))}'><h2 class='{status}'>{e(record.name)} "
                     f"— {e(record.outcome)}</h2><p>{e(record.feature)} · tags: "
                     f"{e(' '.join('@' + t for t in record.tags))} · screens {e(record.screens)} · "
                     f"{record.seconds:.2f} s</p><ol class='steps'>")
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
