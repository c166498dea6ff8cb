"""A wheel's zip directory as botocontract reads it, and for a cached wheel, remembered beside it.

A cached wheel never changes, and every command opens the same few. Each time, zipfile reads the
whole directory (1,800 entries), and change detection reads the gzip header of every model (470)
to know its content: about 25 ms a wheel. The remembered file gives both in a few ms. It is
only ever a shortcut: it names the wheel's size and modification time, and any doubt about it
(unreadable, another format, another wheel, a wrong type anywhere) means it is read again from
the wheel and written anew.
"""

from __future__ import annotations

import os
import zipfile
from array import array
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import orjson

FORMAT = 1
SUFFIX = ".directory.json"

# Each gzip member's body known by its CRC-32 and size (see archive.gzip_body_key); a member whose
# header could not be read has none, and is read whole to tell.
BodyKeys = dict[str, tuple[int, int]]


class ZipEntry(NamedTuple):
    offset: int  # of the member's local header
    compressed: int
    size: int
    crc: int
    method: int
    flags: int
    year: int
    month: int
    day: int


def read_directory(path: Path) -> dict[str, ZipEntry]:
    """Every member of the zip at ``path``. Raises what zipfile raises (OSError, BadZipFile,
    NotImplementedError)."""
    with zipfile.ZipFile(path) as archive:
        # A name listed twice is the last one, as zipfile reads it.
        return {
            info.filename: ZipEntry(
                info.header_offset,
                info.compress_size,
                info.file_size,
                info.CRC,
                info.compress_type,
                info.flag_bits,
                *info.date_time[:3],
            )
            for info in archive.infolist()
        }


def sidecar(wheel: Path) -> Path:
    return wheel.with_name(wheel.name + SUFFIX)


# The file holds names and flat columns of integers, so that reading it back checks every value
# at C speed (array() refuses anything but an integer) and builds no more than the entries.
def recall(wheel: Path) -> tuple[dict[str, ZipEntry], BodyKeys] | None:
    """The remembered directory and gzip body keys of ``wheel``, or None (none, stale, damaged)."""
    try:
        stat = wheel.stat()
        data = orjson.loads(sidecar(wheel).read_bytes())
        if data["format"] != FORMAT or data["wheel"] != [stat.st_size, stat.st_mtime_ns]:
            return None
        entries = _rows(data["names"], data["entries"], len(ZipEntry._fields))
        keys = _rows(data["keyed"], data["keys"], 2)
    except (OSError, orjson.JSONDecodeError, KeyError, TypeError, ValueError, OverflowError):
        return None
    return {name: ZipEntry._make(row) for name, row in entries}, {
        name: (crc, size) for name, (crc, size) in keys
    }


def remember(wheel: Path, entries: Mapping[str, ZipEntry], keys: BodyKeys) -> None:
    """Write the sidecar of ``wheel`` whole or not at all (a read-only cache keeps none)."""
    import tempfile  # only the first use of a wheel writes: later ones need not load it

    try:
        stat = wheel.stat()
        document = {
            "format": FORMAT,
            "wheel": [stat.st_size, stat.st_mtime_ns],
            "names": list(entries),
            "entries": [value for entry in entries.values() for value in entry],
            "keyed": list(keys),
            "keys": [value for key in keys.values() for value in key],
        }
        handle, temporary = tempfile.mkstemp(prefix=".directory-", dir=wheel.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(orjson.dumps(document))
            os.chmod(temporary, stat.st_mode & 0o666)  # readable by whoever reads the wheel
            os.replace(temporary, sidecar(wheel))
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        pass  # only a shortcut: the next run reads the wheel again


def forget(wheel: Path) -> None:
    sidecar(wheel).unlink(missing_ok=True)


def _rows(names: Any, values: Any, width: int) -> list[tuple[str, tuple[int, ...]]]:
    column = array("q", values)  # TypeError on anything but integers
    if not isinstance(names, list) or set(map(type, names)) - {str}:
        raise TypeError("names")
    if len(column) != width * len(names) or min(column, default=0) < 0:
        raise ValueError("columns")
    rows = zip(*[iter(column)] * width, strict=True)  # each ``width`` values in turn
    return list(zip(names, rows, strict=True))
