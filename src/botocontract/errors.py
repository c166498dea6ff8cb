"""Errors a user can act on.

Every error that reaches the command line is one of these and becomes one line on stderr with exit
code 2. Messages are built from templates, as botocore does, so that each kind of failure always
reads the same way and names its culprit (a file, a line, a value).
"""

from __future__ import annotations

from typing import Any, ClassVar


class BotocontractError(Exception):
    """Bad input: a spec, a file, a name on the command line. Exit code 2."""

    fmt: ClassVar[str] = "{msg}"

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        super().__init__(self.fmt.format(**kwargs))

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross from worker processes to the parent: rebuild them from their fields.
        return _rebuild, (type(self), self.kwargs)


class SpecError(BotocontractError):
    fmt = "not a release spec: {spec!r}{hint}"


class VersionNotFoundError(BotocontractError):
    fmt = "botocore {version} is not a published release ({detail})"


class PipError(BotocontractError):
    fmt = "pip could not fetch {requirement}: {detail}"


class OfflineError(BotocontractError):
    fmt = "{requirement} is not in the cache {cache_dir} and --offline forbids running pip"


class CacheError(BotocontractError):
    fmt = "cache {path}: {detail}"


class SourceError(BotocontractError):
    """A file or folder that is not a usable botocore release."""

    fmt = "{path}: {detail}"


class ModelError(BotocontractError):
    """A service model that cannot be read or does not hold together."""

    fmt = "{path}: {detail}"


class UnknownServiceError(BotocontractError):
    fmt = "unknown service {service!r} in {release}{suggestion}"


class UnknownOperationError(BotocontractError):
    fmt = "unknown operation {operation!r} in {service} ({release}){suggestion}"


class UnknownApiVersionError(BotocontractError):
    fmt = "{service} has no api version {api_version!r} in {release} (it has: {available})"


class UsageError(BotocontractError):
    fmt = "{msg}"


def _rebuild(kind: type[BotocontractError], kwargs: dict[str, Any]) -> BotocontractError:
    return kind(**kwargs)


def did_you_mean(name: str, candidates: list[str] | tuple[str, ...]) -> str:
    """A ': did you mean ...?' suffix naming the closest candidates, or ''."""
    import difflib

    close = difflib.get_close_matches(name, candidates, n=3, cutoff=0.6)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        close = [lowered[c] for c in difflib.get_close_matches(name.lower(), list(lowered), n=3)]
    return f"; did you mean {', '.join(close)}?" if close else ""
