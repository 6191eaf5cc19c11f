// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ITieredMint} from "../mint/ITieredMint.sol";
import {Minion} from "./Minion.sol";

/// @title MinionFactory
/// @notice TEST ONLY: the open-mode attack: one transaction creates `count` minion contracts, each
/// claiming a basket from a fresh address and forwarding it to the caller.
contract MinionFactory {
    /// @notice Creates `count` minions; reverts with the mint's error if any claim is refused.
    function attack(ITieredMint mint, address[] calldata tokens, uint256 count) external {
        for (uint256 i = 0; i < count; ++i) new Minion(mint, tokens, msg.sender);
    }

    /// @notice Claims directly from the factory's own address.
    function claimOnce(ITieredMint mint) external returns (uint64) {
        return mint.claim();
    }
}
