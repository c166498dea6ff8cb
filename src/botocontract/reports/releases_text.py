"""``releases`` as text: one line per release, cached ones with their build date."""

from __future__ import annotations

from ..sources.index import Published


def render(releases: list[Published]) -> str:
    return "".join(f"{_line(item)}\n" for item in releases)


def _line(item: Published) -> str:
    if item.cached is not None:
        state = "cached " + (item.date.isoformat() if item.date else "")
    elif not item.fetchable:
        state = "not fetchable (no wheel)"
    else:
        state = ""
    return f"{item.version!s:<10} {state}".rstrip()
