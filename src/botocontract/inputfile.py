"""Reading a user's file, bounded: only a regular file (a FIFO would hang the read, ``/dev/zero``
would fill memory), never more bytes than a limit far above any real file, and gzip inflated as a
stream under the same kind of cap, so that a decompression bomb is refused, not inflated.

Errors of the file system itself (missing, permission denied) are left to the caller as
``OSError``: each kind of file already says those in its own words. What a parser reads but Python
will not build (an integer of thousands of digits) is said in our words by :func:`refused_value`,
and found in the text by :func:`long_integer_line`.
"""

from __future__ import annotations

import os
import re
import stat
import sys
import zlib
from pathlib import Path

from .errors import InputFileError

MIB = 1 << 20
# The largest real service model is about 10 MB once inflated; its fixtures are smaller still.
MODEL_LIMIT = 64 * MIB
FIXTURE_LIMIT = 64 * MIB
# Contracts, ignore files, release notes: botocore's own CHANGELOG.rst is about 2 MB.
TEXT_LIMIT = 16 * MIB
_CHUNK = 1 * MIB


def too_big(path: Path | str, limit: int, *, inflated: bool = False) -> InputFileError:
    size = f"{'inflates to' if inflated else 'holds'} more than {limit // MIB} MiB"
    return InputFileError(path=path, detail=f"{size}, far beyond any real one: refused")


def read_bytes(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), at most ``limit`` of them."""
    # Non-blocking: opening a FIFO that no one writes would otherwise wait forever.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(21, os.strerror(21), str(path))
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(path=path, detail="not a regular file (a FIFO or a device?)")
        if info.st_size > limit:
            raise too_big(path, limit)
        data = handle.read(limit + 1)  # a file growing while read is held to the limit too
    if len(data) > limit:
        raise too_big(path, limit)
    return data


def inflate_gzip(data: bytes, limit: int, where: str) -> bytes:
    """The content of a gzip file, inflated as a stream and refused past ``limit`` bytes.
    Raises ``zlib.error`` or ``EOFError`` on damaged data, as ``gzip.decompress`` does."""
    out: list[bytes] = []
    size = 0
    rest = data
    while rest:
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 16)
        pending = rest
        while not inflater.eof:
            # max_length holds each step to one chunk of output, however small the input.
            chunk = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            if not chunk and not pending and not inflater.eof:
                raise EOFError("compressed file ended before the end-of-stream marker")
            size += len(chunk)
            if size > limit:
                raise too_big(where, limit, inflated=True)
            out.append(chunk)
        # gzip allows several members one after another, and zero padding after the last.
        rest = inflater.unused_data.lstrip(b"\x00")
    return b"".join(out)


# Python's own words for an integer over its int-from-str limit: "(4300 digits)" from CPython
# 3.11, "(4300)" in the 3.10 security releases that brought the limit.
_INT_LIMIT = re.compile(
    r"^Exceeds the limit \((?P<limit>\d+)(?: digits)?\) for integer string conversion"
    r"(?:: value has (?P<digits>\d+) digits)?"
)
# An integer where TOML or JSON takes a value (after '=', ':', '[' or ','), not in a string, not a
# float's digits: the candidates for the one Python refused.
_BARE_INTEGER = re.compile(r"(?:^|[=:\[,])[ \t\r\n]*[+-]?(?P<digits>\d[\d_]*)(?![\d_.eE:-])")


def refused_value(exc: ValueError) -> str:
    """A value Python would not build, in our words: its own for an over-long integer tell the
    user to call ``sys.set_int_max_str_digits()``, which no one can from a command line."""
    found = _INT_LIMIT.match(str(exc))
    if found is None:
        return str(exc)  # a 13th month and the like: Python's words say it well enough
    limit = int(found["limit"])
    digits = f"{int(found['digits']):,}" if found["digits"] else f"more than {limit:,}"
    return f"an integer of {digits} digits (Python reads at most {limit:,})"


def where_refused(path: str | os.PathLike[str], text: str) -> str:
    """``path``, with the line of the integer Python refused in its TOML or JSON ``text`` where
    that line can be found: ``uv.lock:30``."""
    line = long_integer_line(text)
    return f"{path}:{line}" if line else str(path)


def long_integer_line(text: str) -> int | None:
    """The 1-based line of the first integer in TOML or JSON ``text`` longer than Python reads,
    or None: the parsers that refuse one say no position."""
    # 3.10 before 3.10.7 has no limit, nor the function that reads it.
    limit: int = getattr(sys, "get_int_max_str_digits", lambda: 0)()
    if not limit:
        return None
    for found in _BARE_INTEGER.finditer(text):
        digits = found["digits"]
        if len(digits) > limit and len(digits.replace("_", "")) > limit:
            return text.count("\n", 0, found.start("digits")) + 1
    return None
