"""Static analysis of the Python code that calls AWS: which client calls it makes, with which
request members, reading which response members. Nothing is imported or run: ``ast`` only."""

from .findings import ITEM, Call, Finding, Member, ScanResult, Unresolved
from .project import scan

__all__ = ["ITEM", "Call", "Finding", "Member", "ScanResult", "Unresolved", "scan"]
