import boto3
import pytest


@pytest.fixture(name="client")
def athena():
    return boto3.client("athena")


def test_own_fixture_first(client):
    client.list_work_groups()  # expect: athena list_work_groups
