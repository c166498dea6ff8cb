def drain(client, bucket):
    client.delete_bucket(Bucket=bucket)  # expect: s3 delete_bucket req=Bucket


def never_given(client):
    client.delete_bucket(Bucket="b")
