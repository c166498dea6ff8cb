"""The AWS API changelog text format, line by line as cli.md lays it out."""

from __future__ import annotations

import pprint
from typing import Any

from ..changelog.build import Changelog, Method
from ..rules.judge import Change


class _SortedSets(pprint.PrettyPrinter):
    """pprint sorts a set only when it breaks it over lines; one that fits on a line is its repr,
    in hash order, which changes with PYTHONHASHSEED. Every set is written sorted here."""

    def format(
        self, object: Any, context: dict[int, int], maxlevels: int, level: int
    ) -> tuple[str, bool, bool]:
        if type(object) is set and object:
            return "{" + ", ".join(repr(v) for v in sorted(object)) + "}", True, False
        return super().format(object, context, maxlevels, level)


_PRINTER = _SortedSets(width=80, sort_dicts=True)


def pformat(delta: Any) -> str:
    """A delta as the published changelog writes it (a Python literal), the same on every run."""
    return _PRINTER.pformat(delta)


def _method_lines(method: Method) -> list[str]:
    lines = [f"{method.name} ({method.status})"]
    if method.status != "updated":
        return lines
    request, response = method.request, method.response
    if request and response:
        if request == response:
            lines += ["Changes (both)", pformat(request)]
        else:
            lines += [
                "Changes (request, response)",
                "Request",
                pformat(request),
                "Response",
                pformat(response),
            ]
    elif request:
        lines += ["Changes (request)", pformat(request)]
    elif response:
        lines += ["Changes (response)", pformat(response)]
    return lines


def _unshown_lines(changes: tuple[Change, ...]) -> list[str]:
    """What the published format cannot show, most severe first: a reader of the published
    layout would otherwise never learn of a removal or a type change."""
    ordered = sorted(changes, key=lambda c: -c.severity.rank)
    return ["Not in the published format:"] + [f"  {c.severity} {c.rule} {c.path}" for c in ordered]


def render(changelog: Changelog) -> str:
    if not changelog.sections:
        return f"botocore {changelog.old.name} -> {changelog.new.name}: no service changed.\n"
    blocks: list[str] = []
    for section in changelog.sections:
        blocks.append(section.headline)
        blocks.extend(f"Changes  {note}" for note in section.notes)
        blocks.extend("\n".join(_method_lines(m)) for m in section.methods)
        if section.unshown:
            blocks.append("\n".join(_unshown_lines(section.unshown)))
    return "\n\n".join(blocks) + "\n"
