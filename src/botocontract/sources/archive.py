"""Read the files of a botocore ``data`` tree in place: from a wheel, a folder, or one model file.

An archive only lists and reads bytes. It knows nothing of JSON or of service models, so that the
change detection in ``diff.release`` can compare raw bytes without parsing anything.
"""

from __future__ import annotations

import copy
import os
import re
import zipfile
import zlib
from collections.abc import Callable, Hashable, Mapping
from functools import cached_property
from pathlib import Path
from typing import BinaryIO, Protocol

from ..errors import SourceError
from ..inputfile import MODEL_LIMIT, read_bytes, too_big
from . import zipdirectory
from .zipdirectory import BodyKeys, ZipEntry

# service -> api version -> logical file name ("service-2.json") -> where the bytes are
FileIndex = Mapping[str, Mapping[str, Mapping[str, str]]]

DATA_PREFIX = "botocore/data/"
API_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# How botocore names its service folders. A name decides where a fixture is written: anything else
# (``..``, a name with a separator) is no service, whatever an archive holds.
SERVICE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def logical_name(file_name: str) -> str:
    """``service-2.json.gz`` and ``service-2.json`` are the same file to a reader."""
    return file_name[:-3] if file_name.endswith(".json.gz") else file_name


class Archive(Protocol):
    """A botocore ``data`` tree, wherever it is stored."""

    label: str

    def index(self) -> FileIndex: ...

    def read(self, location: str) -> bytes: ...

    def where(self, location: str) -> str:
        """The location as a user would name it in a message."""
        ...

    def content_key(self, location: str) -> Hashable:
        """Equal keys mean equal content (see :func:`content_key`)."""
        ...

    def size(self, location: str) -> int: ...

    def package_file(self, name: str) -> bytes | None:
        """A file of the botocore package the data tree came with (``utils.py``), or None where
        the tree lies alone."""
        ...

    def reopen(self) -> Archive:
        """A fresh handle for another process (zip handles must not cross a fork)."""
        ...


def content_key(location: str, data: bytes) -> Hashable:
    """What identifies a file's content: a gzip file by its body (see :func:`gzip_body_key`), any
    other file by its bytes."""
    end = gzip_header_end(data) if location.endswith(".gz") else None
    if end is None:
        return data  # not gzip: compare as it is, parsing will say what is wrong
    return gzip_body_key(zlib.crc32(memoryview(data)[end:]), len(data) - end)


def gzip_body_key(crc: int, size: int) -> Hashable:
    """A gzip file's body (its deflate stream and trailer, which holds the CRC-32 and size of the
    content) known by its CRC-32 and size, as the zip directory knows a plain file: the header
    before it holds a build time and a file name, which differ between releases of equal content."""
    return ("gzip-body-crc32", crc, size)


def gzip_header_end(data: bytes) -> int | None:
    """Where the gzip header at the start of ``data`` ends; None if ``data`` does not start with a
    gzip header, or holds only part of it."""
    if len(data) < 10 or data[:2] != b"\x1f\x8b":
        return None
    flags = data[3]
    pos = 10
    if flags & 0x04:  # FEXTRA
        pos += 2 + int.from_bytes(data[pos : pos + 2], "little")
    for flag in (0x08, 0x10):  # FNAME, FCOMMENT: zero-terminated
        if flags & flag:
            end = data.find(b"\x00", pos)
            if end < 0:
                return None
            pos = end + 1
    if flags & 0x02:  # FHCRC
        pos += 2
    return pos if pos <= len(data) else None


_ZEROS = bytes(64 * 1024)


def crc32_after(whole: int, head: bytes, rest: int) -> int:
    """The CRC-32 of the last ``rest`` bytes of a file whose CRC-32 is ``whole`` and which starts
    with ``head``, without those bytes: CRC-32 is linear, so crc(head + rest) is crc(rest) XOR
    crc(head) carried through ``rest`` zero bytes (zlib's crc32_combine, undone)."""
    carried = zlib.crc32(head) ^ 0xFFFFFFFF  # zlib.crc32 inverts its start value and its result
    left = rest
    while left > 0:
        step = min(left, len(_ZEROS))
        carried = zlib.crc32(memoryview(_ZEROS)[:step], carried)
        left -= step
    return whole ^ carried ^ 0xFFFFFFFF


