"""Merging reports: several shards' report folders into one (``rehearse merge``), and, with the same code, the
partial reports of pytest-xdist's workers (``rehearse.report``).

A report folder is what ``--report-dir`` holds after a run: ``scenarios.json``, ``cucumber.json``,
``junit.xml``, ``index.html``, and the pictures and traces they point to (``screenshots/``, ``instructions/``,
``playwright/``). The merged folder has one of each: the scenarios of every shard once, in the guide's order
(written by the Recorder's own writer), cucumber features merged by uri, JUnit test suites summed, and the
pictures copied with their relative paths, renamed where two shards used the same path for different files.
"""

from __future__ import annotations

import filecmp
import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .guide import BUNDLED_GUIDE, Guide, GuideError, load_guide
from .report import ScenarioRecord, write_report

REPORT_FILES = ("scenarios.json", "junit.xml", "cucumber.json")
ASSET_DIRS = ("screenshots", "instructions", "playwright")
MERGED_FILES = (*REPORT_FILES, "index.html")
JUNIT_COUNTS = ("tests", "errors", "failures", "skipped")


class MergeError(Exception):
    """The reports cannot be merged; the message says which folder or file and why."""


@dataclass
class ReportDocument:
    """One ``scenarios.json`` (or an xdist worker's partial), read back."""

    path: Path
    guide_path: str | None
    guide_sha256: str | None
    records: list[ScenarioRecord]
    instruction_shots: dict[str, str]
    started: float
    seconds: float


@dataclass
class MergeSummary:
    out: Path
    sources: list[Path]
    scenarios: int = 0
    passed: int = 0
    failed: int = 0
    junit_tests: int = 0
    cucumber_features: int = 0
    renamed: int = 0
    duplicates: list[str] = field(default_factory=list)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MergeError(f"{path}: not a readable JSON report: {error}") from None


def read_document(path: Path, report_dir: Path | None = None) -> ReportDocument:
    """Reads a ``scenarios.json``. Older ones without ``run`` or ``instruction_shots`` still read: the
    pictures of ``instructions/`` in ``report_dir`` stand for the latter."""
    data = _read_json(path)
    if not isinstance(data, dict) or not isinstance(data.get("scenarios"), list):
        raise MergeError(f"{path}: not a scenarios.json of the rehearsal report (no 'scenarios' list)")
    try:
        records = [ScenarioRecord.from_dict(entry) for entry in data["scenarios"]]
    except (TypeError, KeyError, AttributeError) as error:
        raise MergeError(f"{path}: a scenario cannot be read: {error}") from None
    shots = data.get("instruction_shots")
    if shots is None:
        folder = (report_dir or path.parent) / "instructions"
        shots = {p.stem: f"instructions/{p.name}" for p in sorted(folder.glob("*.png"))}
    run = data.get("run") or {}
    guide = data.get("guide") or {}
    return ReportDocument(path, guide.get("path"), guide.get("sha256"), records, dict(shots),
                          float(run.get("started", path.stat().st_mtime)), float(run.get("seconds", 0.0)))


def merge_cucumber(documents: list[list[dict]]) -> list[dict]:
    """Cucumber JSON documents into one: a feature seen in several is one feature (by uri), its scenarios
    (``elements``) concatenated in the order given."""
    features: dict[str, dict] = {}
    for document in documents:
        for feature in document:
            key = feature.get("uri") or feature.get("id") or feature.get("name", "")
            if key in features:
                features[key]["elements"] = [*features[key].get("elements", []), *feature.get("elements", [])]
            else:
                features[key] = {**feature, "elements": list(feature.get("elements", []))}
    return list(features.values())


def _number(text: str | None) -> float:
    try:
        return float(text or 0)
    except ValueError:
        return 0.0


