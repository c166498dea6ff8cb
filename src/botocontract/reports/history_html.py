"""A range changelog as one self-contained HTML page: no external script, style, font or image,
and a Content-Security-Policy that forbids loading any.

Built for long ranges: each release pair that changed a selected service is a ``<details>`` block,
collapsed, newest first, whose id is its version (``#v1.40.3`` opens it), so the page starts as an
index of releases. Per service it holds its headline, notes, methods (the published deltas) and a
table of every judged change with its severity as a coloured badge; a change that touches a
contract clause (when contracts are given) is marked pinned. A small inline script adds a search
box, filters by service, severity and pinned, and expand-all / collapse-all, through ``data-*``
attributes; without it the page still reads (native ``<details>``). The growth charts come last,
collapsed: inline SVG, each service's operations and shapes as their change since the first
release, on one scale shared by every chart with its zero line, so +1 looks the same size
everywhere. Every string taken from a model or a release goes through :func:`html.escape`, and the
JSON island escapes ``<`` so that no value can close its ``<script>`` element.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import orjson

from ..changelog.build import Changelog, Method, Section
from ..history.ranges import Growth, History
from ..release_info import ReleaseInfo
from ..rules.change import shown_value
from ..rules.grouped import severity_counts
from ..rules.judge import Change
from ..rules.severity import GRAVEST_FIRST, Severity
from .common import (
    delta_layout,
    growth_data,
    pformat,
    severity_order,
)

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
# With no service chosen, a range over every service charts only those that changed, unless the
# range tracks no more services than this.
CHART_ALL_UP_TO = 20
# The least span of the shared chart scale: a range where nothing grew by more than one does not
# draw +1 as the chart's full height.
LEAST_SPAN = 10
# SVG presentation attributes take no CSS variables: the line colours, as in the style sheet.
OPS, SHAPES, MUTED, GRID = "#3a6ea5", "#c2571a", "#59636e", "#d1d9e0"
Touched = Mapping[str, tuple[str, ...]]

STYLE = """
:root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff;
  --panel: #f6f8fa; --breaking: #c62828; --warning: #b26a00; --info: #3a6ea5;
  --ops: #3a6ea5; --shapes: #c2571a; --pinned: #fff5c2; --pin: #9a6700; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; padding: 0 1.5rem 3rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI",
  Roboto, "Liberation Sans", sans-serif; color: var(--fg); background: var(--bg);
  overflow-wrap: anywhere; }
header { padding: 1.25rem 0 0.5rem; }
h1 { font-size: 1.5rem; margin: 0 0 0.25rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1rem; margin: 0 0 0.5rem; }
h4 { font-size: 0.9rem; margin: 0.75rem 0 0.25rem; font-family: ui-monospace, monospace; }
.muted { color: var(--muted); }
#filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 0.5rem 1rem;
  align-items: center; padding: 0.6rem 0.75rem; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; }
#filters fieldset { border: 0; margin: 0; padding: 0; display: flex; flex-wrap: wrap;
  gap: 0.5rem; align-items: center; }
#filters legend { float: left; margin-right: 0.25rem; font-weight: 600; }
#filters label { display: inline-flex; gap: 0.3rem; align-items: center; }
#filters select, #filters input[type=search], #filters button { font: inherit;
  padding: 0.15rem 0.4rem; }
