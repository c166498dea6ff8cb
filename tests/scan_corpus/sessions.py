"""Clients made by a session the code is handed (awscli's customizations: ``self._session``)."""

import boto3


class Command:
    def __init__(self, session):
        self._session = session

    def run(self, region):
        client = self._session.create_client("codedeploy", region_name=region)
        client.list_applications()  # expect: codedeploy list_applications
        self._s3 = self._session.create_client("s3")

    def later(self):
        self._s3.list_buckets()  # expect: s3 list_buckets


def from_parameter(session, name):
    session.client("sts").get_caller_identity()  # expect: sts get_caller_identity
    session.client(service_name="iam").list_roles()  # expect: iam list_roles
    session.client(name).list_roles()  # a service named by a variable: not known to be a client
    session.client("logs").get("/path")  # positional arguments: not a botocore client


class Sender:
    def send(self, queue):
        queue.send_message(QueueUrl="u")  # expect: sqs send_message req=QueueUrl


def through_an_instance():
    sender = Sender()
    sender.send(boto3.client("sqs"))