def merge_junit(roots: list[ET.Element]) -> ET.Element:
    """JUnit XML documents (pytest's ``<testsuites>``, or a bare ``<testsuite>``) into one ``<testsuites>``
    holding one ``<testsuite>``: its test cases all of theirs, its counts and time their sums."""
    suites = [suite for root in roots for suite in ([root] if root.tag == "testsuite" else root.iter("testsuite"))]
    merged_root = ET.Element("testsuites", {"name": roots[0].get("name", "pytest tests")
                                            if roots and roots[0].tag == "testsuites" else "pytest tests"})
    merged = ET.SubElement(merged_root, "testsuite", {"name": suites[0].get("name", "pytest") if suites
                                                      else "pytest"})
    for count in JUNIT_COUNTS:
        merged.set(count, str(sum(int(_number(suite.get(count))) for suite in suites)))
    merged.set("time", f"{sum(_number(suite.get('time')) for suite in suites):.3f}")
    stamps = sorted(suite.get("timestamp") for suite in suites if suite.get("timestamp"))
    if stamps:
        merged.set("timestamp", stamps[0])
    hosts = list(dict.fromkeys(suite.get("hostname") for suite in suites if suite.get("hostname")))
    if hosts:
        merged.set("hostname", ",".join(hosts))
    for suite in suites:
        merged.extend(list(suite))
    return merged_root


def _free_name(relative: Path, taken: set[str], dest: Path) -> Path:
    for number in range(2, 10_000):
        candidate = relative.with_name(f"{relative.stem}-{number}{relative.suffix}")
        if candidate.as_posix() not in taken and not (dest / candidate).exists():
            return candidate
    raise MergeError(f"no free name for {relative} in {dest}")


def copy_assets(source: Path, dest: Path, taken: set[str]) -> tuple[dict[str, str], int]:
    """Copies the pictures and traces of one report folder; returns {old relative path: new one} and how many
    were renamed because another shard had used the same path for a different file."""
    moved: dict[str, str] = {}
    renamed = 0
    for folder in ASSET_DIRS:
        if not (source / folder).is_dir():
            continue
        for path in sorted(p for p in (source / folder).rglob("*") if p.is_file()):
            relative = path.relative_to(source)
            target = dest / relative
            if relative.as_posix() in taken and not filecmp.cmp(path, target, shallow=False):
                relative = _free_name(relative, taken, dest)
                target = dest / relative
                renamed += 1
            if relative.as_posix() not in taken:
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
                taken.add(relative.as_posix())
            moved[path.relative_to(source).as_posix()] = relative.as_posix()
    return moved, renamed


def _resolve_guide(documents: list[ReportDocument], guide_path: str | Path | None) -> Guide:
    shas = {d.guide_sha256 for d in documents if d.guide_sha256}
    if len(shas) > 1:
        listing = "; ".join(f"{d.path}: {d.guide_sha256}" for d in documents if d.guide_sha256)
        raise MergeError(f"the reports rehearsed different guides (sha256 differ: {listing}); merge only the "
                         "shards of one run")
    wanted = next(iter(shas), None)
    if guide_path is not None:
        try:
            guide = load_guide(guide_path)
        except GuideError as error:
            raise MergeError(str(error)) from None
        if wanted and guide.sha256 != wanted:
            raise MergeError(f"--guide {guide_path} is not the guide the reports rehearsed "
                             f"(its sha256 is {guide.sha256}, theirs {wanted})")
        return guide
    candidates = [d.guide_path for d in documents if d.guide_path] + [str(BUNDLED_GUIDE)]
    for candidate in dict.fromkeys(candidates):
        try:
            guide = load_guide(candidate)
        except GuideError:
            continue
        if not wanted or guide.sha256 == wanted:
            return guide
    raise MergeError(f"the guide the reports rehearsed (sha256 {wanted}, {candidates[0]}) is not here, nor is "
                     "it the bundled guide: give its file with --guide")


def check_sources(sources: list[Path], out: Path) -> None:
    if not sources:
        raise MergeError("no report folder to merge")
    for source in sources:
        if not source.exists():
            raise MergeError(f"{source}: no such folder")
        if not source.is_dir():
            raise MergeError(f"{source}: not a folder (give the report folders, e.g. reports/test)")
        if not any((source / name).is_file() for name in REPORT_FILES):
            raise MergeError(f"{source}: no report in it (none of {', '.join(REPORT_FILES)}); is it the "
                             "--report-dir of a test run?")
    resolved = [source.resolve() for source in sources]
    if len(set(resolved)) != len(resolved):
        raise MergeError("the same report folder is given twice")
    if out.resolve() in resolved:
        raise MergeError(f"{out}: the merged report cannot go into one of the folders being merged")


