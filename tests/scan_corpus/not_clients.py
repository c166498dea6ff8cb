from unittest.mock import MagicMock

import requests


def lookalikes(redis_client):
    client = requests.Session()
    client.get("https://example.com")
    mock = MagicMock()
    mock.put_object(Bucket="b")
    redis_client.get("k")
    client = MagicMock(spec=["list_buckets"])
    client.list_buckets()
