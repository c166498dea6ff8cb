"""Judging a diff: the rule table, severities, overrides and ignore files."""

from .judge import Change, JudgedService, Verdict, judge, parse_overrides
from .severity import Severity
from .table import RULES, RULES_BY_ID, Rule, rule_for

# Ignore files (rules.ignore) load YAML and JSON Schema: imported where an ignore file is given.
__all__ = [
    "RULES",
    "RULES_BY_ID",
    "Change",
    "JudgedService",
    "Rule",
    "Severity",
    "Verdict",
    "judge",
    "parse_overrides",
    "rule_for",
]
