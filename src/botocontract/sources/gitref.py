"""Files as they are at a git ref (``git:origin/main:uv.lock``), read with git, without a checkout.

A pull request's gate compares the base branch's pin with the head's; reading the base's lock file
from git's object store leaves the working tree alone. Paths are relative to the current folder,
as they are for a file on disk; the ref is checked before any path so that a typo in it is named as
such. User text reaches git only after ``--verify`` or inside ``COMMIT:PATH``, never as an option.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from ..errors import SourceError
from .locks import normal_path

if TYPE_CHECKING:
    import subprocess

PREFIX = "git:"


@dataclass(frozen=True, slots=True, kw_only=True)
class GitFile:
    spec: str  # git:REF:PATH, as given
    ref: str
    commit: str
    path: PurePosixPath  # relative to the repository's root

    def read(self, path: PurePosixPath) -> str:
        """A file of the same commit (the lock itself, or one it includes)."""
        where = str(path)
        if where.startswith("../") or where == ".." or path.is_absolute():
            raise SourceError(path=self.spec, detail=f"{path} is outside the git repository")
        done = _git("cat-file", "blob", f"{self.commit}:{where}", spec=self.spec)
        if done.returncode != 0:
            raise SourceError(path=self.spec, detail=f"no file {where} at {self.ref}")
        return done.stdout.decode("utf-8-sig", "replace")


def open_git_file(spec: str) -> GitFile:
    """``git:REF:PATH`` as the file it names; bad input is one line naming what is wrong."""
    ref, _, path = spec.removeprefix(PREFIX).partition(":")
    if not ref or not path or ref.startswith("-"):
        raise SourceError(
            path=spec, detail="expected git:REF:PATH, such as git:origin/main:uv.lock"
        )
    prefix = _git("rev-parse", "--show-prefix", spec=spec)
    if prefix.returncode != 0:
        raise SourceError(path=spec, detail="the current folder is not in a git repository")
    found = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", spec=spec)
    if found.returncode != 0:
        raise SourceError(path=spec, detail=f"unknown git ref {ref!r}")
    relative = normal_path(PurePosixPath(prefix.stdout.decode().strip()) / path)
    return GitFile(spec=spec, ref=ref, commit=found.stdout.decode().strip(), path=relative)


def _git(*args: str, spec: str) -> subprocess.CompletedProcess[bytes]:
    import subprocess  # only a git: spec runs git, and every spec is checked for the prefix

    try:
        return subprocess.run(
            ["git", *args], capture_output=True, check=False, stdin=subprocess.DEVNULL
        )
    except OSError as exc:
        raise SourceError(path=spec, detail=f"cannot run git ({exc.strerror})") from None
