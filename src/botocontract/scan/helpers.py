"""The methods boto3 and botocore add to clients that are not operations of the model, and the
operations each of them makes (``boto3/s3/inject.py``, ``botocore/signers.py``)."""

from __future__ import annotations

from typing import NamedTuple


class Helper(NamedTuple):
    service: str | None  # None: every client has it
    operations: tuple[str, ...]  # what it calls; the first is the one its members belong to
    parameters: tuple[str, ...]  # in positional order
    members: frozenset[str]  # parameters that are request members of the first operation
    extra_args: str | None = None  # a parameter whose dict keys are request members too


_UPLOAD = (
    "PutObject",
    "CreateMultipartUpload",
    "UploadPart",
    "CompleteMultipartUpload",
    "AbortMultipartUpload",
)
_BUCKET_KEY = frozenset({"Bucket", "Key"})
_TRANSFER = ("ExtraArgs", "Callback", "Config")

HELPERS: dict[str, Helper] = {
    "upload_file": Helper(
        "s3", _UPLOAD, ("Filename", "Bucket", "Key", *_TRANSFER), _BUCKET_KEY, "ExtraArgs"
    ),
    "upload_fileobj": Helper(
        "s3", _UPLOAD, ("Fileobj", "Bucket", "Key", *_TRANSFER), _BUCKET_KEY, "ExtraArgs"
    ),
    "download_file": Helper(
        "s3",
        ("GetObject", "HeadObject"),
        ("Bucket", "Key", "Filename", *_TRANSFER),
        _BUCKET_KEY,
        "ExtraArgs",
    ),
    "download_fileobj": Helper(
        "s3",
        ("GetObject", "HeadObject"),
        ("Bucket", "Key", "Fileobj", *_TRANSFER),
        _BUCKET_KEY,
        "ExtraArgs",
    ),
    "copy": Helper(
        "s3",
        (
            "CopyObject",
            "HeadObject",
            "CreateMultipartUpload",
            "UploadPartCopy",
            "CompleteMultipartUpload",
            "AbortMultipartUpload",
        ),
        ("CopySource", "Bucket", "Key", "ExtraArgs", "Callback", "SourceClient", "Config"),
        _BUCKET_KEY,
        "ExtraArgs",
    ),
    "generate_presigned_post": Helper(
        "s3", ("PutObject",), ("Bucket", "Key", "Fields", "Conditions", "ExpiresIn"), _BUCKET_KEY
    ),
    # The operation is named by ClientMethod and its members are the keys of Params.
    "generate_presigned_url": Helper(
        None, (), ("ClientMethod", "Params", "ExpiresIn", "HttpMethod"), frozenset(), "Params"
    ),
    "generate_db_auth_token": Helper(
        "rds", (), ("DBHostname", "Port", "DBUsername", "Region"), frozenset()
    ),
}

# Client attributes that are neither operations nor helpers: calling them sends nothing.
NOT_OPERATIONS = frozenset({"can_paginate", "close", "get_paginator", "get_waiter"})
