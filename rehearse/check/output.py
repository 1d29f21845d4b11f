"""What ``rehearse check`` prints and writes: a text summary, the JSON document, JUnit XML, and its exit code.

JSON (``to_json``), one document::

    {"guides": [{"path": "guides/acces-rcam-eu-login.txt", "ok": true,
                 "findings": [{"instruction": "1.1", "line": 16, "claim": "”Suivant”", "kind": "label",
                               "verdict": "ok", "detail": "« Suivant » is a button on …; mapped by id"}]},
                {"path": "broken.txt", "ok": false, "findings": [],
                 "error": "guide broken.txt: no recognisable stage …"}]}

``verdict`` is one of ``ok``, ``mismatch``, ``unchecked``, ``note``; ``kind`` one of ``claims.KINDS``.

JUnit (``to_junit``): one ``testsuite`` per guide, one ``testcase`` per instruction (``name`` is the instruction
id). A test case fails when any claim of its instruction is a mismatch; its ok, unchecked and note findings
go to ``system-out`` (an unchecked claim is not reported as a passing test of anything). An unusable guide is
a test suite with one errored test case.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from rehearse.check.verify import VERDICTS, Finding, GuideResult, verdict_counts

__all__ = ["by_instruction", "exit_code", "text_summary", "to_json", "to_junit"]

EXIT_OK = 0
EXIT_MISMATCH = 1
EXIT_UNUSABLE = 2


def exit_code(results: Sequence[GuideResult]) -> int:
    """2 when any guide is unusable, else 1 when any has a mismatch, else 0."""
    if any(result.error for result in results):
        return EXIT_UNUSABLE
    if any(not result.ok for result in results):
        return EXIT_MISMATCH
    return EXIT_OK


def by_instruction(result: GuideResult) -> list[tuple[str, list[Finding]]]:
    """The findings of a guide grouped by instruction, in guide order."""
    groups: dict[str, list[Finding]] = {}
    for finding in result.findings:
        groups.setdefault(finding.instruction, []).append(finding)
    if result.guide is not None:  # an instruction without any claim still appears
        ordered = [(instruction.id, groups.get(instruction.id, [])) for instruction in result.guide.instructions]
        return ordered + [(id, found) for id, found in groups.items() if id not in dict(ordered)]
    return list(groups.items())


_counts = verdict_counts


def _counts_text(counts: dict[str, int]) -> str:
    text = (f"{counts['ok']} ok, {counts['mismatch']} mismatch, {counts.get('stuck', 0)} stuck, "
            f"{counts.get('gap', 0)} gap{'s' if counts.get('gap', 0) != 1 else ''}, {counts['unchecked']} unchecked")
    return text + (f", {counts['note']} note{'s' if counts['note'] > 1 else ''}" if counts["note"] else "")


# --------------------------------------------------------------------------- text


def text_summary(results: Sequence[GuideResult], screens: str | None = None) -> str:
    """Per guide, per instruction: ok / mismatch / unchecked counts, the mismatches and notes; then totals.
    ``screens``: the screen profile checked on, as the reader is told it, named first."""
    lines: list[str] = [f"Screens: {screens}", ""] if screens else []
    totals = dict.fromkeys(VERDICTS, 0)
    for result in results:
        if result.error:
            lines += [f"{result.path}: UNUSABLE", f"  {result.error}", ""]
            continue
        counts = result.counts
        for verdict, count in counts.items():
            totals[verdict] += count
        status = "ok" if result.ok else ("STUCK" if result.counts.get("stuck") else "MISMATCH")
        groups = by_instruction(result)
        lines.append(f"{result.path}: {status} ({len(groups)} instructions: {_counts_text(counts)})")
        for note in result.mapping:
            lines.append(f"  mapping: {note}")
        for id, findings in groups:
            line = min((finding.line for finding in findings), default=0)
            counts = _counts(findings)
            flag = ("STUCK" if counts.get("stuck") else "MISMATCH" if counts["mismatch"] else
                    "gap" if counts.get("gap") else "ok")
            lines.append(f"  {id:>5}  line {line:<4} {flag:<8}  {_counts_text(counts)}")
            for finding in findings:
                if finding.verdict in ("mismatch", "note", "stuck", "gap"):
                    lines.append(f"         {finding.verdict.upper()} line {finding.line} {finding.kind} "
                                 f"{finding.claim}: {finding.detail}")
                if finding.verdict == "stuck":
                    if finding.looking_for:
                        lines.append(f"           looked for: {finding.looking_for}")
                    if finding.offered:
                        lines.append("           the screen offered: " + ", ".join(f"« {o} »" for o in finding.offered))
                    if finding.screenshot:
                        lines.append(f"           screen: {finding.screenshot}")
        lines.append("")
    unusable = sum(1 for result in results if result.error)
    failing = sum(1 for result in results if not result.error and not result.ok)
    passing = len(results) - unusable - failing
    lines.append(
        f"Totals: {len(results)} guide{'s' if len(results) != 1 else ''}: {passing} ok, {failing} failing, "
        f"{unusable} unusable; claims: {_counts_text(totals)}"
    )
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- JSON


def _finding_json(finding: Finding) -> dict:
    return {
        "instruction": finding.instruction,
        "line": finding.line,
        "claim": finding.claim,
        "kind": finding.kind,
        "verdict": finding.verdict,
        "detail": finding.detail,
        **({"looking_for": finding.looking_for, "offered": list(finding.offered), "screenshot": finding.screenshot}
           if finding.verdict == "stuck" else {}),
    }


def to_json(results: Sequence[GuideResult], profile: str | None = None) -> str:
    """``{"guides": [{"path", "ok", "findings": [{"instruction", "line", "claim", "kind", "verdict",
    "detail"}]}]}``, plus ``"error"`` for an unusable guide, and ``"screens"`` (the profile) when given."""
    guides = []
    for result in results:
        entry: dict = {
            "path": result.path,
            "ok": bool(result.ok and not result.error),
            "findings": [_finding_json(finding) for finding in result.findings],
        }
        if result.error:
            entry["error"] = result.error
        guides.append(entry)
    document: dict = {"screens": profile, "guides": guides} if profile else {"guides": guides}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- JUnit


def _finding_line(finding: Finding) -> str:
    return f"[{finding.verdict}] line {finding.line} {finding.kind} {finding.claim}: {finding.detail}"


def to_junit(results: Sequence[GuideResult], profile: str | None = None) -> str:
    """JUnit XML: a test suite per guide, a test case per instruction (failed on any mismatch); the screen
    profile, when given, as a property of each suite."""
    root = ET.Element("testsuites", name="rehearse check")
    all_tests = all_failures = all_errors = 0
    for result in results:
        suite = ET.SubElement(root, "testsuite", name=result.path)
        if profile:
            ET.SubElement(ET.SubElement(suite, "properties"), "property", name="screens", value=profile)
        if result.error:
            case = ET.SubElement(suite, "testcase", classname=_classname(result.path), name="guide")
            error = ET.SubElement(case, "error", message=result.error, type="unusable guide")
            error.text = result.error
            suite.set("tests", "1")
            suite.set("failures", "0")
            suite.set("errors", "1")
            suite.set("skipped", "0")
            all_tests += 1
            all_errors += 1
            continue
        failures = 0
        groups = by_instruction(result)
        for id, findings in groups:
            case = ET.SubElement(suite, "testcase", classname=_classname(result.path), name=id)
            line = min((finding.line for finding in findings), default=0)
            if line:
                case.set("line", str(line))
            if result.guide is not None:
                case.set("file", result.path)
            mismatches = [finding for finding in findings if finding.verdict in ("mismatch", "stuck")
                          or (finding.verdict == "gap" and result.strict)]
            if mismatches:
                failures += 1
                failure = ET.SubElement(
                    case, "failure", type="mismatch",
                    message=f"{len(mismatches)} mismatch{'es' if len(mismatches) > 1 else ''}: "
                            + "; ".join(f"{finding.claim}: {finding.detail}" for finding in mismatches),
                )
                failure.text = "\n".join(_finding_line(finding) for finding in mismatches)
            others = [finding for finding in findings if finding not in mismatches]
            if others:
                out = ET.SubElement(case, "system-out")
                out.text = "\n".join(_finding_line(finding) for finding in others)
        suite.set("tests", str(len(groups)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        if result.mapping:
            properties = ET.Element("properties")
            for note in result.mapping:
                ET.SubElement(properties, "property", name="mapping", value=note)
            suite.insert(0, properties)
        all_tests += len(groups)
        all_failures += failures
    root.set("tests", str(all_tests))
    root.set("failures", str(all_failures))
    root.set("errors", str(all_errors))
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _classname(path: str) -> str:
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    return "rehearse.check." + (name.rsplit(".", 1)[0] if "." in name else name).replace(".", "_")
