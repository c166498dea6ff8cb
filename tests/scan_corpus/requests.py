import boto3

ec2 = boto3.client("ec2")


def kwargs_and_literals(name, image):
    ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1, InstanceType="t3.micro")  # expect: ec2 run_instances req=ImageId,MinCount,MaxCount,InstanceType
    ec2.create_tags(Resources=[name], Tags=[{"Key": "a", "Value": "b"}])  # expect: ec2 create_tags req=Resources,Resources.[],Tags,Tags.[],Tags.[].Key,Tags.[].Value
    ec2.describe_instances(**{"MaxResults": 5})  # expect: ec2 describe_instances req=MaxResults


def built_then_unpacked(ids, token):
    params = {"InstanceIds": ids}
    params["DryRun"] = False
    params.update(MaxResults=10)
    if token:
        params["NextToken"] = token
    ec2.describe_instances(**params)  # expect: ec2 describe_instances req=InstanceIds,DryRun,MaxResults,NextToken
    filters = dict(Name="vpc-id", Values=["v"])
    ec2.describe_subnets(Filters=[filters])  # expect: ec2 describe_subnets req=Filters,Filters.[],Filters.[].Name,Filters.[].Values,Filters.[].Values.[]


def from_elsewhere(**kwargs):
    ec2.describe_vpcs(**kwargs)  # expect: ec2 describe_vpcs ; unresolved: members from a parameter


def positional():
    ec2.describe_vpcs("vpc-1")  # expect: ec2 describe_vpcs ; unresolved: positional arguments


def key_expression(key):
    ec2.describe_vpcs(**{key: 1})  # expect: ec2 describe_vpcs req=?
