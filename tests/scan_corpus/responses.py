import boto3

s3 = boto3.client("s3")
ddb = boto3.client("dynamodb")


def reads():
    resp = s3.list_objects_v2(Bucket="b")  # expect: s3 list_objects_v2 req=Bucket resp=Contents,Contents.[],Contents.[].Key,Contents.[].Size,IsTruncated,NextContinuationToken,CommonPrefixes,CommonPrefixes.[],CommonPrefixes.[].Prefix,ResponseMetadata,ResponseMetadata.HTTPStatusCode
    for obj in resp["Contents"]:
        print(obj["Key"], obj.get("Size"))
    if resp["IsTruncated"]:
        print(resp.get("NextContinuationToken"))
    prefixes = [p["Prefix"] for p in resp.get("CommonPrefixes", [])]
    meta = resp["ResponseMetadata"]["HTTPStatusCode"]
    return prefixes, meta


def nested():
    item = ddb.get_item(TableName="t", Key={"id": {"S": "1"}})["Item"]  # expect: dynamodb get_item req=TableName,Key,Key.id,Key.id.S resp=Item,Item.name,Item.name.S,Item.tags,Item.tags.L,Item.tags.L.[]
    print(item["name"]["S"], item["tags"]["L"][0])


def indexed():
    first = s3.list_buckets()["Buckets"][0]["Name"]  # expect: s3 list_buckets resp=Buckets,Buckets.[],Buckets.[].Name
    return first


def pages():
    paginator = ddb.get_paginator("scan")
    for page in paginator.paginate(TableName="t", PaginationConfig={"PageSize": 10}):  # expect: dynamodb get_paginator("scan").paginate req=TableName resp=Items,Items.[]
        for row in page["Items"]:
            print(row)
    whole = ddb.get_paginator("query").paginate(TableName="t").build_full_result()  # expect: dynamodb get_paginator("query").paginate req=TableName resp=Count
    return whole["Count"]


def waits():
    s3.get_waiter("object_exists").wait(Bucket="b", Key="k", WaiterConfig={"Delay": 1})  # expect: s3 get_waiter("object_exists").wait req=Bucket,Key
    waiter = s3.get_waiter("bucket_not_exists")
    waiter.wait(Bucket="b")  # expect: s3 get_waiter("bucket_not_exists").wait req=Bucket


def rebound_response():
    resp = s3.list_buckets()  # expect: s3 list_buckets resp=Owner
    print(resp["Owner"])
    resp = {"Nothing": 1}
    print(resp["Nothing"])
