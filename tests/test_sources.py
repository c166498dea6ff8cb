"""Where a release comes from: wheels, ``botocore/data`` folders and checkouts, single model files,
the installed botocore, and the wheel cache.

The real botocore wheels 1.37.22 and 1.44.8 lie in the default cache, so these tests read them
without pip. Folders and single files are built in ``tmp_path`` by copying two or three services out
of the 1.37.22 wheel with ``zipfile`` (never the whole wheel). Anything that may run pip is marked
``network``.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
import shutil
import struct
import subprocess
import zipfile
import zlib
from pathlib import Path

import botocore
import orjson
import pytest

from botocontract import api
from botocontract.errors import (
    CacheError,
    OfflineError,
    SourceError,
    SpecError,
    UnknownApiVersionError,
    UnknownServiceError,
)
from botocontract.model.tree import operation_trees
from botocontract.sources import Release, WheelCache, open_release
from botocontract.sources.archive import HEAD_SIZE, ZipArchive, content_key, gzip_header_end

DATA = "botocore/data/"
SERVICE_GZ = "service-2.json.gz"
SERVICE_EXTRAS = "service-2.sdk-extras.json"
PAGINATORS_EXTRAS = "paginators-1.sdk-extras.json"
DATE_1_37_22 = dt.date(2025, 3, 27)


# ----- helpers and fixtures ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def wheel_22() -> Path:
    """The cached botocore 1.37.22 wheel."""
    return WheelCache().wheel("botocore", "1.37.22")


@pytest.fixture(scope="module")
def wheel_44() -> Path:
    """The cached botocore 1.44.8 wheel (its s3 model says Expires is a string; extras fix it)."""
    return WheelCache().wheel("botocore", "1.44.8")


@pytest.fixture(scope="module")
def release_22() -> Release:
    return open_release("1.37.22")


def copy_service(
    wheel: Path, service: str, data: Path, *, versions: tuple[str, ...] = ()
) -> list[Path]:
    """Copy the files of one service (every api version, or only ``versions``) out of ``wheel``
    into ``data/<service>/<api-version>/``, without extracting anything else."""
    prefix = f"{DATA}{service}/"
    copied = []
    with zipfile.ZipFile(wheel) as archive:
        for name in archive.namelist():
            if not name.startswith(prefix) or name.endswith("/"):
                continue
            rel = name[len(DATA) :]
            if versions and rel.split("/")[1] not in versions:
                continue
            target = data / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
            copied.append(target)
    assert copied, f"{service} not in {wheel}"
    return copied


def wheel_member(wheel: Path, name: str) -> bytes:
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(name)


def raw_model(wheel: Path, service: str, api_version: str) -> dict:
    return orjson.loads(
        gzip.decompress(wheel_member(wheel, f"{DATA}{service}/{api_version}/{SERVICE_GZ}"))
    )


@pytest.fixture
def checkout(tmp_path: Path, wheel_22: Path) -> Path:
    """``<tmp>/checkout/botocore/data`` with sagemaker, s3 and rds, and botocore's __init__.py."""
    root = tmp_path / "checkout"
    data = root / "botocore" / "data"
    for service in ("sagemaker", "s3", "rds"):
        copy_service(wheel_22, service, data)
    (root / "botocore" / "__init__.py").write_bytes(wheel_member(wheel_22, "botocore/__init__.py"))
    return root


def gzip_bytes(data: bytes, *, filename: str, mtime: int) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=filename, mode="wb", fileobj=buffer, mtime=mtime) as out:
        out.write(data)
    return buffer.getvalue()


# ----- wheels -----------------------------------------------------------------------------------


def test_published_version_reads_version_and_date_from_the_wheel(release_22: Release) -> None:
    assert release_22.spec == "1.37.22"
    assert release_22.botocore_version == "1.37.22"
    assert release_22.date == DATE_1_37_22
    assert release_22.info.as_json() == {
        "spec": "1.37.22",
        "botocore": "1.37.22",
        "date": "2025-03-27",
    }
    assert release_22.label == "botocore 1.37.22"
    services = release_22.services()
    assert {"sagemaker", "s3", "dynamodb", "rds"} <= set(services)
    assert services == sorted(services)
    assert len(services) > 300


