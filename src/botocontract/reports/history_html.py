"""A range changelog as one self-contained HTML page: no external script, style, font or image,
and a Content-Security-Policy that forbids loading any.

Each release pair that changed a selected service is a collapsible ``<details>`` block, newest
first, with per service its headline, notes, methods (the published deltas) and a table of every
judged change with its severity as a coloured badge. A small inline script filters by service and
severity through ``data-service`` / ``data-severity`` attributes; the growth charts (operations and
shapes per release) are inline SVG drawn here, so they need no script. Every string taken from a
model or a release goes through :func:`html.escape`, and the JSON island escapes ``<`` so that no
value can close its ``<script>`` element.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

import orjson

from ..changelog.build import Changelog, Method, Section
from ..history.ranges import Growth, History
from ..release_info import ReleaseInfo
from ..rules.judge import Change
from ..rules.severity import Severity
from .changelog_text import pformat

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
# Severities as shown: the worst first.
SHOWN_SEVERITIES = tuple(reversed(Severity))
# With no service chosen, a range over every service charts only those that changed, unless the
# range tracks no more services than this.
CHART_ALL_UP_TO = 20
# SVG presentation attributes take no CSS variables: the line colours, as in the style sheet.
OPS, SHAPES, MUTED = "#3a6ea5", "#c2571a", "#59636e"

STYLE = """
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff;
  --panel: #f6f8fa; --breaking: #c62828; --warning: #b26a00; --info: #3a6ea5;
  --ops: #3a6ea5; --shapes: #c2571a; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; padding: 0 1.5rem 3rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI",
  Roboto, "Liberation Sans", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 1.25rem 0 0.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1rem; margin: 0 0 0.5rem; }
h4 { font-size: 0.9rem; margin: 0.75rem 0 0.25rem; font-family: ui-monospace, monospace; }
.muted { color: var(--muted); }
#filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 1rem;
  align-items: center; padding: 0.6rem 0.75rem; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: 0.75rem;
  align-items: center; }
#filters legend { float: left; margin-right: 0.5rem; font-weight: 600; }
#filters label { display: inline-flex; gap: 0.3rem; align-items: center; }
#filters select { font: inherit; padding: 0.15rem 0.3rem; }
#filter-count { margin-left: auto; color: var(--muted); }
.badge { display: inline-block; min-width: 4.8em; padding: 0.05rem 0.45rem; border-radius: 999px;
  color: #fff; font-size: 0.75rem; font-weight: 600; text-align: center; }
.badge-breaking { background: var(--breaking); }
.badge-warning { background: var(--warning); }
.badge-info { background: var(--info); }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; }
figure.growth { margin: 0; padding: 0.5rem; border: 1px solid var(--line); border-radius: 6px; }
figure.growth figcaption { font-weight: 600; margin-bottom: 0.25rem; }
figure.growth svg { display: block; }
.legend-ops { color: var(--ops); } .legend-shapes { color: var(--shapes); }
details.release { margin: 1rem 0; border: 1px solid var(--line); border-radius: 6px; }
details.release > summary { cursor: pointer; padding: 0.6rem 0.75rem; background: var(--panel);
  border-radius: 6px; font-weight: 600; }
details.release > summary .badge { margin-left: 0.35rem; }
section.service { padding: 0.75rem; border-top: 1px solid var(--line); }
ul.notes { margin: 0 0 0.5rem; padding-left: 1.2rem; }
pre { margin: 0.25rem 0; padding: 0.5rem; background: var(--panel); border-radius: 4px;
  overflow-x: auto; font: 12px/1.4 ui-monospace, "Liberation Mono", monospace; }
.side { font-size: 0.8rem; color: var(--muted); margin-top: 0.35rem; }
table.changes { width: 100%; border-collapse: collapse; margin-top: 0.75rem; font-size: 0.85rem; }
table.changes th, table.changes td { text-align: left; vertical-align: top; padding: 0.3rem 0.4rem;
  border-bottom: 1px solid var(--line); }
table.changes th { background: var(--panel); }
table.changes td code { font: 12px/1.4 ui-monospace, "Liberation Mono", monospace;
  white-space: pre-wrap; word-break: break-word; }
