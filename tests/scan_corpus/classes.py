import boto3


class Store:
    table = boto3.client("dynamodb")

    def early(self):
        # read before __init__ in the file: found all the same
        return self.queue.receive_message(QueueUrl="u")  # expect: sqs receive_message req=QueueUrl

    def __init__(self):
        self.queue = boto3.client("sqs")

    def scan(self):
        return self.table.scan(TableName="t")  # expect: dynamodb scan req=TableName

    def send(self, body):
        self.queue.send_message(QueueUrl="u", MessageBody=body)  # expect: sqs send_message req=QueueUrl,MessageBody
        self.helper(self.queue)

    def helper(self, sqs):
        sqs.purge_queue(QueueUrl="u")  # expect: sqs purge_queue req=QueueUrl

    @staticmethod
    def static(s3):
        s3.list_buckets()

    @classmethod
    def make(cls):
        return cls.table.describe_table(TableName="t")  # expect: dynamodb describe_table req=TableName


class Unrelated:
    def send(self):
        self.queue.send_message(QueueUrl="u")
