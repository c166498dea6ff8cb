"""Contracts: what a team relies on, as YAML clauses checked against a release and its fixtures."""

from .evaluate import (
    ClauseResult,
    ContractRun,
    check_against_fixtures,
    covers,
    pinned_paths,
    unused_fixtures,
)
from .load import Clause, Contract, contract_schema, load_contracts

__all__ = [
    "Clause",
    "ClauseResult",
    "Contract",
    "ContractRun",
    "check_against_fixtures",
    "contract_schema",
    "covers",
    "load_contracts",
    "pinned_paths",
    "unused_fixtures",
]
