"""A small app that calls AWS, for ``botocontract init`` (see examples/README.md)."""

from __future__ import annotations

import boto3

s3 = boto3.client("s3")
dynamodb = boto3.client("dynamodb")
sagemaker = boto3.client("sagemaker")


def store_report(bucket: str, key: str, body: bytes) -> str:
    s3.put_object(Bucket=bucket, Key=key, Body=body, ServerSideEncryption="aws:kms")
    listed = s3.list_objects_v2(Bucket=bucket, Prefix="reports/")
    return ",".join(item["Key"] for item in listed.get("Contents", []))


def remember(table: str, key: str) -> str | None:
    found = dynamodb.get_item(TableName=table, Key={"id": {"S": key}})
    item = found.get("Item")
    return item["name"]["S"] if item else None


def start_studio(domain: str, profile: str) -> str:
    sagemaker.create_app(
        DomainId=domain,
        UserProfileName=profile,
        AppType="JupyterLab",
        AppName="default",
        RecoveryMode=True,
    )
    described = sagemaker.describe_app(
        DomainId=domain, UserProfileName=profile, AppType="JupyterLab", AppName="default"
    )
    return f"{described['Status']} recovery={described.get('RecoveryMode')}"
