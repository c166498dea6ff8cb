"""The judged diff as GitHub-flavoured Markdown: for a job's step summary or a pull request comment.

A title with both releases, one summary line, then per service a heading and a table of its changes,
breaking first. Everything taken from a model (service names, paths, messages) is escaped so that it
can neither break a table row nor inject HTML; long services fold into ``<details>`` blocks.
"""

from __future__ import annotations

from ..release_info import ReleaseInfo
from ..rules.judge import Change, JudgedService, Verdict
from ..rules.severity import LEVELS

# A service with more rows than this is folded into a <details> block.
DETAILS_THRESHOLD = 50

_BACKSLASHED = "\\`*_[]|~"  # the backslash first: it escapes the others
_ENTITIES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"))


def escape(text: str) -> str:
    """Model text made inert inside a Markdown table cell: no cell breaks, no HTML, no emphasis,
    no code spans; line breaks become ``<br>``."""
    for char in _BACKSLASHED:
        text = text.replace(char, "\\" + char)
    for char, entity in _ENTITIES:
        text = text.replace(char, entity)
    return "<br>".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def _release(info: ReleaseInfo) -> str:
    label = info.botocore or info.spec
    return f"{label} ({info.date.isoformat()})" if info.date else label


def _releases(verdict: Verdict) -> str:
    prefix = "botocore " if verdict.old.botocore and verdict.new.botocore else ""
    return f"{prefix}{escape(_release(verdict.old))} -> {escape(_release(verdict.new))}"


def _severity(level: str) -> str:
    return f"**{level}**" if level == "breaking" else level


def _counts(changes: tuple[Change, ...] | list[Change]) -> str:
    counts = dict.fromkeys(reversed(LEVELS), 0)
    for change in changes:
        counts[change.severity] += 1
    return ", ".join(f"{count} {level}" for level, count in counts.items())


def _order(change: Change) -> tuple[int, str, str, str]:
    return (-change.severity.rank, change.path, change.rule, change.message)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _service(judged: JudgedService) -> list[str]:
    heading = f"### {escape(judged.service)}"
    if judged.full_name and judged.full_name != judged.service:
        heading += f" - {escape(judged.full_name)}"
    if judged.status in ("added", "removed"):
        heading += f" ({judged.status})"
    rows = ["| severity | rule | path | change |", "|---|---|---|---|"]
    for change in sorted(judged.changes, key=_order):
        rows.append(
            f"| {_severity(change.severity)} | `{change.rule}` | {escape(change.path)} "
            f"| {escape(change.message)} |"
        )
    if len(judged.changes) <= DETAILS_THRESHOLD:
        return [heading, "", *rows, ""]
    summary = f"{_plural(len(judged.changes), 'change')}: {_counts(judged.changes)}"
    return [heading, "", f"<details><summary>{summary}</summary>", "", *rows, "", "</details>", ""]


def render(verdict: Verdict) -> str:
    ignored = len(verdict.ignored)
    ignored_note = f" ({_plural(ignored, 'accepted change')} not shown)" if ignored else ""
    services = _plural(verdict.services_compared, "service")
    if not verdict.services:
        return f"No changes were found across {services} ({_releases(verdict)}){ignored_note}.\n"
    counts = verdict.summary()
    parts = [
        f"**{count} {level}**" if level == "breaking" and count else f"{count} {level}"
        for level, count in counts.items()
    ]
    lines = [
        f"## botocontract diff: {_releases(verdict)}",
        "",
        f"{', '.join(parts)} in {len(verdict.services)} of {services} compared{ignored_note}.",
        "",
    ]
    for judged in sorted(verdict.services, key=lambda s: s.service):
        lines.extend(_service(judged))
    return "\n".join(lines).rstrip("\n") + "\n"
