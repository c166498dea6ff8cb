import boto3

shared = boto3.client("sagemaker")


def make_s3():
    return boto3.client("s3")


def make_named():
    client = boto3.client("ecr")
    return client
