"""Errors a user can act on.

Every error that reaches the command line is one of these and becomes one line on stderr with exit
code 2. Messages are built from templates, as botocore does, so that each kind of failure always
reads the same way and names its culprit (a file, a line, a value).
"""

from __future__ import annotations

from typing import Any, ClassVar


class BotocontractError(Exception):
    """Bad input: a spec, a file, a name on the command line. Exit code 2.

    Raised with keyword fields only; ``fmt`` turns them into the message, and ``kwargs`` keeps
    them for callers that reword one (the pytest plugin shortens ``path``). The base takes
    ``msg``: the whole line."""

    fmt: ClassVar[str] = "{msg}"

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = kwargs
        super().__init__(self.fmt.format(**kwargs))

    def __reduce__(self) -> tuple[Any, ...]:
        # Errors cross from worker processes to the parent: rebuild them from their fields.
        return _rebuild, (type(self), self.kwargs)


class SpecError(BotocontractError):
    """A string that names no release. ``spec``: the string; ``hint``: what would, or ''."""

    fmt = "not a release spec: {spec!r}{hint}"


class VersionNotFoundError(BotocontractError):
    """A version pip does not know. ``version``: the version; ``detail``: pip's reason."""

    fmt = "botocore {version} is not a published release ({detail})"


class PipError(BotocontractError):
    """pip failed. ``requirement``: what it was asked for; ``detail``: its last words."""

    fmt = "pip could not fetch {requirement}: {detail}"


class OfflineError(BotocontractError):
    """A fetch that ``--offline`` forbids: a cold cache. ``requirement``: what was wanted;
    ``cache_dir``: where it was looked for; ``command``: one that fetches it into that cache."""

    fmt = (
        "{requirement} is not in the cache {cache_dir} and --offline forbids running pip; "
        "fetch it with: {command}"
    )


class CacheError(BotocontractError):
    """The wheel cache cannot be used. ``path``: the cache or wheel; ``detail``: why."""

    fmt = "cache {path}: {detail}"


class SourceError(BotocontractError):
    """A file or folder that is not a usable botocore release. ``path``: it; ``detail``: why."""

    fmt = "{path}: {detail}"


class ModelError(BotocontractError):
    """A service model that cannot be read or does not hold together. ``path``: the model file
    (or archive location); ``detail``: what is wrong."""

    fmt = "{path}: {detail}"


class PathError(BotocontractError):
    """A model path that does not parse or names nothing in a model or tree. ``path``: the path
    as written; ``detail``: which step fails and why."""

    fmt = "{path}: {detail}"


class FixtureError(BotocontractError):
    """A fixture file that cannot be read, written or trusted. ``path``: the fixture file;
    ``detail``: what is wrong."""

    fmt = "{path}: {detail}"


class InputFileError(BotocontractError):
    """A user's file that is not read at all: not a regular file, or far larger than any real
    one. ``path``: the file (or ``wheel:member``); ``detail``: what is wrong."""

    fmt = "{path}: {detail}"


class YamlFileError(BotocontractError):
    """A YAML input (contract, ignore file) that is broken. ``path``: the file; ``line``: the
    1-based line of the culprit; ``detail``: what is wrong."""

    fmt = "{path}:{line}: {detail}"


class UnknownServiceError(BotocontractError):
    """``service``: the name asked for; ``release``: the release's label; ``suggestion``: a
    did-you-mean suffix or ''."""

    fmt = "unknown service {service!r} in {release}{suggestion}"


class UnknownOperationError(BotocontractError):
    """``operation``, ``service``, ``release``: what was asked for, where; ``suggestion``: a
    did-you-mean suffix or ''."""

    fmt = "unknown operation {operation!r} in {service} ({release}){suggestion}"


class UnknownApiVersionError(BotocontractError):
    """``service``, ``api_version``, ``release``: what was asked for, where; ``available``: the
    api versions the release has, comma-separated."""

    fmt = "{service} has no api version {api_version!r} in {release} (it has: {available})"


class NoFixturesError(BotocontractError):
    """Contracts whose fixtures were never taken: the first run. ``command``: the one that takes
    them, as it should be typed."""

    fmt = "no fixtures yet in {fixtures}: take them from {release} with: {command}"


class UsageError(BotocontractError):
    """Anything else a user can fix. ``msg``: the whole line."""

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
    if not close:
        # Short names fall below difflib's ratio at one typo ('s4' against 's3' is 0.5).
        close = [c for c in candidates if _one_edit(name.lower(), c.lower())][:3]
    return f"; did you mean {', '.join(close)}?" if close else ""


def _one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one character changed, added, dropped or two swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diffs) == 1 or (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
