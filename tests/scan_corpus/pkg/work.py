from . import factory
from .factory import make_s3, shared
from .sinks import drain


def run():
    s3 = make_s3()
    s3.list_buckets()  # expect: s3 list_buckets
    factory.make_named().describe_repositories()  # expect: ecr describe_repositories
    shared.list_domains()  # expect: sagemaker list_domains
    drain(s3, bucket="b")
    local_use(make_s3())


def local_use(client):
    client.list_objects_v2(Bucket="x")  # expect: s3 list_objects_v2 req=Bucket
