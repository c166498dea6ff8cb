"""A cached wheel's zip directory is remembered beside it (``sources.zipdirectory``): a wheel read
through the remembered file reads exactly as through zipfile, and any doubt about the file (stale,
damaged, of another format) means the wheel is read again and the file written anew."""

from __future__ import annotations

import gzip
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest

from botocontract.sources import WheelCache
from botocontract.sources import zipdirectory as zd
from botocontract.sources.archive import ZipArchive

DATA = "botocore/data/"


def build_wheel(path: Path, *, prefix: bytes = b"") -> Path:
    """Stored and deflated members, gzip models with different build times, and a plain one."""
    with zipfile.ZipFile(path, "w") as archive:
        for index, compression in enumerate((zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED)):
            model = orjson.dumps({"metadata": {"n": index}, "shapes": {}, "pad": "x" * 4000})
            archive.writestr(
                f"{DATA}svc{index}/2020-01-01/service-2.json.gz",
                gzip.compress(model, mtime=1_600_000_000 + index),
                compression,
            )
            archive.writestr(f"{DATA}svc{index}/2020-01-01/paginators-1.json", b"{}", compression)
        archive.writestr("botocore/__init__.py", b"__version__ = '9.9.9'\n")
        archive.writestr("botocore-9.9.9.dist-info/METADATA", b"Name: botocore\n")
    if prefix:  # a zip behind other bytes (a self-extracting archive): offsets move with it
        path.write_bytes(prefix + path.read_bytes())
    return path


def everything(archive: ZipArchive) -> dict[str, Any]:
    """All that a reader of the archive can see."""
    locations = [
        location
        for versions in archive.index().values()
        for files in versions.values()
        for location in files.values()
    ]
    return {
        "index": archive.index(),
        "names": archive.names(),
        "reads": {name: archive.read(name) for name in archive.names()},
        "keys": {location: archive.content_key(location) for location in locations},
        "sizes": {location: archive.size(location) for location in locations},
        "date": archive.entry_date("botocore/__init__.py"),
    }


def truth(wheel: Path) -> dict[str, Any]:
    with zipfile.ZipFile(wheel) as plain:
        reads = {name: plain.read(name) for name in plain.namelist()}
    seen = everything(ZipArchive(wheel))
    assert seen["reads"] == reads  # the archive's own reader agrees with zipfile's
    return seen


def no_zipfile(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path) -> Any:
        raise AssertionError(f"read the directory of {path} again")

    monkeypatch.setattr(zd, "read_directory", refuse)


@pytest.mark.parametrize("prefix", [b"", b"#!/bin/sh\nexit 0\n"], ids=["wheel", "behind-a-prefix"])
def test_a_remembered_directory_reads_as_the_wheel_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prefix: bytes
) -> None:
    wheel = build_wheel(tmp_path / "botocore-9.9.9-py3-none-any.whl", prefix=prefix)
    expected = truth(wheel)
    assert not zd.sidecar(wheel).exists()  # only a cached wheel is remembered
    assert everything(ZipArchive(wheel, remember=True)) == expected
    assert zd.sidecar(wheel).is_file()
    with monkeypatch.context() as patched:
        no_zipfile(patched)
        again = ZipArchive(wheel, remember=True)
        assert everything(again) == expected
        assert everything(again.reopen()) == expected


def test_a_cached_wheel_is_remembered_with_its_permissions(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "botocore-9.9.9-py3-none-any.whl")
    wheel.chmod(0o644)
    ZipArchive(wheel, remember=True)
    assert zd.sidecar(wheel).stat().st_mode & 0o777 == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], Any]:
    def change(document: dict[str, Any]) -> Any:
        document[key] = value
        return document

    return change


def _entry(index: int, value: Any) -> Callable[[dict[str, Any]], Any]:
    def change(document: dict[str, Any]) -> Any:
        document["entries"][index] = value
        return document

    return change


