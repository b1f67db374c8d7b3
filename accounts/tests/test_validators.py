"""Chinese identifiers: credit code (GB 32100), ID number (GB 11643), mobile; masking."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from accounts.validators import (
    is_valid_id_number,
    is_valid_uscc,
    mask_id_number,
    mask_phone,
    normalize_uscc,
    uscc_check_char,
    validate_mobile,
    validate_uscc,
)


@pytest.mark.parametrize(
    "code", ["914403001922038216", "91330100799655058B", "91110000600037341L", "91110108551385082Q"]
)
def test_real_credit_codes_are_valid(code):
    assert is_valid_uscc(code)
    validate_uscc(code)


@pytest.mark.parametrize(
    "code",
    [
        "914403001922038217",  # wrong check character
        "91440300192203821",  # 17 characters
        "9144030019220382160",  # 19 characters
        "91440300192203821I",  # I is not in the alphabet
        "0144030019220382166",  # registration authority 0 does not exist
        "91ABCDEF1922038216",  # division code must be digits
        "",
    ],
)
def test_bad_credit_codes_are_rejected(code):
    assert not is_valid_uscc(code)
    with pytest.raises(ValidationError):
        validate_uscc(code)


def test_check_character_and_normalisation():
    assert uscc_check_char("91330100799655058") == "B"
    assert normalize_uscc(" 9133-0100 7996 55058b ") == "91330100799655058B"
    assert is_valid_uscc("91330100799655058b")


def test_id_numbers():
    assert is_valid_id_number("11010519491231002X")
    assert is_valid_id_number("11010519491231002x")
    assert not is_valid_id_number("110105194912310021")  # wrong check digit
    assert not is_valid_id_number("110105194902300023")  # 30 February


def test_mobile_and_masks():
    validate_mobile("13812345678")
    with pytest.raises(ValidationError):
        validate_mobile("12812345678")
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id_number("11010519491231002X") == "1****************X"
    assert mask_phone("") == ""