#filter-text { width: 16rem; max-width: 100%; }
#filter-count { margin-left: auto; color: var(--muted); }
#filters .actions { display: inline-flex; gap: 0.5rem; }
.badge { display: inline-block; min-width: 4.8em; padding: 0.05rem 0.45rem; border-radius: 999px;
  color: #fff; font-size: 0.75rem; font-weight: 600; text-align: center; }
.badge-breaking { background: var(--breaking); }
.badge-warning { background: var(--warning); }
.badge-info { background: var(--info); }
.badge-pinned { background: var(--pin); }
details.release { margin: 0.5rem 0; border: 1px solid var(--line); border-radius: 6px;
  scroll-margin-top: 4.5rem; }
details.release > summary { cursor: pointer; padding: 0.5rem 0.75rem; background: var(--panel);
  border-radius: 6px; font-weight: 600; }
details.release > summary .badge { margin-left: 0.35rem; }
details.release > summary a.anchor { margin-left: 0.35rem; color: var(--muted);
  text-decoration: none; }
details.release:target > summary { outline: 2px solid var(--info); }
section.service { padding: 0.75rem; border-top: 1px solid var(--line); }
section.service.pinned { box-shadow: inset 4px 0 0 var(--pin); }
ul.notes { margin: 0 0 0.5rem; padding-left: 1.2rem; }
pre { margin: 0.25rem 0; padding: 0.5rem; background: var(--panel); border-radius: 4px;
  overflow-x: auto; font: 12px/1.4 ui-monospace, "Liberation Mono", monospace; }
.side { font-size: 0.8rem; color: var(--muted); margin-top: 0.35rem; }
.table { overflow-x: auto; margin-top: 0.75rem; }
table.changes { width: 100%; min-width: 40rem; border-collapse: collapse; font-size: 0.85rem;
  overflow-wrap: normal; }
table.changes th, table.changes td { text-align: left; vertical-align: top; padding: 0.3rem 0.4rem;
  border-bottom: 1px solid var(--line); }
table.changes th { background: var(--panel); }
table.changes td code { font: 12px/1.4 ui-monospace, "Liberation Mono", monospace;
  white-space: pre-wrap; word-break: break-word; }
tr.pinned td { background: var(--pinned); }
tr.pinned td:first-child { box-shadow: inset 4px 0 0 var(--pin); }
.pin { display: block; margin-top: 0.2rem; color: var(--pin); font-size: 0.75rem;
  font-weight: 600; }
.none { color: var(--muted); }
details#growth { margin: 1.5rem 0 0; }
details#growth > summary { cursor: pointer; font-size: 1.15rem; font-weight: 600; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem; margin-top: 0.75rem; }
figure.growth { flex: 1 1 22rem; max-width: 36rem; margin: 0; padding: 0.5rem;
  border: 1px solid var(--line); border-radius: 6px; }
figure.growth figcaption { font-weight: 600; margin-bottom: 0.25rem; }
figure.growth figcaption .muted { font-size: 0.8rem; font-weight: 400; }
figure.growth svg { display: block; width: 100%; height: auto; }
.legend-ops { color: var(--ops); } .legend-shapes { color: var(--shapes); }
@media (max-width: 40rem) {
  body { padding: 0 0.5rem 2rem; font-size: 15px; }
  #filters { position: static; padding: 0.5rem; }
  #filter-text { width: 100%; }
  #filter-count { margin-left: 0; }
  details.release > summary { padding: 0.5rem; }
  section.service { padding: 0.5rem 0.25rem; }
}
"""

SCRIPT = """
(function () {
  "use strict";
  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }
  function lower(text) { return (text || "").toLowerCase(); }
  var select = document.getElementById("filter-service");
  var search = document.getElementById("filter-text");
  var pinnedOnly = document.getElementById("filter-pinned");
  var boxes = all("#filter-severity input[type=checkbox]");
  var count = document.getElementById("filter-count");
  var empty = document.getElementById("filter-empty");
  // What each element is matched on, read once: the page may hold thousands of rows.
  var total = 0;
  var releases = all("details.release").map(function (release) {
    return {element: release, sections: all("section.service", release).map(function (block) {
      var heading = block.querySelector("h3");
      var rows = all("tr.change", block).map(function (row) {
        total += 1;
        return {element: row, severity: row.getAttribute("data-severity"),
          pinned: row.classList.contains("pinned"),
          text: lower(row.textContent + " " + row.getAttribute("title"))};
      });
      return {element: block, service: block.getAttribute("data-service"), rows: rows,
        text: lower(block.getAttribute("data-service") + " " + (heading && heading.textContent)),
        methods: all(".method", block).map(function (method) {
          return {element: method, text: lower(method.textContent),
            levels: (method.getAttribute("data-severities") || "").split(" ").filter(Boolean)};
        })};
    })};
  });
  var figures = all("figure.growth").map(function (figure) {
    return {element: figure, service: figure.getAttribute("data-service")};
  });
  function apply() {
    var service = select.value;
    var query = lower(search.value.trim());
    var onlyPinned = pinnedOnly !== null && pinnedOnly.checked;
    var shown = {};
    boxes.forEach(function (box) { shown[box.value] = box.checked; });
    var visible = 0;
    releases.forEach(function (release) {
      var any = false;
      release.sections.forEach(function (block) {
        var inService = service === "" || block.service === service;
        // a service or headline that matches the search shows all of its changes
        var named = query === "" || block.text.indexOf(query) >= 0;
        var rows = 0, methods = 0;
        block.rows.forEach(function (row) {
          var on = inService && shown[row.severity] === true && (!onlyPinned || row.pinned) &&
            (named || row.text.indexOf(query) >= 0);
          row.element.hidden = !on;
          if (on) { rows += 1; }
        });
        block.methods.forEach(function (method) {
          var on = inService && !onlyPinned && (named || method.text.indexOf(query) >= 0) &&
            (method.levels.length === 0 || method.levels.some(function (level) {
              return shown[level] === true;
            }));
          method.element.hidden = !on;
          if (on) { methods += 1; }
        });
        var on = inService && (rows > 0 || methods > 0 ||
          (block.rows.length === 0 && named && !onlyPinned));
        block.element.hidden = !on;
        visible += rows;
        any = any || on;
      });
      release.element.hidden = !any;
      // a search opens the releases it found, and closing it closes them again
      if (query !== "" && any && !release.element.open) {
        release.element.open = true;
        release.element.setAttribute("data-searched", "");
      } else if (query === "" && release.element.hasAttribute("data-searched")) {
        release.element.open = false;
        release.element.removeAttribute("data-searched");
      }
    });
    figures.forEach(function (figure) {
      figure.element.hidden = !((service === "" || figure.service === service) &&
        (query === "" || lower(figure.service).indexOf(query) >= 0));
    });
    if (empty) { empty.hidden = visible > 0 || total === 0; }
    count.textContent = visible + " of " + total + " changes shown";
  }
  function openAll(open) {
    releases.forEach(function (release) {
      release.element.removeAttribute("data-searched");
      if (!release.element.hidden || !open) { release.element.open = open; }
    });
  }
  function follow() {
    // #v1.40.3: open that release (the browser scrolls to it, but leaves it closed)
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.classList.contains("release")) {
      target.hidden = false;
      target.open = true;
      target.scrollIntoView();
    }
  }
  var timer = null;
  search.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
  select.addEventListener("change", apply);
  boxes.concat(pinnedOnly ? [pinnedOnly] : []).forEach(function (box) {
    box.addEventListener("change", apply);
  });
  document.getElementById("expand-all").addEventListener("click", function () { openAll(true); });
  document.getElementById("collapse-all").addEventListener("click", function () {
    openAll(false);
  });
  window.addEventListener("hashchange", follow);
  document.getElementById("filters").hidden = false;
  apply();
  follow();
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


def anchor(version: str) -> str:
    """The id of a release's section: ``v`` and its version (``v1.40.3``); an id holds no
    whitespace, so a label that has some (a folder's path) has dashes there."""
    return "v" + re.sub(r"\s+", "-", version)


def _release_label(info: ReleaseInfo) -> str:
    label = info.name
    return f"{label} ({info.date.isoformat()})" if info.date else label


def _badge(severity: Severity) -> str:
    return f'<span class="badge badge-{severity}">{esc(severity)}</span>'


def _levels(changes: Iterable[Change]) -> dict[Severity, int]:
    """The levels the changes have, gravest first, with how many: zeros are not shown."""
    return {level: count for level, count in severity_counts(changes).items() if count}


def _counts(changes: Iterable[Change], touched: Touched) -> str:
    changes = list(changes)
    badges = [
        f'<span class="badge badge-{level}" title="{count} {level}">{count} {level}</span>'
        for level, count in _levels(changes).items()
    ]
    pinned = sum(1 for change in changes if change.fingerprint in touched)
    if pinned:
        badges.append(
            f'<span class="badge badge-pinned" title="{pinned} touching a contract clause">'
            f"{pinned} pinned</span>"
        )
    return "".join(badges)


def _value(value: Any) -> str:
    if value is None:
        return '<span class="none">—</span>'
    return f"<code>{esc(shown_value(value))}</code>"


def _delta_blocks(method: Method) -> list[str]:
    """The published deltas under their headings, as every changelog format lays them out."""
    blocks = []
    for heading, delta in delta_layout(method):
        blocks.append(f'<div class="side">{esc(heading)}</div>')
        if delta is not None:
            blocks.append(f"<pre>{esc(pformat(delta))}</pre>")
    return blocks


def _method(method: Method, service: str) -> str:
    levels = " ".join(_levels(method.changes))
    parts = [
        f'<div class="method" data-service="{esc(service)}" data-severities="{esc(levels)}">',
        f'<h4>{esc(method.name)} <span class="muted">({esc(method.status)})</span></h4>',
        *_delta_blocks(method),
        "</div>",
    ]
    return "\n".join(parts)


def _change_row(change: Change, touched: Touched) -> str:
    clauses = touched.get(change.fingerprint, ())
    pin = ""
    if clauses:
        pin = (
            f'<span class="pin" title="touches {esc(", ".join(clauses))}">'
            f"pinned: {esc(', '.join(clauses))}</span>"
        )
    return (
        f'<tr class="change{" pinned" if clauses else ""}" data-service="{esc(change.service)}" '
        f'data-severity="{esc(change.severity)}" title="{esc(change.message)}">'
        f"<td>{_badge(change.severity)}</td><td>{esc(change.rule)}</td>"
        f"<td><code>{esc(change.path)}</code>{pin}</td>"
        f"<td>{_value(change.old)}</td><td>{_value(change.new)}</td></tr>"
    )


def _section(section: Section, touched: Touched) -> str:
    service = esc(section.service)
    pinned = any(c.fingerprint in touched for c in section.changes)
    parts = [
        f'<section class="service{" pinned" if pinned else ""}" data-service="{service}">',
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
            '<div class="table"><table class="changes"><thead><tr><th>severity</th>'
            "<th>rule</th><th>path</th><th>old</th><th>new</th></tr></thead><tbody>"
        ]
        parts += [_change_row(c, touched) for c in sorted(section.changes, key=severity_order)]
        parts.append("</tbody></table></div>")
    parts.append("</section>")
    return "\n".join(parts)


def _release(changelog: Changelog, touched: Touched) -> str:
    changes = [c for section in changelog.sections for c in section.changes]
    services = " ".join(sorted({s.service for s in changelog.sections}))
    version = changelog.new.name
    summary = (
        f"botocore {esc(_release_label(changelog.new))} "
        f'<span class="muted">from {esc(changelog.old.name)} · '
        f"{len(changelog.sections)} service(s)</span>{_counts(changes, touched)}"
        f'<a class="anchor" href="#{esc(anchor(version))}" title="a link to this release">#</a>'
    )
    parts = [
        f'<details class="release" id="{esc(anchor(version))}" '
        f'data-version="{esc(version)}" data-services="{esc(services)}">',
        f"<summary>{summary}</summary>",
        *(_section(section, touched) for section in changelog.sections),
        "</details>",
    ]
    return "\n".join(parts)


@dataclass(frozen=True, slots=True)
class Scale:
    """The y axis every chart shares: change since the range's first release, zero inside."""

    low: int
    high: int

    def y(self, value: int, top: float, height: float) -> float:
        return top + height * (self.high - value) / (self.high - self.low)


def shared_scale(series: Iterable[Sequence[Growth]]) -> Scale:
    """One scale for every chart: from the largest shrinkage (or 0) to the largest growth (or 0),
    at least ``LEAST_SPAN`` tall."""
    deltas = [0]
    for entries in series:
        if entries:
            ops, shapes = entries[0].operations, entries[0].shapes
            deltas += [d for g in entries for d in (g.operations - ops, g.shapes - shapes)]
    low, high = min(deltas), max(deltas)
    if high - low < LEAST_SPAN:
        if high > 0 or low == 0:  # grew (or stayed): room above
            high = low + LEAST_SPAN
        else:  # only shrank: room below
            low = high - LEAST_SPAN
    return Scale(low, high)


def _short(label: str, size: int = 16) -> str:
    """A release label that fits under a chart: a long one (a folder's path) keeps its end."""
    return label if len(label) <= size else "…" + label[-(size - 1) :]


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value).replace("-", "−")