DAMAGE: dict[str, Callable[[dict[str, Any]], Any]] = {
    "another format": _set("format", zd.FORMAT + 1),
    "another wheel": _set("wheel", [1, 2]),
    "no entries": lambda d: {k: v for k, v in d.items() if k != "entries"},
    "a string for a number": _entry(0, "0"),
    "a float for a number": _entry(2, 1.5),
    "a negative number": _entry(1, -1),
    "a number too big": _entry(1, (1 << 64) - 1),
    "a column too short": lambda d: {**d, "entries": d["entries"][:-1]},
    "a name not a string": lambda d: {**d, "names": [1, *d["names"][1:]]},
    "names not a list": _set("names", "abc"),
    "an odd key column": lambda d: {**d, "keys": d["keys"][:-1]},
    "a list for the file": lambda d: [d],
    "null": lambda d: None,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_or_stale_sidecar_is_read_again_and_written_anew(
    tmp_path: Path, damage: str
) -> None:
    wheel = build_wheel(tmp_path / "botocore-9.9.9-py3-none-any.whl")
    expected = truth(wheel)
    ZipArchive(wheel, remember=True)
    document = orjson.loads(zd.sidecar(wheel).read_bytes())
    zd.sidecar(wheel).write_bytes(orjson.dumps(DAMAGE[damage](document)))
    assert zd.recall(wheel) is None
    assert everything(ZipArchive(wheel, remember=True)) == expected
    assert zd.recall(wheel) is not None  # written anew


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe", b"[]", b'{"format": 1}'])
def test_a_sidecar_that_is_not_one_is_read_again(tmp_path: Path, content: bytes) -> None:
    wheel = build_wheel(tmp_path / "botocore-9.9.9-py3-none-any.whl")
    expected = truth(wheel)
    zd.sidecar(wheel).write_bytes(content)
    assert everything(ZipArchive(wheel, remember=True)) == expected
    assert zd.recall(wheel) is not None


def test_a_wheel_replaced_in_place_is_read_again(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "botocore-9.9.9-py3-none-any.whl")
    ZipArchive(wheel, remember=True)
    other = build_wheel(tmp_path / "other.whl", prefix=b"12345678")
    os.replace(other, wheel)
    assert everything(ZipArchive(wheel, remember=True)) == truth(wheel)


def test_a_sidecar_is_written_whole_or_not_at_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheel = build_wheel(tmp_path / "botocore-9.9.9-py3-none-any.whl")
    expected = truth(wheel)

    def full_disk(*args: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(zd.os, "replace", full_disk)
    assert everything(ZipArchive(wheel, remember=True)) == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == [wheel.name]


def test_a_cache_evicting_a_wheel_forgets_its_directory(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "botocore-9.9.9-py3-none-any.whl")
    ZipArchive(wheel, remember=True)
    WheelCache(tmp_path / "cache").evict(wheel)
    assert list(tmp_path.iterdir()) == []


def test_a_member_damaged_after_it_was_remembered_fetches_a_sound_copy(tmp_path: Path) -> None:
    wheel = build_wheel(tmp_path / "botocore-9.9.9-py3-none-any.whl")
    sound = tmp_path / "sound" / wheel.name
    sound.parent.mkdir()
    sound.write_bytes(wheel.read_bytes())
    expected = truth(sound)
    ZipArchive(wheel, remember=True)
    location = f"{DATA}svc1/2020-01-01/service-2.json.gz"  # stored: its bytes lie as they are
    data, then = wheel.read_bytes(), wheel.stat().st_mtime_ns
    at = data.index(expected["reads"][location])
    wheel.write_bytes(data[:at] + b"X" + data[at + 1 :])  # same size; the CRC no longer fits
    os.utime(wheel, ns=(then, then))  # and the same time: the sidecar still vouches for it
    fetched: list[Path] = []

    def refetch(damaged: Path) -> Path:
        fetched.append(damaged)
        return sound

    archive = ZipArchive(wheel, refetch, remember=True)
    assert archive.read(location) == expected["reads"][location]
    assert fetched == [wheel]
    assert not zd.sidecar(wheel).exists()
    assert everything(archive) == expected


def test_a_real_wheel_reads_alike_through_its_remembered_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheel = tmp_path / "botocore-1.37.22-py3-none-any.whl"
    wheel.write_bytes(WheelCache().wheel("botocore", "1.37.22").read_bytes())
    expected = truth(wheel)
    assert len(expected["keys"]) > 1000
    ZipArchive(wheel, remember=True)
    with monkeypatch.context() as patched:
        no_zipfile(patched)
        assert everything(ZipArchive(wheel, remember=True)) == expected