def clear_output(out: Path, force: bool) -> None:
    if not out.exists():
        return
    if not out.is_dir():
        raise MergeError(f"{out}: exists and is not a folder")
    present = [name for name in (*MERGED_FILES, *ASSET_DIRS) if (out / name).exists()]
    if present and not force:
        raise MergeError(f"{out}: already holds a report ({', '.join(present)}); choose another folder or "
                         "pass --force to replace it")
    for name in present:
        target = out / name
        shutil.rmtree(target) if target.is_dir() else target.unlink()


def merge_reports(sources: list[Path], out: Path, *, guide: str | Path | None = None, force: bool = False,
                  log: Callable[[str], None] = lambda line: None) -> MergeSummary:
    """Merges the report folders ``sources`` into ``out``; raises ``MergeError`` (one line) when it cannot."""
    sources = [Path(source) for source in sources]
    out = Path(out)
    check_sources(sources, out)
    documents = {source: read_document(source / "scenarios.json") for source in sources
                 if (source / "scenarios.json").is_file()}
    cucumbers = [_read_json(source / "cucumber.json") for source in sources if (source / "cucumber.json").is_file()]
    for source, document in zip((s for s in sources if (s / "cucumber.json").is_file()), cucumbers, strict=True):
        if not isinstance(document, list):
            raise MergeError(f"{source / 'cucumber.json'}: not a cucumber JSON report (a list of features)")
    junits = []
    for source in sources:
        if (source / "junit.xml").is_file():
            try:
                junits.append(ET.parse(source / "junit.xml").getroot())
            except ET.ParseError as error:
                raise MergeError(f"{source / 'junit.xml'}: not readable XML: {error}") from None
    rehearsed = _resolve_guide(list(documents.values()), guide) if documents else None

    clear_output(out, force)
    out.mkdir(parents=True, exist_ok=True)
    summary = MergeSummary(out, sources)
    taken: set[str] = set()
    records: dict[str, ScenarioRecord] = {}
    shots: dict[str, str] = {}
    for source in sources:
        moved, renamed = copy_assets(source, out, taken)
        summary.renamed += renamed
        document = documents.get(source)
        if document is None:
            log(f"{source}: no scenarios.json (no scenario ran there)")
            continue
        for record in document.records:
            if record.nodeid in records:
                summary.duplicates.append(record.nodeid)
                log(f"{source}: {record.nodeid} is already in an earlier report: kept the earlier one")
                continue
            for step in record.steps:
                if step.screenshot:
                    step.screenshot = moved.get(step.screenshot, step.screenshot)
            records[record.nodeid] = record
        for instruction, shot in document.instruction_shots.items():
            shots.setdefault(instruction, moved.get(shot, shot))

    if junits:
        ET.ElementTree(merge_junit(junits)).write(out / "junit.xml", encoding="utf-8", xml_declaration=True)
        summary.junit_tests = sum(int(_number(s.get("tests"))) for root in junits
                                  for s in ([root] if root.tag == "testsuite" else root.iter("testsuite")))
    merged_cucumber = merge_cucumber(cucumbers)
    (out / "cucumber.json").write_text(json.dumps(merged_cucumber), encoding="utf-8")
    summary.cucumber_features = len(merged_cucumber)
    if rehearsed is not None:
        started = min(d.started for d in documents.values())
        ended = max(d.started + d.seconds for d in documents.values())
        write_report(out, rehearsed, list(records.values()), instruction_shots=shots, started=started,
                     seconds=max(ended - started, 0.0), sources=[str(source) for source in sources])
    summary.scenarios = len(records)
    summary.passed = sum(r.outcome == "passed" for r in records.values())
    summary.failed = sum(r.outcome == "failed" for r in records.values())
    return summary


def describe(summary: MergeSummary) -> str:
    lines = [f"merged {len(summary.sources)} reports into {summary.out}:",
             f"  {summary.scenarios} scenarios ({summary.passed} passed, {summary.failed} failed)",
             f"  {summary.junit_tests} JUnit test cases, {summary.cucumber_features} cucumber features"]
    if summary.renamed:
        lines.append(f"  {summary.renamed} pictures renamed (two reports used the same path)")
    if summary.duplicates:
        lines.append(f"  {len(summary.duplicates)} scenarios were in more than one report (kept the first)")
    if (summary.out / "index.html").is_file():
        lines.append(f"  report: {(summary.out / 'index.html').resolve()}")
    return "\n".join(lines)
