import boto3
import boto3 as b3
import botocore.session
from boto3 import Session
from boto3 import client as make_client
from botocore.session import get_session

SERVICE = "sqs"
s3 = boto3.client("s3")
s3.list_buckets()  # expect: s3 list_buckets


def constructors(name):
    b3.client("ec2").describe_regions()  # expect: ec2 describe_regions
    make_client("sns").list_topics()  # expect: sns list_topics
    Session(region_name="eu-west-1").client("lambda").list_functions()  # expect: lambda list_functions
    session = boto3.session.Session()
    session.client(service_name="iam").list_users()  # expect: iam list_users
    core = botocore.session.get_session()
    core.create_client("sts").get_caller_identity()  # expect: sts get_caller_identity
    get_session().create_client("kms").list_keys()  # expect: kms list_keys
    boto3.client(SERVICE).list_queues()  # expect: sqs list_queues
    local = "sns"
    boto3.client(service_name=local).list_topics()  # expect: sns list_topics
    other = boto3.client(name)  # unresolved: service name is an expression
    other.do_something()  # unresolved: on a client of an unknown service
    boto3.resource("s3").meta.client.list_buckets()  # expect: s3 list_buckets
    boto3.resource("s3").Bucket("b").objects.all()