def test_wheel_path_reads_version_and_date_from_its_contents(
    tmp_path: Path, wheel_22: Path
) -> None:
    # A name that says nothing: the version comes from the dist-info, the date from the entries.
    renamed = tmp_path / "some-build.whl"
    shutil.copyfile(wheel_22, renamed)
    release = open_release(str(renamed))
    assert release.botocore_version == "1.37.22"
    assert release.date == DATE_1_37_22
    assert release.spec == str(renamed)
    model = release.load_service("sagemaker")
    assert model.api_version == "2017-07-24"
    assert "CreateApp" in model.operations


def test_wheel_without_dist_info_reads_version_from_init(tmp_path: Path, wheel_22: Path) -> None:
    path = tmp_path / "handmade.zip"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr(
            zipfile.ZipInfo("botocore/__init__.py", (2024, 1, 2, 3, 4, 6)),
            "__version__ = '9.8.7'\n",
        )
        out.writestr(
            f"{DATA}sagemaker/2017-07-24/{SERVICE_GZ}",
            wheel_member(wheel_22, f"{DATA}sagemaker/2017-07-24/{SERVICE_GZ}"),
        )
    release = open_release(str(path))
    assert release.botocore_version == "9.8.7"
    assert release.date == dt.date(2024, 1, 2)
    assert release.services() == ["sagemaker"]


def test_date_argument_overrides_the_wheel_date() -> None:
    release = open_release("1.37.22", date=dt.date(2030, 1, 31))
    assert release.date == dt.date(2030, 1, 31)
    assert release.botocore_version == "1.37.22"


def test_service_from_wheel(release_22: Release) -> None:
    model = release_22.load_service("sagemaker")
    assert model.name == "sagemaker"
    assert model.api_version == "2017-07-24"
    assert model.source.endswith(f"{DATA}sagemaker/2017-07-24/{SERVICE_GZ}")
    assert model.extras == ()
    assert model.full_name == "Amazon SageMaker Service"
    assert model.paginators and model.waiters


# ----- folders: botocore/data and checkouts ------------------------------------------------------


@pytest.mark.parametrize("where", ["checkout", "checkout/botocore", "checkout/botocore/data"])
def test_data_folder_and_checkout(
    tmp_path: Path, checkout: Path, release_22: Release, where: str
) -> None:
    release = open_release(str(tmp_path / where))
    assert release.services() == ["rds", "s3", "sagemaker"]
    # botocore/__init__.py lies beside data/: its version line names the release.
    assert release.botocore_version == "1.37.22"
    assert release.date is None
    model = release.load_service("sagemaker")
    assert model.source == str(checkout / "botocore/data/sagemaker/2017-07-24/service-2.json.gz")
    assert list(model.operations) == list(release_22.load_service("sagemaker").operations)


def test_bare_data_folder_has_no_version(tmp_path: Path, wheel_22: Path) -> None:
    data = tmp_path / "models"
    copy_service(wheel_22, "sagemaker", data)
    release = open_release(str(data), date=dt.date(2025, 1, 2))
    assert release.botocore_version is None
    assert release.label == str(data)
    assert release.info.as_json() == {"spec": str(data), "botocore": None, "date": "2025-01-02"}
    assert release.services() == ["sagemaker"]


def test_folder_and_wheel_agree_on_model_content(checkout: Path, release_22: Release) -> None:
    folder = open_release(str(checkout))
    for service in ("sagemaker", "s3", "rds"):
        version = release_22.api_version(service)
        # The service model (gzip) is keyed by its body in both; plain files by the wheel's CRC.
        assert next(folder.content_keys(service, version)) == next(
            release_22.content_keys(service, version)
        )


def test_folder_merges_extras(checkout: Path) -> None:
    model = open_release(str(checkout)).load_service("rds")
    assert model.extras == (SERVICE_EXTRAS, PAGINATORS_EXTRAS)
    assert "SourceRegion" in model.shape("CopyDBSnapshotMessage").members


def test_folder_with_plain_json_models(tmp_path: Path, wheel_22: Path) -> None:
    data = tmp_path / "plain"
    for path in copy_service(wheel_22, "sagemaker", data):
        if path.name.endswith(".json.gz"):
            path.with_suffix("").write_bytes(gzip.decompress(path.read_bytes()))
            path.unlink()
    release = open_release(str(data))
    model = release.load_service("sagemaker")
    assert model.source.endswith("sagemaker/2017-07-24/service-2.json")
    assert "CreateApp" in model.operations


