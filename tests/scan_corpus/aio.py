import aiobotocore.session
from aiobotocore.session import get_session


async def main():
    session = get_session()
    async with session.create_client("s3", region_name="us-east-1") as client:
        resp = await client.get_object(Bucket="b", Key="k")  # expect: s3 get_object req=Bucket,Key resp=Body
        body = resp["Body"]
        paginator = client.get_paginator("list_objects_v2")
        async for page in paginator.paginate(Bucket="b"):  # expect: s3 get_paginator("list_objects_v2").paginate req=Bucket resp=Contents
            print(page["Contents"], body)
    other = aiobotocore.session.AioSession()
    async with other.create_client("sqs") as sqs:
        await sqs.list_queues()  # expect: sqs list_queues
