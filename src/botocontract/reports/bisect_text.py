"""``bisect`` as text: the answer, the search's cost, and the answer's changelog. Warnings (a path
that came and went) are separate lines, for stderr."""

from __future__ import annotations

from ..history.bisect import BisectReport
from .changelog_text import render as render_changelog


def render(report: BisectReport) -> str:
    span = f"{report.versions[0]}..{report.versions[-1]} ({len(report.versions)} releases)"
    text = report.target.text
    if report.release is None:
        if report.gone:
            where = "is still there at the end of"
        elif report.probed.get(report.versions[0]):
            where = "was there at the start but is gone by the end of (try --gone)"
        else:
            where = "is in neither end of"
        return f"{text} {where} {span}; {report.downloads} wheel(s) downloaded\n"
    verb = "stopped existing" if report.gone else "first appears"
    date = report.release.date.isoformat() if report.release.date else "date unknown"
    lines = [
        f"{text} {verb} in botocore {report.release.botocore_version} ({date})",
        f"searched {span}: probed {len(report.probed)}, downloaded {report.downloads}",
    ]
    if report.release.botocore_version == report.versions[0]:
        lines.append(f"note: {text} was already so at the start of the range")
    out = "".join(f"{line}\n" for line in lines)
    if report.section is not None:
        out += "\n" + render_changelog(report.section)
    return out


def warnings(report: BisectReport) -> list[str]:
    """Lines for stderr: releases that contradict the answer."""
    return [
        f"warning: botocore {version} contradicts the answer: the path came and went "
        "more than once, so the answer is one of several changes"
        for version in report.contradictions
    ]
