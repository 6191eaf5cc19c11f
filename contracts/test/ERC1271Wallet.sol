// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @title ERC1271Wallet
/// @notice TEST ONLY: a one-owner smart account (the shape of a multisig registrar): it approves a
/// digest signed by its owner; `mode` makes it answer wrongly (1: a wrong magic value, 2: revert,
/// 3: a short answer) to test callers against misbehaving accounts.
contract ERC1271Wallet is IERC1271 {
    address public immutable owner;
    uint8 public mode;

    /// @notice Mode 2's answer.
    error Refused();

    constructor(address owner_) {
        owner = owner_;
    }

    function setMode(uint8 mode_) external {
        mode = mode_;
    }

    /// @inheritdoc IERC1271
    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        if (mode == 1) return 0xffffffff;
        if (mode == 2) revert Refused();
        if (mode == 3) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                mstore(0, 0x1626ba7e00000000000000000000000000000000000000000000000000000000)
                return(0, 4)
            }
        }
        (address signer, ECDSA.RecoverError error, ) = ECDSA.tryRecoverCalldata(hash, signature);
        return
            error == ECDSA.RecoverError.NoError && signer == owner
                ? this.isValidSignature.selector
                : bytes4(0);
    }
}
