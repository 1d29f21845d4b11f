"""The illustrated guide: each instruction's text beside the screens it concerns, as the rehearsal saw them.

``write_illustrated(results, guides, rehearsal, report_dir)`` writes ``report_dir/index.html``: for one guide,
the guide itself; for several, an index linking one page per guide. On a page, every instruction (id, line,
text) stands beside the screenshots of its screens, with the element each claim names boxed over the image
(green when it holds, red for a mismatch, amber for a note); mismatches and notes are spelled out in red and
amber, gaps (what the reader had to guess) in blue, unchecked claims listed discreetly. A stuck instruction shows
first the screen where the reader got stuck, with what they looked for and what the screen offered instead.
These are the images the bundled guide lost in its PDF export.

The pages are self-contained (inline CSS, no script, no external asset); the PNGs are the rehearsal's
screenshots, in ``report_dir/screens/`` (copied there if the rehearsal wrote them elsewhere).
"""

from __future__ import annotations

import html
import re
import shutil
import struct
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mock_sites import profiles

from .capture import Element, Rehearsal, ScreenCapture
from .verify import verdict_counts

__all__ = ["write_illustrated"]

VERDICT_ORDER = ("stuck", "mismatch", "gap", "note", "ok", "unchecked")
MAX_FIGURES = 4  # screens shown per instruction: the ones its claims point at, then the one it leads to

STYLE = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:1.5rem auto;max-width:90rem;padding:0 1rem;
  color:#1b1b1b;line-height:1.45}
