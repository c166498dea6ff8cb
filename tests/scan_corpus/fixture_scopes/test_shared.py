def test_nearest_conftest(client, s3_client):
    # test_own.py's fixture of the same name is not visible here; conftest.py's is
    client.list_queues()  # expect: sqs list_queues
    s3_client.list_buckets()  # expect: s3 list_buckets
