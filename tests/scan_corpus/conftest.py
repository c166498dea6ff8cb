import boto3
import pytest
from moto import mock_aws


@pytest.fixture
def s3_client():
    with mock_aws():
        yield boto3.client("s3", region_name="us-east-1")


@pytest.fixture(name="queue")
def make_queue():
    return boto3.client("sqs")
