import boto3

s3 = boto3.client("s3")


def transfers(fileobj):
    s3.upload_file("/tmp/f", "bucket", "key", ExtraArgs={"ContentType": "text/plain"})  # expect: s3 upload_file req=Bucket,Key,ContentType
    s3.download_file(Bucket="bucket", Key="key", Filename="/tmp/f")  # expect: s3 download_file req=Bucket,Key
    s3.upload_fileobj(fileobj, "bucket", "key")  # expect: s3 upload_fileobj req=Bucket,Key
    s3.download_fileobj("bucket", "key", fileobj)  # expect: s3 download_fileobj req=Bucket,Key
    s3.copy({"Bucket": "a", "Key": "k"}, "bucket", "key")  # expect: s3 copy req=Bucket,Key
    s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"}, ExpiresIn=60)  # expect: s3 generate_presigned_url req=Bucket,Key
    s3.generate_presigned_post("bucket", "key")  # expect: s3 generate_presigned_post req=Bucket,Key
    s3.generate_presigned_url(ClientMethod=fileobj)  # unresolved: ClientMethod is an expression
    s3.generate_presigned_url(ClientMethod=s3.get_object.__name__, Params={"Bucket": "b"})  # expect: s3 generate_presigned_url req=Bucket
    s3.can_paginate("list_objects_v2")
    s3.close()