def chart(service: str, entries: Sequence[Growth], scale: Scale) -> str:
    """Operations and shapes of one service as their change since the first release, on the
    scale every chart shares, with the zero line."""
    width, height = 420, 180
    left, right, top, bottom = 44, 12, 12, 42
    plot_w, plot_h = width - left - right, height - top - bottom
    count = len(entries)
    first, last = entries[0], entries[-1]

    def x(position: int) -> float:
        return left + (plot_w * position / (count - 1) if count > 1 else plot_w / 2)

    def y(value: int) -> float:
        return scale.y(value, top, plot_h)

    name = esc(service)
    caption = (
        f"operations {first.operations} → {last.operations} "
        f"({_signed(last.operations - first.operations)}), "
        f"shapes {first.shapes} → {last.shapes} ({_signed(last.shapes - first.shapes)})"
    )
    parts = [
        f'<figure class="growth" data-service="{name}">',
        f'<figcaption>{name} <span class="muted">· <span class="legend-ops">■ operations'
        f'</span> <span class="legend-shapes">■ shapes</span></span></figcaption>',
        f'<svg viewBox="0 0 {width} {height}" role="img" data-low="{scale.low}" '
        f'data-high="{scale.high}" aria-label="growth of {name}: {caption}">',
        f"<title>{name}: {caption}</title>",
        f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" '
        f'stroke="{GRID}"/>',
        f'<line class="zero" x1="{left}" x2="{left + plot_w}" y1="{y(0):.1f}" y2="{y(0):.1f}" '
        f'stroke="{MUTED}" stroke-width="1"/>',
    ]
    for value in sorted({scale.low, 0, scale.high}):
        parts.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" text-anchor="end" font-size="12" '
            f'fill="{MUTED}">{_signed(value)}</text>'
        )
    # release labels on the x axis: all of them when few, else the first, middle and last
    marks = range(count) if count <= 5 else sorted({0, count // 2, count - 1})
    for position in marks:
        anchor_at = (
            "start"
            if position == 0 and count > 1
            else "end"
            if position == count - 1 and count > 1
            else "middle"
        )
        parts.append(
            f'<text x="{x(position):.1f}" y="{top + plot_h + 16}" font-size="12" '
            f'fill="{MUTED}" text-anchor="{anchor_at}">{esc(_short(entries[position].version))}'
            "</text>"
        )
    parts.append(
        f'<text class="axis-label" x="{left + plot_w / 2:.1f}" y="{height - 4}" font-size="12" '
        f'fill="{MUTED}" text-anchor="middle">change since {esc(_short(first.version))}, '
        "one scale for every chart</text>"
    )
    for values, base, colour, what in (
        ([g.operations for g in entries], first.operations, OPS, "operations"),
        ([g.shapes for g in entries], first.shapes, SHAPES, "shapes"),
    ):
        points = " ".join(f"{x(i):.1f},{y(v - base):.1f}" for i, v in enumerate(values))
        parts.append(
            f'<polyline class="line-{what}" fill="none" stroke="{colour}" '
            f'stroke-width="2" points="{points}"/>'
        )
        for i, value in enumerate(values):
            entry = entries[i]
            when = f" ({entry.date.isoformat()})" if entry.date else ""
            parts.append(
                f'<circle cx="{x(i):.1f}" cy="{y(value - base):.1f}" r="2.5" fill="{colour}">'
                f"<title>{esc(entry.version)}{esc(when)}: {value} {what} "
                f"({_signed(value - base)})</title></circle>"
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


def _filters(services: Sequence[str], pinned: bool) -> str:
    options = ['<option value="">all services</option>']
    options += [f'<option value="{esc(s)}">{esc(s)}</option>' for s in services]
    boxes = "".join(
        f'<label><input type="checkbox" id="filter-{level}" value="{level}" checked>'
        f"{_badge(level)}</label>"
        for level in GRAVEST_FIRST
    )
    pin = '<label><input type="checkbox" id="filter-pinned">only pinned</label>' if pinned else ""
    return (
        '<nav id="filters" hidden>'
        '<input type="search" id="filter-text" placeholder="Search services, paths…"'
        ' aria-label="search services and changes" autocomplete="off">'
        f'<label for="filter-service">Service</label><select id="filter-service">'
        f"{''.join(options)}</select>"
        f'<fieldset id="filter-severity"><legend>Severity</legend>{boxes}</fieldset>{pin}'
        '<span class="actions"><button type="button" id="expand-all">Expand all</button>'
        '<button type="button" id="collapse-all">Collapse all</button></span>'
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
        "growth": growth_data(history),
    }


def _pinned_summary(history: History) -> str:
    if history.touched is None:
        return ""
    changes = [c for log in history.changelogs for s in log.sections for c in s.changes]
    pinned = sum(1 for c in changes if c.fingerprint in history.touched)
    clauses = len({i for c in changes for i in history.touched.get(c.fingerprint, ())})
    what = (
        f"{pinned} change(s) touch {clauses} contract clause(s): marked pinned."
        if pinned
        else "No change touches a contract clause."
    )
    return f'<p id="pinned-summary">{what}</p>'


def render(history: History) -> str:
    first = history.releases[0].name if history.releases else "?"
    last = history.releases[-1].name if history.releases else "?"
    title = f"botocore {first} → {last}"
    changed = len(history.changelogs)
    total = sum(len(s.changes) for c in history.changelogs for s in c.sections)
    touched = history.touched or {}
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
        f"{changed} with changes to a selected service, {total} change(s) in all.</p>",
        _pinned_summary(history),
        "</header>",
        _filters(_services(history), history.touched is not None),
        '<main id="releases"><h2>Releases, newest first</h2>',
    ]
    if history.changelogs:
        parts.append('<p id="filter-empty" class="muted" hidden>No change matches the filter.</p>')
        parts += [_release(c, touched) for c in history.changelogs]
    else:
        parts.append(
            '<p class="muted" id="no-changes">No selected service changed in this range.</p>'
        )
    parts.append("</main>")
    if charted:
        scale = shared_scale(history.growth[s] for s in charted)
        parts += [
            '<details id="growth"><summary>Growth over the range '
            f'<span class="muted">({len(charted)} service(s): operations and shapes, change '
            f"since {esc(first)} on one scale, {_signed(scale.low)} to {_signed(scale.high)})"
            '</span></summary><div class="charts">',
            *(chart(s, history.growth[s], scale) for s in charted),
            "</div></details>",
        ]
    parts += [
        f'<script type="application/json" id="history-data">{json_island(_data(history))}</script>',
        f"<script>{SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
