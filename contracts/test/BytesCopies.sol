// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Bytes} from "@openzeppelin/contracts/utils/Bytes.sol";

// The buffers are memory on purpose: OpenZeppelin's Bytes copies memory, which is what is tested.
// solhint-disable gas-calldata-parameters

/**
 * @notice Exposes OpenZeppelin's Bytes functions that copy memory (MCOPY on Cancun, the equivalent
 * Yul function on older targets), so that a test compares both builds' results.
 */
contract BytesCopies {
    /// @notice Bytes.slice(buffer, start, end)
    function slice(bytes memory buffer, uint256 start, uint256 end) external pure returns (bytes memory) {
        return Bytes.slice(buffer, start, end);
    }

    /// @notice Bytes.splice(buffer, start, end): an overlapping copy within one buffer
    function splice(bytes memory buffer, uint256 start, uint256 end) external pure returns (bytes memory) {
        return Bytes.splice(buffer, start, end);
    }

    /// @notice Bytes.replace(buffer, pos, replacement)
    function replace(
        bytes memory buffer,
        uint256 pos,
        bytes memory replacement
    ) external pure returns (bytes memory) {
        return Bytes.replace(buffer, pos, replacement);
    }

    /// @notice Bytes.concat(buffers)
    function concat(bytes[] memory buffers) external pure returns (bytes memory) {
        return Bytes.concat(buffers);
    }
}
