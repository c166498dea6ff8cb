"""The rule table for a terminal: one aligned line per rule, in the order rules are tried."""

from __future__ import annotations

from ..rules.table import Rule
from .rules_json import rule_data

COLUMNS = ("id", "severity", "side", "kind", "explanation")


def _row(rule: Rule) -> tuple[str, ...]:
    data = rule_data(rule)
    return tuple("-" if data[column] is None else str(data[column]) for column in COLUMNS)


def render(rules: tuple[Rule, ...]) -> str:
    rows = [COLUMNS, *(_row(rule) for rule in rules)]
    widths = [max(len(row[column]) for row in rows) for column in range(len(COLUMNS))]
    widths[-1] = 0  # the last column is not padded: no trailing blanks
    return "".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) + "\n"
        for row in rows
    )
