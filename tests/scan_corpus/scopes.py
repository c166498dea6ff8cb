import boto3

client = boto3.client("s3")


def uses_global():
    client.list_buckets()  # expect: s3 list_buckets


def parameter_shadows(client):
    client.list_buckets()


def rebound():
    ddb = boto3.client("dynamodb")
    ddb.list_tables()  # expect: dynamodb list_tables
    ddb = {"list_tables": len}
    ddb.list_tables()


def rebound_global():
    global client
    client = object()


def comprehension_shadows(names):
    return [client.upper() for client in names]


def comprehension_uses():
    return [client.head_bucket(Bucket=b) for b in ("a", "b")]  # expect: s3 head_bucket req=Bucket


def lambdas():
    f = lambda: client.list_buckets()  # expect: s3 list_buckets
    g = lambda client: client.list_buckets()
    return f, g


def closure():
    sqs = boto3.client("sqs")

    def inner():
        return sqs.list_queues()  # expect: sqs list_queues

    return inner


def alias():
    a = boto3.client("ec2")
    b = a
    b.describe_vpcs()  # expect: ec2 describe_vpcs
    method = a.describe_subnets
    method()  # expect: ec2 describe_subnets


def branches(flag):
    if flag:
        c = boto3.client("sns")
    else:
        c = boto3.client("sns", region_name="eu-west-1")
    c.list_topics()  # expect: sns list_topics


def with_block():
    with boto3.client("s3") as managed:
        managed.list_buckets()  # expect: s3 list_buckets


def unpacked():
    one, two = boto3.client("s3"), boto3.client("sqs")
    one.list_buckets()  # expect: s3 list_buckets
    two.list_queues()  # expect: sqs list_queues


def exception_name():
    try:
        pass
    except Exception as client:
        client.list_buckets()
