"""botocontract: contracts, diffs, upgrade gates and changelogs for botocore service models."""

__version__ = "0.1.0"
