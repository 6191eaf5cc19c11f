// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title FreezableToken
/// @notice TEST ONLY: an ERC-20 whose `transfer` returns false (without reverting) while frozen, as some
/// non-standard tokens do.
contract FreezableToken is ERC20 {
    bool public frozen;

    constructor() ERC20("Freezable", "FRZ") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setFrozen(bool frozen_) external {
        frozen = frozen_;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        if (frozen) return false;
        return super.transfer(to, value);
    }
}
