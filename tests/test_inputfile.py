"""Values Python will not build are said in our words, whichever Python's own words are."""

from __future__ import annotations

import pytest

from botocontract.inputfile import refused_value

SAID = "an integer of 5,000 digits (Python reads at most 4,300)"


@pytest.mark.parametrize(
    "python_says",
    [
        # CPython 3.11 and later
        "Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; "
        "use sys.set_int_max_str_digits() to increase the limit",
        # the 3.10 security releases (3.10.7 on) that brought the limit
        "Exceeds the limit (4300) for integer string conversion: value has 5000 digits; "
        "use sys.set_int_max_str_digits() to increase the limit",
    ],
    ids=["3.11+", "3.10"],
)
def test_an_over_long_integer_is_said_in_our_words(python_says: str) -> None:
    assert refused_value(ValueError(python_says)) == SAID


def test_without_a_digit_count_the_limit_is_said() -> None:
    said = refused_value(
        ValueError("Exceeds the limit (4300 digits) for integer string conversion")
    )
    assert said == "an integer of more than 4,300 digits (Python reads at most 4,300)"


def test_other_values_keep_pythons_words() -> None:
    assert refused_value(ValueError("month must be in 1..12")) == "month must be in 1..12"


def test_an_integer_python_refuses_here_is_said_in_our_words() -> None:
    try:
        int("1" * 5000)
    except ValueError as exc:  # every supported Python since 3.10.7 has the limit
        assert refused_value(exc) == SAID
    else:
        pytest.skip("this Python has no limit on integer string conversion")