def _add(
    index: dict[str, dict[str, dict[str, str]]],
    service: str,
    version: str,
    name: str,
    location: str,
) -> None:
    if not SERVICE_NAME.match(service):
        return
    files = index.setdefault(service, {}).setdefault(version, {})
    key = logical_name(name)
    # A tree holding both forms of one file prefers the compressed one, as botocore's loader does.
    if key not in files or location.endswith(".gz"):
        files[key] = location


# A zip member's local header: signature, then fixed fields, the name's and extra field's lengths
# in the last four bytes; then the name, the extra field and the stored data.
LOCAL_HEADER = b"PK\x03\x04"
LOCAL_HEADER_SIZE = 30
# What is inflated of a gzip member to read its header: the fixed ten bytes and a file name fit
# many times over, even behind a deflate block's code tables (a few hundred bytes at most).
HEAD_SIZE = 1024


class DamagedWheelError(SourceError):
    """A file that opens but is no zip archive: a cached one is fetched again."""


class ZipArchive:
    """A wheel, read in place and never extracted: its zip directory once (see
    :mod:`.zipdirectory`, which remembers it beside a cached wheel), then each member where it
    lies, inflated no further than its declared size and checked against its CRC-32."""

    def __init__(
        self,
        path: Path,
        on_damage: Callable[[Path], Path] | None = None,
        *,
        remember: bool = False,
    ) -> None:
        self.path = path
        self.label = str(path)
        # Called when a member proves damaged: gives a sound copy of the wheel (a cached wheel is
        # fetched again), or raises.
        self.on_damage = on_damage
        # A cached wheel never changes: its directory and content keys are worth keeping.
        self.remember = remember
        self._file: BinaryIO | None = None
        self._entries, self._body_keys = self._directory()

    def _directory(self) -> tuple[dict[str, ZipEntry], BodyKeys]:
        if self.remember and (remembered := zipdirectory.recall(self.path)) is not None:
            return remembered
        try:
            entries = zipdirectory.read_directory(self.path)
        except OSError as exc:  # closed to us: says nothing of the content
            raise SourceError(path=self.path, detail=f"not a readable wheel ({exc})") from None
        except (zipfile.BadZipFile, NotImplementedError) as exc:
            raise DamagedWheelError(
                path=self.path, detail=f"not a readable wheel ({exc})"
            ) from None
        keys: BodyKeys = {}
        if self.remember:
            for name, entry in entries.items():
                gzipped = name.startswith(DATA_PREFIX) and name.endswith(".gz")
                if gzipped and (key := self._body_key(entry)) is not None:
                    keys[name] = key
            zipdirectory.remember(self.path, entries, keys)
        return entries, keys

    def index(self) -> FileIndex:
        return self._files

    @cached_property
    def _files(self) -> FileIndex:
        index: dict[str, dict[str, dict[str, str]]] = {}
        for name in self._entries:
            if not name.startswith(DATA_PREFIX):
                continue
            parts = name[len(DATA_PREFIX) :].split("/")
            if len(parts) == 3 and parts[2]:
                _add(index, parts[0], parts[1], parts[2], name)
        if not index:
            raise SourceError(path=self.path, detail="holds no botocore/data service models")
        return index

    def _handle(self) -> BinaryIO:
        if self._file is None:
            try:
                self._file = self.path.open("rb")
            except OSError as exc:
                raise SourceError(path=self.path, detail=f"not a readable wheel ({exc})") from None
        return self._file

    def read(self, location: str) -> bytes:
        entry = self._entries.get(location)
        if entry is None:
            raise SourceError(path=self.where(location), detail="unreadable (not in the wheel)")
        # The directory's word first: a bomb is refused before a byte of it is inflated (and the
        # inflating stops at the declared size, failing the CRC of a member that lies about it).
        if entry.size > MODEL_LIMIT:
            raise too_big(self.where(location), MODEL_LIMIT, inflated=True)
        if entry.flags & 0x1:
            raise SourceError(path=self.where(location), detail="encrypted (not a botocore wheel)")
        try:
            return self._inflate(location, entry)
        except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError) as exc:
            if self.on_damage is None:
                raise SourceError(path=self.where(location), detail=f"damaged ({exc})") from None
            # A wheel damaged after it was cached (the download itself was checked): use a
            # sound copy from here on, and read again.
            zipdirectory.forget(self.path)
            self.path = self.on_damage(self.path)
            self.on_damage = None
            if self._file is not None:
                self._file.close()
                self._file = None
            self._entries, self._body_keys = self._directory()
            self.__dict__.pop("_files", None)
            return self.read(location)
        except OSError as exc:
            raise SourceError(path=self.where(location), detail=f"unreadable ({exc})") from None

    def _inflate(self, location: str, entry: ZipEntry) -> bytes:
        stored = self._stored(entry, entry.compressed)
        if entry.method == zipfile.ZIP_STORED:
            data = stored
        elif entry.method == zipfile.ZIP_DEFLATED:
            data = zlib.decompressobj(-zlib.MAX_WBITS).decompress(stored, entry.size)
        else:
            raise NotImplementedError("That compression method is not supported")
        if len(data) != entry.size or zlib.crc32(data) != entry.crc:
            raise zipfile.BadZipFile(f"Bad CRC-32 for file {location!r}")
        return data

    def _stored(self, entry: ZipEntry, limit: int) -> bytes:
        """Up to ``limit`` stored bytes of a member, from behind its local header."""
        handle = self._handle()
        handle.seek(entry.offset)
        local = handle.read(LOCAL_HEADER_SIZE)
        if len(local) != LOCAL_HEADER_SIZE or not local.startswith(LOCAL_HEADER):
            raise zipfile.BadZipFile("Bad magic number for file header")
        # The local header sizes its own name and extra field (the directory's may differ).
        handle.seek(
            int.from_bytes(local[26:28], "little") + int.from_bytes(local[28:30], "little"),
            os.SEEK_CUR,
        )
        wanted = min(entry.compressed, limit)
        stored = handle.read(wanted)
        if len(stored) != wanted:
            raise EOFError("the wheel ends inside a member")
        return stored

    def where(self, location: str) -> str:
        return f"{self.path}:{location}"

    def content_key(self, location: str) -> Hashable:
        entry = self._entries[location]
        if not location.endswith(".gz"):
            # A plain file's CRC-32 and size, from the zip directory: no need to read it.
            return ("crc32", entry.crc, entry.size)
        body = self._body_keys.get(location) or self._body_key(entry)
        if body is None:
            return content_key(location, self.read(location))  # the read says what is wrong
        return gzip_body_key(*body)

    def _body_key(self, entry: ZipEntry) -> tuple[int, int] | None:
        """A gzip member's body CRC-32 and size: its CRC covers its header's build time, so it
        is known by its body's CRC instead, which the directory's CRC and the header give, and
        only the header is inflated. (The size bound first: the CRC walks as many zero bytes as
        the body is long.)"""
        head = self._head(entry) if entry.size <= MODEL_LIMIT else None
        end = gzip_header_end(head) if head is not None else None
        if head is None or end is None:
            return None
        rest = entry.size - end
        return crc32_after(entry.crc, head[:end], rest), rest

    def _head(self, entry: ZipEntry) -> bytes | None:
        """Up to HEAD_SIZE bytes from the start of a member, inflating no more than that; None
        where only a full read will do (encrypted, compressed otherwise, damaged)."""
        if entry.flags & 0x1 or entry.method not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        try:
            stored = self._stored(entry, HEAD_SIZE)
            if entry.method == zipfile.ZIP_STORED:
                return stored
            return zlib.decompressobj(-zlib.MAX_WBITS).decompress(stored, HEAD_SIZE)
        except (OSError, EOFError, zlib.error, zipfile.BadZipFile, SourceError):
            return None

    def size(self, location: str) -> int:
        return self._entries[location].size

    def entry_date(self, name: str) -> tuple[int, int, int] | None:
        entry = self._entries.get(name)
        return None if entry is None else (entry.year, entry.month, entry.day)

    def names(self) -> list[str]:
        return list(self._entries)

    def package_file(self, name: str) -> bytes | None:
        location = "botocore/" + name
        return self.read(location) if location in self._entries else None

    def __del__(self) -> None:
        # A release lives as long as the command that opened it: its handle goes with it.
        file = getattr(self, "_file", None)
        if file is not None:
            file.close()

    def reopen(self) -> ZipArchive:
        # The directory is shared; the file handle is not (its offset would be).
        again = copy.copy(self)
        again._file = None
        return again


