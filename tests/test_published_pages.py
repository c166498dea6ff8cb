"""The text changelog against published AWS API changelog pages (shared/reference/
published-examples.md): the headline, and the Changes blocks compared as Python literals (pprint's
line wrapping aside: the published pages do not split long strings)."""

from __future__ import annotations

import ast

import pytest

from clirun import run_cli

pytestmark = pytest.mark.network


def methods(text: str) -> dict[str, tuple[str, list[object]]]:
    """Each listed method: its Changes header and the literals of its blocks."""
    found: dict[str, tuple[str, list[object]]] = {}
    for block in text.split("\n\n")[1:]:
        lines = block.splitlines()
        if lines[0] == "Not in the published format:":
            continue
        name, header, body = lines[0], lines[1], lines[2:]
        if header == "Changes (request, response)":
            split = body.index("Response")
            literals = [ast.literal_eval("\n".join(body[1:split]))]
            literals.append(ast.literal_eval("\n".join(body[split + 1 :])))
        else:
            literals = [ast.literal_eval("\n".join(body))]
        found[name] = (header, literals)
    return found


def test_stepfunctions_2024_07_25() -> None:
    done = run_cli("changelog", "1.34.148", "1.34.149", "--service", "stepfunctions")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "2024/07/25 - AWS Step Functions - 8 updated api methods"
    )
    found = methods(done.stdout)
    assert len(found) == 8
    assert next(iter(found)) == "CreateActivity (updated)"
    assert found["CreateActivity (updated)"] == (
        "Changes (request)",
        [
            {
                "encryptionConfiguration": {
                    "kmsDataKeyReusePeriodSeconds": "integer",
                    "kmsKeyId": "string",
                    "type": "AWS_OWNED_KEY | CUSTOMER_MANAGED_KMS_KEY",
                }
            }
        ],
    )
    # The constraint and required-flag changes of the pair are listed, not counted.
    assert "Not in the published format:" in done.stdout


def test_bedrock_agent_2024_05_03() -> None:
    done = run_cli("changelog", "1.34.97", "1.34.98", "--service", "bedrock-agent")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "2024/05/03 - Agents for Amazon Bedrock - 4 updated api methods"
    )
    found = methods(done.stdout)
    assert next(iter(found)) == "CreateAgentAlias (updated)"
    routing = {"routingConfiguration": {"provisionedThroughput": "string"}}
    assert found["CreateAgentAlias (updated)"] == (
        "Changes (request, response)",
        [
            routing,
            {
                "agentAlias": {
                    "agentAliasHistoryEvents": routing,
                    "failureReasons": ["string"],
                    **routing,
                }
            },
        ],
    )
    # The exact published text, where pprint wraps it the same way.
    assert (
        "Request\n{'routingConfiguration': {'provisionedThroughput': 'string'}}\nResponse\n"
        "{'agentAlias': {'agentAliasHistoryEvents': {'routingConfiguration': "
        "{'provisionedThroughput': 'string'}},\n"
        "                'failureReasons': ['string'],\n"
        "                'routingConfiguration': {'provisionedThroughput': 'string'}}}\n"
    ) in done.stdout
