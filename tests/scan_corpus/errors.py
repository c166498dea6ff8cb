import boto3

s3 = boto3.client("s3")


def typos():
    s3.put_objekt(Bucket="b")  # expect: s3 put_objekt req=Bucket ; error: did you mean put_object
    s3.put_object(Bucket="b", Kee="k")  # expect: s3 put_object req=Bucket,Kee ; error: did you mean Key
    s3.list_buckets()["Bucketz"]  # expect: s3 list_buckets resp=Bucketz ; error: did you mean Buckets
    s3.put_object(Bucket="b", Key="k", ACL="privat")  # expect: s3 put_object req=Bucket,Key,ACL ; error: 'privat' is not one of
    boto3.client("s4").list_buckets()  # expect: s4 list_buckets ; error: unknown service 's4'
    s3.get_waiter("bucket_exist").wait(Bucket="b")  # expect: s3 get_waiter("bucket_exist").wait req=Bucket ; error: did you mean bucket_exists