@pytest.mark.parametrize("make", ["empty", "files-only", "no-service-2"])
def test_folder_without_models_is_a_source_error(tmp_path: Path, make: str) -> None:
    folder = tmp_path / make
    folder.mkdir()
    if make == "files-only":
        (folder / "readme.txt").write_text("nothing here")
    elif make == "no-service-2":
        (folder / "svc" / "2020-01-01").mkdir(parents=True)
        (folder / "svc" / "2020-01-01" / "paginators-1.json").write_text("{}")
    with pytest.raises(SourceError, match="holds no botocore"):
        open_release(str(folder))


# ----- single model files ------------------------------------------------------------------------


def test_single_gz_model_in_its_service_folder(tmp_path: Path, wheel_22: Path) -> None:
    copy_service(wheel_22, "sagemaker", tmp_path)
    path = tmp_path / "sagemaker" / "2017-07-24" / SERVICE_GZ
    release = open_release(str(path))
    assert release.services() == ["sagemaker"]
    assert release.api_versions("sagemaker") == ["2017-07-24"]
    assert release.botocore_version is None
    model = release.load_service("sagemaker")
    assert model.api_version == "2017-07-24"
    assert "CreateApp" in model.operations
    assert model.paginators, "paginators-1.json beside the model is read"
    assert model.waiters, "waiters-2.json beside the model is read"


def test_single_plain_json_model_in_its_service_folder(tmp_path: Path, wheel_22: Path) -> None:
    folder = tmp_path / "sagemaker" / "2017-07-24"
    folder.mkdir(parents=True)
    raw = gzip.decompress(wheel_member(wheel_22, f"{DATA}sagemaker/2017-07-24/{SERVICE_GZ}"))
    (folder / "service-2.json").write_bytes(raw)
    release = open_release(str(folder / "service-2.json"))
    assert release.services() == ["sagemaker"]
    model = release.load_service("sagemaker")
    assert model.api_version == "2017-07-24"
    assert model.raw == orjson.loads(raw)


@pytest.mark.parametrize("name", ["service-2.json", "service-2.json.gz", "my-model.json"])
def test_single_model_outside_service_folders_needs_service_name(
    tmp_path: Path, wheel_22: Path, name: str
) -> None:
    gz = wheel_member(wheel_22, f"{DATA}sagemaker/2017-07-24/{SERVICE_GZ}")
    path = tmp_path / "loose" / name
    path.parent.mkdir()
    path.write_bytes(gz if name.endswith(".gz") else gzip.decompress(gz))
    with pytest.raises(SourceError, match="--service-name"):
        open_release(str(path))
    release = open_release(str(path), service_name="sagemaker")
    assert release.services() == ["sagemaker"]
    model = release.load_service("sagemaker")
    assert model.name == "sagemaker"
    assert "CreateApp" in model.operations


def test_single_model_file_merges_extras_beside_it(tmp_path: Path, wheel_44: Path) -> None:
    copy_service(wheel_44, "s3", tmp_path)
    release = open_release(str(tmp_path / "s3" / "2006-03-01" / SERVICE_GZ))
    model = release.load_service("s3")
    assert SERVICE_EXTRAS in model.extras
    assert model.shape("Expires").type == "timestamp"


# ----- installed --------------------------------------------------------------------------------


def test_installed() -> None:
    import botocore

    release = open_release("installed")
    assert release.spec == "installed"
    assert release.botocore_version == botocore.__version__
    assert release.date is None
    assert Path(release.archive.label) == Path(botocore.__file__).parent / "data"
    assert {"s3", "sagemaker"} <= set(release.services())
    model = release.load_service("s3")
    assert "GetObject" in model.operations


# ----- api versions -----------------------------------------------------------------------------


def test_dynamodb_api_versions(release_22: Release) -> None:
    # dynamodb/2011-12-05 exists in the wheel but holds no service model.
    names = release_22.archive.index()["dynamodb"]
    assert set(names) == {"2011-12-05", "2012-08-10"}
    assert "service-2.json" not in names["2011-12-05"]
    assert release_22.api_versions("dynamodb") == ["2012-08-10"]
    assert release_22.load_service("dynamodb").api_version == "2012-08-10"
    for unknown in ("2011-12-05", "1999-01-01"):
        with pytest.raises(UnknownApiVersionError) as caught:
            release_22.load_service("dynamodb", unknown)
        assert unknown in str(caught.value)
        assert "2012-08-10" in str(caught.value)


