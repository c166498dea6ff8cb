"""A range changelog in the AWS text format: each release's sections, newest release first, each
release named by its botocore version beside its date (the headlines give only the date)."""

from __future__ import annotations

from ..changelog.build import headline_date
from ..history.ranges import History
from .changelog_text import render as render_changelog


def render(history: History) -> str:
    if not history.changelogs:
        first, last = history.releases[0].name, history.releases[-1].name
        count = len(history.releases)
        return f"botocore {first} -> {last}: no service changed in {count} releases.\n"
    return "\n".join(
        f"botocore {c.old.name} -> {c.new.name} - {headline_date(c.new)}\n\n" + render_changelog(c)
        for c in history.changelogs
    )