.none { color: var(--muted); }
"""

SCRIPT = """
(function () {
  "use strict";
  var filters = document.getElementById("filters");
  var select = document.getElementById("filter-service");
  var boxes = Array.prototype.slice.call(
    document.querySelectorAll("#filter-severity input[type=checkbox]"));
  var count = document.getElementById("filter-count");
  function each(selector, action) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), action);
  }
  function apply() {
    var service = select.value;
    var shown = {};
    boxes.forEach(function (box) { shown[box.value] = box.checked; });
    function serviceShown(element) {
      return service === "" || element.getAttribute("data-service") === service;
    }
    var visible = 0, total = 0;
    each("tr.change", function (row) {
      var on = serviceShown(row) && shown[row.getAttribute("data-severity")] === true;
      row.hidden = !on;
      total += 1;
      if (on) { visible += 1; }
    });
    each(".method", function (method) {
      var levels = (method.getAttribute("data-severities") || "").split(" ").filter(Boolean);
      method.hidden = levels.length > 0 && !levels.some(function (level) {
        return shown[level] === true;
      });
    });
    each("section.service", function (block) {
      var rows = block.querySelectorAll("tr.change");
      var any = rows.length === 0 || Array.prototype.some.call(rows, function (row) {
        return !row.hidden;
      });
      block.hidden = !(serviceShown(block) && any);
    });
    each("details.release", function (release) {
      release.hidden = !Array.prototype.some.call(
        release.querySelectorAll("section.service"), function (block) { return !block.hidden; });
    });
    each("figure.growth", function (figure) { figure.hidden = !serviceShown(figure); });
    var empty = document.getElementById("filter-empty");
    if (empty) { empty.hidden = visible > 0 || total === 0; }
    count.textContent = visible + " of " + total + " changes shown";
  }
  select.addEventListener("change", apply);
  boxes.forEach(function (box) { box.addEventListener("change", apply); });
  filters.hidden = false;
  apply();
})();
"""


def esc(value: object) -> str:
    """Text from a model or a release, made inert in element content and quoted attributes."""
    return html.escape(str(value), quote=True)


def json_island(data: Any) -> str:
    """JSON for a ``<script type="application/json">`` element: ``<`` (and ``>``, ``&``) are
    written as ``\\u`` escapes, so no value can close the element or open a comment."""
    text = orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode()
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _release_label(info: ReleaseInfo) -> str:
    label = info.name
    return f"{label} ({info.date.isoformat()})" if info.date else label


def _severity_order(change: Change) -> tuple[int, str, str, str]:
    return (-change.severity.rank, change.path, change.rule, change.message)


def _badge(severity: Severity) -> str:
    return f'<span class="badge badge-{severity}">{esc(severity)}</span>'


def _counts(changes: Iterable[Change]) -> str:
    counts = Counter(change.severity for change in changes)
    return "".join(
        f'<span class="badge badge-{level}" title="{counts[level]} {level}">'
        f"{counts[level]} {level}</span>"
        for level in SHOWN_SEVERITIES
        if counts[level]
    )


def _value(value: Any) -> str:
    if value is None:
        return '<span class="none">—</span>'
    text = value if isinstance(value, str) else pformat(value)
    return f"<code>{esc(text)}</code>"


def _delta_blocks(method: Method) -> list[str]:
    """The published deltas, laid out as the text changelog lays them out."""
    request, response = method.request, method.response
    if method.status != "updated":
        return []

    def side(label: str) -> str:
        return f'<div class="side">{label}</div>'

    def block(delta: object) -> str:
        return f"<pre>{esc(pformat(delta))}</pre>"

    if request and response:
        if request == response:
            return [side("Changes (both)"), block(request)]
        return [
            side("Changes (request, response)"),
            side("Request"),
            block(request),
            side("Response"),
            block(response),
        ]
    if request:
        return [side("Changes (request)"), block(request)]
    if response:
        return [side("Changes (response)"), block(response)]
    return []


def _method(method: Method, service: str) -> str:
    levels = " ".join(sorted({c.severity for c in method.changes}))
    parts = [
        f'<div class="method" data-service="{esc(service)}" data-severities="{esc(levels)}">',
        f'<h4>{esc(method.name)} <span class="muted">({esc(method.status)})</span></h4>',
        *_delta_blocks(method),
        "</div>",
    ]
    return "\n".join(parts)


def _change_row(change: Change) -> str:
    return (
        f'<tr class="change" data-service="{esc(change.service)}" '
        f'data-severity="{esc(change.severity)}" title="{esc(change.message)}">'
        f"<td>{_badge(change.severity)}</td><td>{esc(change.rule)}</td>"
        f"<td><code>{esc(change.path)}</code></td>"
        f"<td>{_value(change.old)}</td><td>{_value(change.new)}</td></tr>"
    )


def _section(section: Section) -> str:
    service = esc(section.service)
    parts = [
        f'<section class="service" data-service="{service}">',
        f'<h3>{esc(section.headline)} <span class="muted">[{service}]</span></h3>',
    ]
    if section.notes:
        parts.append(
            '<ul class="notes">'
            + "".join(f"<li>{esc(note)}</li>" for note in section.notes)
            + "</ul>"
        )
    parts += [_method(method, section.service) for method in section.methods]
    if section.changes:
        parts += [
            '<table class="changes"><thead><tr><th>severity</th><th>rule</th><th>path</th>'
            "<th>old</th><th>new</th></tr></thead><tbody>"
        ]
        parts += [_change_row(c) for c in sorted(section.changes, key=_severity_order)]
        parts.append("</tbody></table>")
    parts.append("</section>")
    return "\n".join(parts)


def _release(changelog: Changelog, index: int) -> str:
    changes = [c for section in changelog.sections for c in section.changes]
    services = " ".join(sorted({s.service for s in changelog.sections}))
    summary = (
        f"botocore {esc(_release_label(changelog.new))} "
        f'<span class="muted">from {esc(changelog.old.name)} · '
        f"{len(changelog.sections)} service(s)</span>{_counts(changes)}"
    )
    parts = [
        f'<details open class="release" id="release-{index}" '
        f'data-version="{esc(changelog.new.name)}" data-services="{esc(services)}">',
        f"<summary>{summary}</summary>",
        *(_section(section) for section in changelog.sections),
        "</details>",
    ]
    return "\n".join(parts)


def _ticks(low: int, high: int) -> tuple[int, int]:
    return (low - 1, high + 1) if low == high else (low, high)


def _short(label: str, size: int = 16) -> str:
    """A release label that fits under a chart: a long one (a folder's path) keeps its end."""
    return label if len(label) <= size else "…" + label[-(size - 1) :]


def chart(service: str, entries: Sequence[Growth]) -> str:
    """Operations (left axis) and shapes (right axis) of one service over the releases."""
    width, height = 520, 190
    left, right, top, bottom = 56, 56, 14, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    count = len(entries)

    def x(position: int) -> float:
        return left + (plot_w * position / (count - 1) if count > 1 else plot_w / 2)

    def scale(values: Sequence[int]) -> tuple[tuple[int, int], list[float]]:
        low, high = _ticks(min(values), max(values))
        return (low, high), [top + plot_h * (high - v) / (high - low) for v in values]

    ops = [g.operations for g in entries]
    shapes = [g.shapes for g in entries]
    (ops_low, ops_high), ops_y = scale(ops)
    (shapes_low, shapes_high), shapes_y = scale(shapes)
    name = esc(service)
    parts = [
        f'<figure class="growth" data-service="{name}">',
        f'<figcaption>{name} <span class="muted">· <span class="legend-ops">■ operations'
        f'</span> <span class="legend-shapes">■ shapes</span></span></figcaption>',
        f'<svg width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="growth of {name}: operations and shapes per release">',
        f"<title>{name}: operations {ops[0]} → {ops[-1]}, "
        f"shapes {shapes[0]} → {shapes[-1]}</title>",
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        'stroke="#d1d9e0"/>',
    ]
    for label, y_value, anchor, x_value, colour in (
        (ops_high, top, "end", left - 6, OPS),
        (ops_low, top + plot_h, "end", left - 6, OPS),
        (shapes_high, top, "start", left + plot_w + 6, SHAPES),
        (shapes_low, top + plot_h, "start", left + plot_w + 6, SHAPES),
    ):
        parts.append(
            f'<text x="{x_value}" y="{y_value + 4}" text-anchor="{anchor}" '
            f'font-size="11" fill="{colour}">{label}</text>'
        )
    parts += [
        f'<text class="axis-label" x="12" y="{top + plot_h / 2:.1f}" font-size="11" '
        f'fill="{OPS}" text-anchor="middle" '
        f'transform="rotate(-90 12 {top + plot_h / 2:.1f})">operations</text>',
        f'<text class="axis-label" x="{width - 10}" y="{top + plot_h / 2:.1f}" '
        f'font-size="11" fill="{SHAPES}" text-anchor="middle" '
        f'transform="rotate(90 {width - 10} {top + plot_h / 2:.1f})">shapes</text>',
        f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{height - 4}" '
        f'font-size="11" fill="{MUTED}" text-anchor="middle">release</text>',
    ]
    # release labels on the x axis: all of them when few, else the first, middle and last
    marks = range(count) if count <= 6 else sorted({0, count // 2, count - 1})
    for position in marks:
        anchor = (
            "start"
            if position == 0 and count > 1
            else "end"
            if position == count - 1 and count > 1
            else "middle"
        )
        version = esc(_short(entries[position].version))
        parts.append(
            f'<text x="{x(position):.1f}" y="{top + plot_h + 16}" font-size="10" '
            f'fill="{MUTED}" text-anchor="{anchor}">{version}</text>'
        )
    for values, ys, colour, what in (
        (ops, ops_y, OPS, "operations"),
        (shapes, shapes_y, SHAPES, "shapes"),
    ):
        points = " ".join(f"{x(i):.1f},{y:.1f}" for i, y in enumerate(ys))
        parts.append(
            f'<polyline class="line-{what}" fill="none" stroke="{colour}" '
            f'stroke-width="2" points="{points}"/>'
        )
        for i, y in enumerate(ys):
            entry = entries[i]
            when = f" ({entry.date.isoformat()})" if entry.date else ""
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y:.1f}" r="2.5" fill="{colour}">'
                f"<title>{esc(entry.version)}{esc(when)}: {values[i]} {what}</title>"
                "</circle>"
            )
    parts += ["</svg>", "</figure>"]
    return "\n".join(parts)


def _charted(history: History) -> list[str]:
    changed = {s.service for c in history.changelogs for s in c.sections}
    services = sorted(s for s, entries in history.growth.items() if entries)
    if len(services) <= CHART_ALL_UP_TO:
        return services
    return [s for s in services if s in changed]


def _services(history: History) -> list[str]:
    return sorted(
        {s.service for c in history.changelogs for s in c.sections} | set(_charted(history))
    )


def _filters(services: Sequence[str]) -> str:
    options = ['<option value="">all services</option>']
    options += [f'<option value="{esc(s)}">{esc(s)}</option>' for s in services]
    boxes = "".join(
        f'<label><input type="checkbox" id="filter-{level}" value="{level}" checked>'
        f"{_badge(level)}</label>"
        for level in SHOWN_SEVERITIES
    )
    return (
        '<nav id="filters" hidden>'
        f'<label for="filter-service">Service</label><select id="filter-service">'
        f"{''.join(options)}</select>"
        f'<fieldset id="filter-severity"><legend>Severity</legend>{boxes}</fieldset>'
        '<span id="filter-count"></span></nav>'
    )


def _data(history: History) -> dict[str, Any]:
    return {
        "format": "botocontract.history-page/1",
        "releases": [r.as_json() for r in history.releases],
        "changed": [
            {"old": c.old.name, "new": c.new.name, "services": [s.service for s in c.sections]}
            for c in history.changelogs
        ],
        "growth": {
            service: [
                {
                    "botocore": g.version,
                    "date": g.date.isoformat() if g.date else None,
                    "operations": g.operations,
                    "shapes": g.shapes,
                }
                for g in entries
            ]
            for service, entries in history.growth.items()
        },
    }


def render(history: History) -> str:
    first = history.releases[0].name if history.releases else "?"
    last = history.releases[-1].name if history.releases else "?"
    title = f"botocore {first} → {last}"
    changed = len(history.changelogs)
    total = sum(len(s.changes) for c in history.changelogs for s in c.sections)
    charted = _charted(history)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f"<header><h1>{esc(title)}</h1>",
        f'<p class="muted" id="summary">{len(history.releases)} release(s) in the range, '
        f"{changed} with changes to a selected service, {total} change(s) in all.</p></header>",
        _filters(_services(history)),
    ]
    if charted:
        parts += [
            '<section id="growth"><h2>Growth over the range</h2><div class="charts">',
            *(chart(s, history.growth[s]) for s in charted),
            "</div></section>",
        ]
    parts.append('<main id="releases"><h2>Releases, newest first</h2>')
    if history.changelogs:
        parts.append('<p id="filter-empty" class="muted" hidden>No change matches the filter.</p>')
        parts += [_release(c, i) for i, c in enumerate(history.changelogs)]
    else:
        parts.append(
            '<p class="muted" id="no-changes">No selected service changed in this range.</p>'
        )
    parts += [
        "</main>",
        f'<script type="application/json" id="history-data">{json_island(_data(history))}</script>',
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