class DirArchive:
    """A ``botocore/data`` folder on disk (the installed botocore, a checkout, an unpacked tree)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.label = str(root)

    def index(self) -> FileIndex:
        return self._files

    @cached_property
    def _files(self) -> FileIndex:
        index: dict[str, dict[str, dict[str, str]]] = {}
        try:
            self._scan(index)
        except OSError as exc:  # a folder closed to us, a link into /proc
            where = exc.filename or self.root
            raise SourceError(path=where, detail=f"unreadable ({exc.strerror})") from None
        if not index:
            raise SourceError(path=self.root, detail="holds no botocore service models")
        return index

    def _scan(self, index: dict[str, dict[str, dict[str, str]]]) -> None:
        # Listed whole, each listing closed before the next opens: an error half-way through
        # (a closed folder) must leave no open iterator behind.
        def listing(folder: str) -> list[os.DirEntry[str]]:
            with os.scandir(folder) as entries:
                return sorted(entries, key=lambda e: e.name)

        for service in listing(str(self.root)):
            if not service.is_dir():
                continue
            for version in listing(service.path):
                if not version.is_dir():
                    continue
                for entry in listing(version.path):
                    if entry.is_file():
                        rel = f"{service.name}/{version.name}/{entry.name}"
                        _add(index, service.name, version.name, entry.name, rel)

    def read(self, location: str) -> bytes:
        try:
            return read_bytes(self.root / location, MODEL_LIMIT)
        except OSError as exc:
            raise SourceError(
                path=self.where(location), detail=f"unreadable ({exc.strerror})"
            ) from None

    def where(self, location: str) -> str:
        return str(self.root / location)

    def content_key(self, location: str) -> Hashable:
        return content_key(location, self.read(location))

    def size(self, location: str) -> int:
        return (self.root / location).stat().st_size

    def package_file(self, name: str) -> bytes | None:
        # The installed botocore and a checkout hold their modules beside the data folder.
        path = self.root.parent / name
        if self.root.name != "data" or not path.is_file():
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def reopen(self) -> DirArchive:
        return DirArchive(self.root)


class FileArchive:
    """One ``service-2.json(.gz)``, with the paginators, waiters and extras lying beside it."""

    def __init__(self, path: Path, service: str, api_version: str) -> None:
        self.path = path
        self.label = str(path)
        self.service = service
        self.api_version = api_version

    def index(self) -> FileIndex:
        files = {"service-2.json": self.path.name}
        for sibling in self.path.parent.iterdir():
            key = logical_name(sibling.name)
            if key != "service-2.json" and key.endswith(".json") and sibling.is_file():
                files[key] = sibling.name
        return {self.service: {self.api_version: files}}

    def read(self, location: str) -> bytes:
        try:
            return read_bytes(self.path.parent / location, MODEL_LIMIT)
        except OSError as exc:
            raise SourceError(
                path=self.where(location), detail=f"unreadable ({exc.strerror})"
            ) from None

    def where(self, location: str) -> str:
        return str(self.path.parent / location)

    def content_key(self, location: str) -> Hashable:
        return content_key(location, self.read(location))

    def size(self, location: str) -> int:
        return (self.path.parent / location).stat().st_size

    def package_file(self, name: str) -> bytes | None:
        return None

    def reopen(self) -> FileArchive:
        return FileArchive(self.path, self.service, self.api_version)
