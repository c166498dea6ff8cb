"""The rule table as JSON, version 1 (docs/cli.md): for scripts that map rule ids to severities."""

from __future__ import annotations

from typing import Any

import orjson

from ..rules.table import ANYWHERE, SEVERITY_MEANINGS, Rule

ANY_KIND = "any"  # the catch-all rule judges facts of every kind
ANY_SIDE = "any"  # a rule that judges facts on either side and outside the trees


def side_word(rule: Rule) -> str | None:
    """The one side a rule judges, None outside the trees, or ``any``: a rule judges one place
    or every place."""
    if rule.sides == ANYWHERE:
        return ANY_SIDE
    (side,) = rule.sides
    return side.value if side is not None else None


def rule_data(rule: Rule) -> dict[str, Any]:
    """One rule as the formats show it. ``side`` is None for facts outside the request and
    response trees; ``kind`` is ``any`` for the catch-all."""
    return {
        "id": rule.id,
        "severity": rule.severity,
        "side": side_word(rule),
        "kind": rule.kind.value if rule.kind is not None else ANY_KIND,
        "explanation": rule.explanation,
    }


def as_data(rules: tuple[Rule, ...]) -> dict[str, Any]:
    return {
        "format": "botocontract.rules/1",
        "severities": [
            {"severity": level, "meaning": meaning} for level, meaning in SEVERITY_MEANINGS.items()
        ],
        "rules": [rule_data(rule) for rule in rules],
    }


def render(rules: tuple[Rule, ...]) -> str:
    return orjson.dumps(as_data(rules), option=orjson.OPT_INDENT_2).decode() + "\n"
