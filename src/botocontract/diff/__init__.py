"""Neutral diffs: of two services, and of two whole releases."""

from .facts import Fact, Kind
from .release import ReleaseDiff, ServiceDiff, compare_releases
from .service import compare_services

__all__ = ["Fact", "Kind", "ReleaseDiff", "ServiceDiff", "compare_releases", "compare_services"]
