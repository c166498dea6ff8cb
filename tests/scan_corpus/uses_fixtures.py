def test_bucket(s3_client):
    s3_client.create_bucket(Bucket="b")  # expect: s3 create_bucket req=Bucket


def test_queue(queue, s3_client):
    queue.create_queue(QueueName="q")  # expect: sqs create_queue req=QueueName


class TestInClass:
    def test_method(self, s3_client):
        s3_client.list_buckets()  # expect: s3 list_buckets


def helper_not_a_test(s3_client):
    s3_client.list_buckets()


def test_default(s3_client=None):
    s3_client.list_buckets()
