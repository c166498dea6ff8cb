"""Judging a diff: the rule table, severities, overrides and ignore files."""

from .ignore import IgnoreList, load_ignore
from .judge import Change, JudgedService, Verdict, judge, parse_overrides
from .table import RULES, RULES_BY_ID, SEVERITIES, Rule, rule_for

__all__ = ["RULES", "RULES_BY_ID", "SEVERITIES", "Change", "IgnoreList", "JudgedService", "Rule",
           "Verdict", "judge", "load_ignore", "parse_overrides", "rule_for"]
