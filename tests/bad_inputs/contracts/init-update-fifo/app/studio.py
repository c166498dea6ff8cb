import boto3

sagemaker = boto3.client("sagemaker")
sagemaker.create_app(DomainId="d", AppType="JupyterLab", AppName="a", UserProfileName="u")
