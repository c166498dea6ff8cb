import boto3
import pytest


@pytest.fixture
def client():
    return boto3.client("sqs")
