from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_s3.client import S3Client as S3ClientToo
    from types_boto3_dynamodb.client import DynamoDBClient
    from mypy_boto3_sagemaker_runtime import SageMakerRuntimeClient
    from mypy_boto3_s3.type_defs import ListObjectsV2OutputTypeDef


def annotated(s3: S3Client, ddb: "DynamoDBClient", maybe: Optional[S3ClientToo]):
    s3.list_buckets()  # expect: s3 list_buckets
    ddb.list_tables()  # expect: dynamodb list_tables
    maybe.head_bucket(Bucket="b")  # expect: s3 head_bucket req=Bucket


def union(runtime: SageMakerRuntimeClient | None, page: ListObjectsV2OutputTypeDef):
    runtime.invoke_endpoint(EndpointName="e", Body=b"{}")  # expect: sagemaker-runtime invoke_endpoint req=EndpointName,Body
    page.get("Contents")


class Holder:
    client: S3Client

    def use(self):
        self.client.list_buckets()  # expect: s3 list_buckets


def variable():
    c: S3Client = make()
    c.list_buckets()  # expect: s3 list_buckets
