// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ITieredMint} from "../mint/ITieredMint.sol";

/// @title Minion
/// @notice TEST ONLY: claims an open mint's basket from its own (fresh) address and forwards it.
contract Minion {
    constructor(ITieredMint mint, address[] memory tokens, address to) {
        mint.claim();
        for (uint256 i = 0; i < tokens.length; ++i) {
            IERC20 token = IERC20(tokens[i]);
            token.transfer(to, token.balanceOf(address(this)));
        }
    }
}