h1{margin-bottom:.2rem}.meta{color:#555;font-size:.9rem}
.status-ok{color:#1a7f37}.status-mismatch{color:#b00020}.status-unusable{color:#8a4b00}
table.index{border-collapse:collapse}table.index td,table.index th{border-bottom:1px solid #ddd;padding:.3rem .6rem;
  text-align:left;vertical-align:top}
section.instruction{display:grid;grid-template-columns:minmax(18rem,1fr) minmax(20rem,1.6fr);gap:1.2rem;
  border-top:1px solid #ccc;padding:1rem 0}
section.instruction.has-mismatch{border-left:6px solid #b00020;padding-left:.8rem}
section.instruction.has-note{border-left:6px solid #d08a00;padding-left:.8rem}
.text h2{font-size:1.05rem;margin:0 0 .4rem}.text .line{color:#666;font-weight:normal;font-size:.85rem}
.text blockquote{margin:0 0 .6rem;padding:.4rem .8rem;background:#f5f6f8;border-left:3px solid #99a}
ul.findings{list-style:none;padding:0;margin:.4rem 0}
ul.findings li{margin:.3rem 0;padding:.3rem .5rem;border-radius:3px}
li.mismatch,li.stuck{background:#fde8ea;color:#7a0013}li.gap{background:#e8f0fe;color:#123a7a}
section.instruction.has-stuck{border-left:6px solid #7a0013;padding-left:.8rem}
section.instruction.has-gap{border-left:6px solid #3367d6;padding-left:.8rem}
figure.stuck{border:3px solid #b00020;padding:.3rem}figure.stuck figcaption{color:#7a0013}
li.note{background:#fff3d6;color:#6b4600}li.ok{color:#1a5e2e}
.verdict{font-weight:bold;text-transform:uppercase;font-size:.75rem;margin-right:.4rem}
details.unchecked{color:#777;font-size:.85rem}details.unchecked li{color:#777}
figure{margin:0 0 1rem}figcaption{font-size:.8rem;color:#555;margin-bottom:.2rem}
.shot{position:relative;display:inline-block;max-width:100%;border:1px solid #999;line-height:0}
.shot img{max-width:100%;height:auto;display:block}
.box{position:absolute;border:3px solid #1a7f37;border-radius:4px;box-sizing:border-box;
  box-shadow:0 0 0 2px rgba(255,255,255,.7)}
.box.mismatch{border-color:#d0021b}.box.note{border-color:#d08a00}
.box span{position:absolute;left:0;top:-1.3rem;font:bold .7rem system-ui,sans-serif;line-height:1.2;
  background:#1a7f37;color:#fff;padding:0 .25rem;white-space:nowrap}
.box.mismatch span{background:#d0021b}.box.note span{background:#d08a00}
.noshot{color:#777;font-style:italic}.elsewhere{color:#b00020}
nav.pages a{margin-right:1rem}
@media (max-width:60rem){section.instruction{grid-template-columns:1fr}}
"""


def write_illustrated(results: Sequence[Any], guides: Sequence[Any], rehearsal: Rehearsal, report_dir: Path,
                      *, source_dir: Path | None = None) -> Path:
    """Write the illustrated guide(s) to ``report_dir`` and return the path of ``index.html``.

    ``results``: one ``GuideResult`` per guide (``.path``, ``.ok``, ``.findings``, ``.error``, and ``.guide``
    when the guide could be read); ``guides``: the parsed guides, in the same order (``None`` for an unusable
    one), used when a result carries no ``.guide``. ``source_dir``: where the rehearsal wrote its screenshots,
    when not in ``report_dir``.
    """
    report_dir = Path(report_dir)
    report_dir.mkdir(parents=True, exist_ok=True)
    _bring_screenshots(rehearsal, report_dir, source_dir, results)
    parsed = list(guides) + [None] * max(0, len(results) - len(guides))
    pages: list[tuple[Any, str | None]] = []
    single = len(results) == 1
    for index, (result, guide) in enumerate(zip(results, parsed, strict=False)):
        guide = getattr(result, "guide", None) or guide
        if getattr(result, "error", None) or guide is None:
            pages.append((result, None))
            continue
        name = "index.html" if single else f"guide-{index + 1}-{_slug(result.path)}.html"
        body = _guide_page(result, guide, rehearsal, report_dir, back=not single)
        (report_dir / name).write_text(body, encoding="utf-8")
        pages.append((result, name))
    if not single or pages[0][1] is None:
        (report_dir / "index.html").write_text(_index_page(pages, rehearsal), encoding="utf-8")
    return report_dir / "index.html"


# --------------------------------------------------------------------------- pages


def _document(title: str, body: list[str]) -> str:
    e = html.escape
    return ("<!doctype html><html lang='fr'><head><meta charset='utf-8'>"
            "<meta name='viewport' content='width=device-width, initial-scale=1'>"
            f"<title>{e(title)}</title><style>{STYLE}</style></head><body>" + "".join(body) + "</body></html>\n")


def _status(result: Any) -> tuple[str, str]:
    if getattr(result, "error", None):
        return "unusable", "UNUSABLE"
    if result.ok:
        return "ok", "ok"
    if any(finding.verdict == "stuck" for finding in result.findings):
        return "mismatch", "STUCK"
    return "mismatch", "MISMATCH"


def _counts(findings: Sequence[Any]) -> str:
    counts = verdict_counts(findings)
    return ", ".join(f"{counts[v]} {v}" for v in VERDICT_ORDER if counts.get(v) or v in ("ok", "mismatch"))


def _screens(rehearsal: Rehearsal) -> str:
    """The screen profile rehearsed, as a reader of the report wants it named."""
    return f"{rehearsal.profile} screens, {profiles.get(rehearsal.profile).title}"


def _index_page(pages: list[tuple[Any, str | None]], rehearsal: Rehearsal) -> str:
    e = html.escape
    rows = []
    for result, name in pages:
        css, label = _status(result)
        link = f"<a href='{e(name)}'>{e(result.path)}</a>" if name else e(result.path)
        detail = e(result.error) if getattr(result, "error", None) else e(_counts(result.findings))
        rows.append(f"<tr><td>{link}</td><td class='status-{css}'><strong>{label}</strong></td><td>{detail}</td></tr>")
    body = [
        "<h1>Guide check: illustrated guides</h1>",
        f"<p class='meta'>{len(pages)} guides checked against one rehearsal of the screens "
        f"({len(rehearsal.screens)} screens, {len(rehearsal.messages)} messages, {rehearsal.seconds:.1f} s) on "
        f"the {e(_screens(rehearsal))} · "
        f"{e(time.strftime('%Y-%m-%d %H:%M:%S'))}</p>",
        "<table class='index'><thead><tr><th>guide</th><th>status</th><th>claims</th></tr></thead><tbody>",
        *rows, "</tbody></table>",
    ]
    return _document("Guide check", body)


def _guide_page(result: Any, guide: Any, rehearsal: Rehearsal, report_dir: Path, *, back: bool) -> str:
    e = html.escape
    css, label = _status(result)
    findings_by_id: dict[str, list[Any]] = {}
    for finding in result.findings:
        findings_by_id.setdefault(finding.instruction, []).append(finding)
    mapped = getattr(result, "mapped", {}) or {}
    body = []
    if back:
        body.append("<nav class='pages'><a href='index.html'>← all guides</a></nav>")
    body += [
        f"<h1>{e(getattr(guide, 'title', '') or result.path)}</h1>",
        f"<p class='meta'>Guide <code>{e(result.path)}</code>"
        + (f" · sha256 <code>{e(guide.sha256)}</code>" if getattr(guide, "sha256", None) else "")
        + f"<br><strong class='status-{css}'>{label}</strong> · {e(_counts(result.findings))} · "
        f"screens rehearsed in {rehearsal.seconds:.1f} s<br>Screens: {e(_screens(rehearsal))}</p>",
    ]
    notes = getattr(result, "mapping", None) or []
    if notes:
        body.append("<details><summary>How the instructions were mapped to the bundled guide</summary><ul>"
                    + "".join(f"<li>{e(n)}</li>" for n in notes) + "</ul></details>")
    for stage in guide.stages:
        body.append(f"<h2 class='stage'>{e(stage.title)}</h2>")
        for instruction in stage.instructions:
            found = findings_by_id.get(instruction.id, [])
            body.append(_instruction(instruction, found, mapped.get(instruction.id, instruction.id),
                                     rehearsal, report_dir, getattr(result, "by_instruction", None)))
    return _document(f"{getattr(guide, 'title', '')} — {result.path}", body)


def _instruction(instruction: Any, findings: list[Any], bundled: str | None, rehearsal: Rehearsal,
                 report_dir: Path, by_instruction: dict[str, list[str]] | None = None) -> str:
    e = html.escape
    verdicts = {f.verdict for f in findings}
    classes = "instruction" + next((f" has-{v}" for v in ("stuck", "mismatch", "gap", "note") if v in verdicts), "")
    shown = [f for f in findings if f.verdict != "unchecked"]
    shown.sort(key=lambda f: VERDICT_ORDER.index(f.verdict) if f.verdict in VERDICT_ORDER else 9)
    unchecked = [f for f in findings if f.verdict == "unchecked"]
    items = "".join(f"<li class='{e(f.verdict)}'><span class='verdict'>{e(f.verdict)}</span>"
                    f"<code>{e(f.kind)}</code> {e(f.claim)} — {e(f.detail)}</li>" for f in shown)
    text = [f"<div class='text'><h2 id='i{e(instruction.id)}'>{e(instruction.id)} "
            f"<span class='line'>line {instruction.first_line}</span></h2>",
            f"<blockquote>{e(instruction.text)}</blockquote>"]
    if items:
        text.append(f"<ul class='findings'>{items}</ul>")
    if unchecked:
        text.append(f"<details class='unchecked'><summary>{len(unchecked)} unchecked</summary><ul>"
                    + "".join(f"<li><code>{e(f.kind)}</code> {e(f.claim)} — {e(f.detail)}</li>" for f in unchecked)
                    + "</ul></details>")
    text.append("</div>")
    figures = [_stuck_figure(f, report_dir, rehearsal) for f in findings
               if f.verdict == "stuck" and getattr(f, "screenshot", None)]
    figures += [_figure(screen, marks, report_dir, elsewhere)
                for screen, marks, elsewhere in _screens_for(findings, bundled, rehearsal, by_instruction)]
    if not figures:
        figures = ["<p class='noshot'>No screen of the rehearsal for this instruction.</p>"]
    return f"<section class='{classes}'>" + "".join(text) + "<div class='shots'>" + "".join(figures) + \
        "</div></section>"


# --------------------------------------------------------------------------- screens and highlights


def _screens_for(findings: list[Any], bundled: str | None, rehearsal: Rehearsal,
                 by_instruction: dict[str, list[str]] | None = None) -> list[tuple]:
    """The screens to show for an instruction: (screen, boxes to draw as (box, verdict, name), whether the
    screen belongs to other instructions); its own screens first."""
    shown: dict[str, list[tuple[tuple[float, float, float, float], str, str]]] = {}
    for finding in findings:
        if finding.verdict == "unchecked":
            continue
        screen = _screen_of(getattr(finding, "screen", None), rehearsal)
        if screen is None:
            continue
        marks = shown.setdefault(screen.key, [])
        box = _box_of(getattr(finding, "element", None), screen)
        if box is not None:
            name = getattr(finding.element, "name", "") or finding.claim
            marks.append((box, finding.verdict, name))
    keys = (rehearsal.by_instruction if by_instruction is None else by_instruction).get(bundled or "", [])
    own = [k for k in keys if k in rehearsal.screens]
    if own and own[-1] not in shown:  # the screen the instruction leads to
        shown[own[-1]] = []
    if own and own[0] not in shown and any(f.verdict == "mismatch" for f in findings):
        shown[own[0]] = []  # where the instruction starts: where the guide says its label is
    ordered = sorted(shown, key=lambda k: own.index(k) if k in own else len(own))  # others' screens last
    return [(rehearsal.screens[k], shown[k], k not in own) for k in ordered[:MAX_FIGURES]]


def _screen_of(key: str | None, rehearsal: Rehearsal) -> ScreenCapture | None:
    if not key:
        return None
    if key in rehearsal.screens:
        return rehearsal.screens[key]
    message = rehearsal.messages.get(key)
    if message is not None and message.screen:
        return rehearsal.screens.get(message.screen)
    return None


def _box_of(element: Element | None, screen: ScreenCapture) -> tuple[float, float, float, float] | None:
    """The element's box on ``screen``: its own, or that of the screen's element of the same role and name."""
    if element is None:
        return None
    if element.box and any(e.box == element.box and e.name == element.name for e in screen.elements):
        return element.box
    same = [e for e in screen.elements if e.name == element.name and e.box]
    best = next((e for e in same if e.role == element.role), same[0] if same else None)
    return best.box if best else element.box


def _figure(screen: ScreenCapture, marks: list, report_dir: Path, elsewhere: bool = False) -> str:
    e = html.escape
    where = "<strong class='elsewhere'>found on another instruction's screen:</strong> " if elsewhere else ""
    caption = (f"<figcaption>{where}<code>{e(screen.key)}</code> · {e(screen.heading)} · {e(screen.url)}"
               "</figcaption>")
    if not screen.screenshot or not (report_dir / screen.screenshot).is_file():
        return f"<figure>{caption}<p class='noshot'>(no screenshot)</p></figure>"
    size = _png_size(report_dir / screen.screenshot)
    boxes = []
    if size:
        width, height = size
        for (x, y, w, h), verdict, name in marks:
            style = (f"left:{100 * x / width:.3f}%;top:{100 * y / height:.3f}%;"
                     f"width:{100 * w / width:.3f}%;height:{100 * h / height:.3f}%")
            tag = "" if verdict == "ok" else f"<span>{e(verdict)}</span>"
            boxes.append(f"<div class='box {e(verdict)}' style='{style}' title='{e(name)}'>{tag}</div>")
    alt = f"{screen.heading} ({screen.key})"
    dimensions = f" width='{size[0]}' height='{size[1]}'" if size else ""
    return (f"<figure>{caption}<a class='shot' href='{e(screen.screenshot)}'>"
            f"<img loading='lazy' src='{e(screen.screenshot)}'{dimensions} alt='{e(alt)}'>" + "".join(boxes)
            + "</a></figure>")


def _stuck_figure(finding: Any, report_dir: Path, rehearsal: Rehearsal) -> str:
    """The screen where the reader got stuck, as the rehearsed profile showed it (its screenshot at that moment:
    on the 2026 screens, the method list without « Téléphone portable + SMS » or the refusal), named with its
    heading and the profile, with what they looked for and what the screen offered instead."""
    e = html.escape
    offered = ", ".join(f"« {o} »" for o in finding.offered) or "nothing close"
    screen = _screen_of(getattr(finding, "screen", None), rehearsal)
    where = f"« {screen.heading} » ({screen.key}) on the " if screen is not None else "the "
    where += f"{rehearsal.profile} screens"
    caption = (f"<figcaption><strong>stuck here</strong>, on {e(where)}: looked for "
               f"{e(finding.looking_for or finding.claim)}; the screen offered {e(offered)}</figcaption>")
    if not (report_dir / finding.screenshot).is_file():
        return f"<figure class='stuck'>{caption}<p class='noshot'>(no screenshot)</p></figure>"
    alt = f"stuck on {where}: {finding.detail}"
    return (f"<figure class='stuck'>{caption}<a class='shot' href='{e(finding.screenshot)}'>"
            f"<img loading='lazy' src='{e(finding.screenshot)}' alt='{e(alt)}'></a></figure>")


def _png_size(path: Path) -> tuple[int, int] | None:
    """Width and height of a PNG, from its header (no image library needed)."""
    try:
        with path.open("rb") as file:
            head = file.read(24)
    except OSError:
        return None
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return (width, height) if width and height else None


def _bring_screenshots(rehearsal: Rehearsal, report_dir: Path, source_dir: Path | None,
                       results: Sequence[Any] = ()) -> None:
    """The screens' screenshots, and those taken where a reader got stuck, copied from ``source_dir``."""
    if source_dir is None or Path(source_dir).resolve() == report_dir.resolve():
        return
    stuck = [getattr(f, "screenshot", None) for result in results for f in (getattr(result, "findings", None) or ())
             if f.verdict == "stuck"]
    for shot in dict.fromkeys([*(screen.screenshot for screen in rehearsal.screens.values()), *stuck]):
        if shot and (Path(source_dir) / shot).is_file():
            target = report_dir / shot
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(source_dir) / shot, target)


def _slug(path: str) -> str:
    name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"[^A-Za-z0-9.]+", "-", name).strip("-")[:60] or "guide"
