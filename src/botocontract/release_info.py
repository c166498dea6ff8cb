"""How a release is named in reports: a small value every layer above the sources passes on, kept
here so that judging and rendering a diff never import the machinery that opens releases."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseInfo:
    """How a release is named in reports (cli.md's RELEASE object)."""

    spec: str
    botocore: str | None
    date: dt.date | None
    # How a pin became this release, for specs that name one indirectly (a boto3 release, a lock
    # file): ``boto3==1.35.0 → botocore 1.35.99``. JSON carries the same as spec and botocore.
    resolution: str | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "spec": self.spec,
            "botocore": self.botocore,
            "date": self.date.isoformat() if self.date else None,
        }

    @property
    def name(self) -> str:
        """The botocore version, or the spec when it is not known: ``1.37.22``, ``./old``.
        (``label`` is the prose form, ``botocore 1.37.22``.)"""
        return self.botocore or self.spec

    @property
    def label(self) -> str:
        """The release in prose: ``botocore 1.37.22``, ``uv.lock → botocore 1.37.22``, ``./old``."""
        if self.resolution:
            return self.resolution
        return f"botocore {self.botocore}" if self.botocore else self.spec