def test_api_version_selects_an_older_model(release_22: Release) -> None:
    assert release_22.api_versions("rds") == ["2014-09-01", "2014-10-31"]
    newest = release_22.load_service("rds")
    older = release_22.load_service("rds", api_version="2014-09-01")
    assert newest.api_version == "2014-10-31"
    assert older.api_version == "2014-09-01"
    assert older.source.endswith("rds/2014-09-01/service-2.json.gz")
    assert len(older.operations) < len(newest.operations)
    assert older.extras == ()
    assert release_22.load_service("rds", api_version="2014-10-31").raw == newest.raw


def test_newest_folder_holding_a_model_is_the_default(tmp_path: Path, wheel_22: Path) -> None:
    data = tmp_path / "data"
    copy_service(wheel_22, "dynamodb", data)
    # A newer folder without a service model (as 2011-12-05 is in the wheel, but newer).
    newer = data / "dynamodb" / "2030-01-01"
    newer.mkdir()
    (newer / "paginators-1.json").write_text('{"pagination": {}}')
    release = open_release(str(data))
    assert release.api_versions("dynamodb") == ["2012-08-10"]
    assert release.api_version("dynamodb") == "2012-08-10"
    assert release.load_service("dynamodb").api_version == "2012-08-10"
    with pytest.raises(UnknownApiVersionError):
        release.load_service("dynamodb", "2030-01-01")


# ----- sdk-extras -------------------------------------------------------------------------------

# What each service-2.sdk-extras.json of 1.37.22 adds: a SourceRegion member on these inputs.
SOURCE_REGION_EXTRAS = {
    "rds": (
        "CopyDBClusterSnapshotMessage",
        "CreateDBClusterMessage",
        "CopyDBSnapshotMessage",
        "CreateDBInstanceReadReplicaMessage",
        "StartDBInstanceAutomatedBackupsReplicationMessage",
    ),
    "docdb": ("CopyDBClusterSnapshotMessage", "CreateDBClusterMessage"),
    "neptune": ("CopyDBClusterSnapshotMessage", "CreateDBClusterMessage"),
}


@pytest.mark.parametrize("service", sorted(SOURCE_REGION_EXTRAS))
def test_extras_add_source_region(release_22: Release, wheel_22: Path, service: str) -> None:
    version = release_22.api_version(service)
    extras = orjson.loads(wheel_member(wheel_22, f"{DATA}{service}/{version}/{SERVICE_EXTRAS}"))
    touched = extras["merge"]["shapes"]
    assert set(touched) == set(SOURCE_REGION_EXTRAS[service])
    raw = raw_model(wheel_22, service, version)
    model = release_22.load_service(service)
    assert model.extras[0] == SERVICE_EXTRAS
    for shape in touched:
        assert "SourceRegion" not in raw["shapes"][shape]["members"], "the raw model lacks it"
        member = model.shape(shape).members["SourceRegion"]
        assert member.shape == "String"
        # The other members are still there: the extras merge, they do not replace.
        assert set(raw["shapes"][shape]["members"]) < set(model.shape(shape).members)


def test_rds_copy_db_snapshot_request_has_source_region(release_22: Release) -> None:
    model = release_22.load_service("rds")
    assert model.extras == (SERVICE_EXTRAS, PAGINATORS_EXTRAS)
    assert model.operations["CopyDBSnapshot"].input == "CopyDBSnapshotMessage"
    request = operation_trees(model, "CopyDBSnapshot")["request"]
    assert request["members"]["SourceRegion"]["type"] == "string"
    assert request["members"]["SourceDBSnapshotIdentifier"]["required"] is True


def test_docdb_and_neptune_merge_only_service_extras(release_22: Release) -> None:
    for service in ("docdb", "neptune"):
        assert release_22.load_service(service).extras == (SERVICE_EXTRAS,)


def test_s3_expires_becomes_timestamp(wheel_44: Path) -> None:
    raw = raw_model(wheel_44, "s3", "2006-03-01")
    assert raw["shapes"]["Expires"]["type"] == "string", "1.44.8's raw model says string"
    model = open_release("1.44.8").load_service("s3")
    assert model.extras == (SERVICE_EXTRAS, PAGINATORS_EXTRAS)
    assert model.shape("Expires").type == "timestamp"
    response = operation_trees(model, "HeadObject")["response"]
    assert response["members"]["Expires"]["type"] == "timestamp"


def test_s3_paginator_extras_merged(release_22: Release) -> None:
    raw = release_22.load_json("s3", "2006-03-01", "paginators-1.json")
    assert "non_aggregate_keys" not in raw["pagination"]["ListObjectsV2"]
    model = release_22.load_service("s3")
    assert set(model.paginators["ListObjectsV2"]["non_aggregate_keys"]) >= {"Prefix"}


def test_service_without_extras(release_22: Release) -> None:
    assert release_22.load_service("dynamodb").extras == ()


# ----- gzip bodies ------------------------------------------------------------------------------


def gzip_key(data: bytes) -> object:
    return content_key(SERVICE_GZ, data)


def gzip_with_header(
    content: bytes, mtime: int, extra: bytes, name: bytes, comment: bytes
) -> bytes:
    """A gzip file whose header has every optional field: extra, name, comment, header CRC."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    deflate = compressor.compress(content) + compressor.flush()
    trailer = struct.pack("<II", zlib.crc32(content), len(content))
    head = b"\x1f\x8b\x08" + bytes([0x04 | 0x08 | 0x10 | 0x02]) + struct.pack("<I", mtime)
    head += b"\x00\xff" + struct.pack("<H", len(extra)) + extra + name + b"\x00"
    head += comment + b"\x00"
    return head + struct.pack("<H", zlib.crc32(head) & 0xFFFF) + deflate + trailer


def test_a_gzip_is_keyed_by_its_body_not_its_mtime_or_file_name() -> None:
    content = b'{"metadata": {}, "operations": {}, "shapes": {}}' * 50
    one = gzip_bytes(content, filename="service-2.json", mtime=1_600_000_000)
    two = gzip_bytes(content, filename="other-name-entirely.json", mtime=1_700_000_000)
    assert one != two
    assert gzip.decompress(one) == gzip.decompress(two) == content
    assert gzip_key(one) == gzip_key(two)
    different = gzip_bytes(content + b" ", filename="service-2.json", mtime=1_600_000_000)
    assert gzip_key(different) != gzip_key(one)


def test_gzip_header_end_skips_extra_comment_and_header_crc() -> None:
    content = b"hello botocore" * 20
    one = gzip_with_header(content, 1, b"ab", b"a.json", b"built here")
    two = gzip_with_header(content, 2, b"xyz1", b"b.json", b"built there, later")
    assert gzip.decompress(one) == gzip.decompress(two) == content
    one_end, two_end = gzip_header_end(one), gzip_header_end(two)
    assert one_end is not None and two_end is not None
    assert one[one_end:] == two[two_end:] and len(one) - one_end < len(content)
    assert gzip_key(one) == gzip_key(two)


def test_other_bytes_have_no_gzip_header_and_are_keyed_as_they_are() -> None:
    cut = gzip_bytes(b"{}", filename="service-2.json", mtime=1)[:15]  # inside the file name
    for data in (b"", b"{}", b'{"a": 1}', b"\x1f\x8b", cut):
        assert gzip_header_end(data) is None
        assert gzip_key(data) == data


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_a_wheel_keys_a_gzip_from_its_header_as_a_read_of_it_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, compression: int
) -> None:
    content = orjson.dumps({"metadata": {"documentation": "x" * 5000}, "shapes": {}})
    members = {
        "plain": gzip_bytes(content, filename="service-2.json", mtime=1_600_000_000),
        "rebuilt": gzip_bytes(content, filename="tmp/service-2.json", mtime=1_700_000_000),
        "fields": gzip_with_header(content, 3, b"ab", b"service-2.json", b"a comment"),
        "changed": gzip_bytes(content + b" ", filename="service-2.json", mtime=1_600_000_000),
        # A header longer than what is inflated to find it: known by a read instead.
        "long-name": gzip_bytes(content, filename="n" * HEAD_SIZE, mtime=1),
        "not-gzip": content,
    }
    wheel = tmp_path / "botocore-9.9.9-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", compression) as archive:
        for service, data in members.items():
            archive.writestr(f"{DATA}{service}/2020-01-01/{SERVICE_GZ}", data)
    location = {service: f"{DATA}{service}/2020-01-01/{SERVICE_GZ}" for service in members}
    zipped = ZipArchive(wheel)
    read = {service: content_key(SERVICE_GZ, zipped.read(location[service])) for service in members}

    def no_read(self: ZipArchive, where: str) -> bytes:
        raise AssertionError(f"read {where} whole")

    with monkeypatch.context() as patched:
        patched.setattr(ZipArchive, "read", no_read)
        keys = {
            s: zipped.content_key(location[s]) for s in ("plain", "rebuilt", "fields", "changed")
        }
    keys |= {s: zipped.content_key(location[s]) for s in ("long-name", "not-gzip")}
    assert keys == read
    assert keys["plain"] == keys["rebuilt"] == keys["fields"] == keys["long-name"]
    assert keys["changed"] != keys["plain"]
    assert keys["not-gzip"] == content


def test_recompressed_models_have_equal_raw_files(tmp_path: Path, wheel_22: Path) -> None:
    content = gzip.decompress(wheel_member(wheel_22, f"{DATA}sagemaker/2017-07-24/{SERVICE_GZ}"))
    releases = []
    for index, mtime in enumerate((1_000_000, 2_000_000)):
        folder = tmp_path / f"build{index}" / "sagemaker" / "2017-07-24"
        folder.mkdir(parents=True)
        (folder / SERVICE_GZ).write_bytes(
            gzip_bytes(content, filename=f"tmp{index}/service-2.json", mtime=mtime)
        )
        releases.append(open_release(str(tmp_path / f"build{index}")))
    one, two = (list(r.content_keys("sagemaker", "2017-07-24")) for r in releases)
    assert (tmp_path / "build0/sagemaker/2017-07-24" / SERVICE_GZ).read_bytes() != (
        tmp_path / "build1/sagemaker/2017-07-24" / SERVICE_GZ
    ).read_bytes()
    assert one == two


# ----- unknown names ----------------------------------------------------------------------------


def test_unknown_service_suggests_the_closest(release_22: Release) -> None:
    with pytest.raises(UnknownServiceError) as caught:
        release_22.load_service("sagemakr")
    message = str(caught.value)
    assert "'sagemakr'" in message
    assert "did you mean sagemaker" in message
    assert "1.37.22" in message


def test_unknown_service_without_a_close_name(release_22: Release) -> None:
    with pytest.raises(UnknownServiceError) as caught:
        release_22.api_versions("zzzzzzzzzzzzzzzzzzzzzz")
    assert "did you mean" not in str(caught.value)


@pytest.mark.parametrize(
    "spec",
    [
        "",
        "-1.37.22",
        "--index-url=http://x",
        "latest-ish",
        "0.9.0",
        "boto3==latest",
        "1.37.22 extra",
    ],
)
def test_not_a_spec(spec: str) -> None:
    with pytest.raises(SpecError):
        open_release(spec, cache=WheelCache(Path("/nonexistent-botocontract-cache"), offline=True))


@pytest.mark.parametrize(
    "spec", ["./nope/service-2.json", "nope.whl", "nope/data", "missing-model.json.gz"]
)
def test_missing_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError, match="no such file or folder"):
        open_release(spec)


def test_wheel_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.whl"
    path.write_bytes(b"PK\x03\x04 but not really")
    with pytest.raises(SourceError, match="not a wheel"):
        open_release(str(path))


def test_zip_without_botocore_data(tmp_path: Path) -> None:
    path = tmp_path / "other.whl"
    with zipfile.ZipFile(path, "w") as out:
        out.writestr("other/__init__.py", "")
    with pytest.raises(SourceError, match="holds no botocore/data"):
        open_release(str(path)).services()


# ----- the wheel cache --------------------------------------------------------------------------


def test_cache_reuses_the_cached_wheel(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pip(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"pip ran: {args}")

    monkeypatch.setattr(subprocess, "run", no_pip)
    cache = WheelCache()
    first = open_release("1.37.22", cache=cache)
    second = open_release("1.37.22", cache=cache)
    assert cache.fetched == []
    assert first.botocore_version == second.botocore_version == "1.37.22"
    cached = cache.cached("botocore", "1.37.22")
    assert cached is not None
    assert cached.parent == cache.root / "wheels" / "botocore" / "1.37.22"


def test_offline_with_an_empty_cache(tmp_path: Path) -> None:
    root = tmp_path / "empty-cache"
    root.mkdir()
    cache = WheelCache(root, offline=True)
    with pytest.raises(OfflineError) as caught:
        open_release("1.37.22", cache=cache)
    assert "botocore==1.37.22" in str(caught.value)
    assert str(root) in str(caught.value)
    assert cache.fetched == []
    assert list(root.iterdir()) == [], "offline touches nothing in the cache"


def test_offline_from_a_filled_cache(tmp_path: Path, wheel_22: Path) -> None:
    slot = tmp_path / "wheels" / "botocore" / "1.37.22"
    slot.mkdir(parents=True)
    shutil.copyfile(wheel_22, slot / wheel_22.name)
    cache = WheelCache(tmp_path, offline=True)
    release = open_release("1.37.22", cache=cache)
    assert release.botocore_version == "1.37.22"
    assert release.date == DATE_1_37_22
    assert cache.fetched == []


def test_offline_names_a_damaged_wheel(tmp_path: Path) -> None:
    slot = tmp_path / "wheels" / "botocore" / "1.37.22"
    slot.mkdir(parents=True)
    (slot / "botocore-1.37.22-py3-none-any.whl").write_bytes(b"half a wheel")
    cache = WheelCache(tmp_path, offline=True)
    assert cache.cached("botocore", "1.37.22") is None  # never used for an answer
    with pytest.raises(CacheError, match="damaged wheel; run without --offline"):
        open_release("1.37.22", cache=cache)


def test_offline_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOTOCONTRACT_OFFLINE", "1")
    monkeypatch.setenv("BOTOCONTRACT_CACHE_DIR", str(tmp_path))
    cache = api.Settings().cache()
    assert cache.offline is True
    assert cache.root == tmp_path
    with pytest.raises(OfflineError):
        api.release("1.37.22")


# ----- releases that need pip -------------------------------------------------------------------


@pytest.mark.network
def test_old_release_with_plain_json_models() -> None:
    cache = WheelCache()
    release = open_release("1.31.64", cache=cache)
    assert release.botocore_version == "1.31.64"
    assert release.date == dt.date(2023, 10, 16)
    for service, operation in (("sagemaker", "CreateApp"), ("s3", "GetObject")):
        version = release.api_version(service)
        location = release.archive.index()[service][version]["service-2.json"]
        assert location.endswith("/service-2.json"), "1.31 shipped uncompressed models"
        model = release.load_service(service)
        assert operation in model.operations
        assert model.source.endswith(f"{service}/{version}/service-2.json")
    # Uncompressed files are known by the CRC-32 and size the zip directory holds for them.
    location = release.archive.index()["s3"]["2006-03-01"]["service-2.json"]
    data = release.archive.read(location)
    assert orjson.loads(data)["metadata"]["serviceId"] == "S3"
    assert next(release.content_keys("s3", "2006-03-01")) == ("crc32", zlib.crc32(data), len(data))


@pytest.mark.network
def test_boto3_floor_spec_resolves_to_its_botocore_lower_bound() -> None:
    cache = WheelCache()
    release = open_release("boto3-floor==1.37.22", cache=cache)
    assert release.spec == "boto3-floor==1.37.22"
    assert release.label == "boto3-floor==1.37.22 → botocore 1.37.22"
    assert release.botocore_version == "1.37.22"
    assert release.date == DATE_1_37_22
    # The lower bound as boto3's own metadata states it.
    boto3_wheel = cache.cached("boto3", "1.37.22")
    assert boto3_wheel is not None
    with zipfile.ZipFile(boto3_wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        text = archive.read(metadata).decode()
    requires = [line for line in text.splitlines() if line.startswith("Requires-Dist: botocore")]
    assert requires and ">=1.37.22" in requires[0]


@pytest.mark.parametrize("service", ["s3", "rds", "docdb", "neptune", "eks", "secretsmanager"])
def test_extras_merge_like_botocores_own_loader(service: str) -> None:
    """The installed botocore's Loader and our reader give the same merged model."""
    from botocore.loaders import Loader

    release = open_release("installed")
    ours = release.load_service(service)
    theirs = Loader().load_service_model(service, "service-2", ours.api_version)
    assert ours.raw == theirs
    # Which extras a service has depends on the release: ours names exactly those on disk.
    folder = Path(botocore.__file__).parent / "data" / service / ours.api_version
    on_disk = {path.name.removesuffix(".gz") for path in folder.glob("*.sdk-extras.json*")}
    if not on_disk:
        pytest.skip(f"{service} has no sdk-extras in botocore {botocore.__version__}")
    assert set(ours.extras) == on_disk
