// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IPointsRegistry} from "../../points/IPointsRegistry.sol";

/// @title SeasonDAppReporter
/// @notice Base of the local stand-ins of the season's dApps that report to the points registry:
/// each completed action becomes exactly one `record` with a ref unique to this chain, this
/// contract and this report.
/// @dev The dApp contract must hold its dApp's reporter role in the registry.
abstract contract SeasonDAppReporter {
    /// @notice The season's points registry.
    IPointsRegistry public immutable registry;

    /// @notice How many records this dApp reported (the last ref's sequence number).
    uint256 public reportCount;

    /// @param registry_ The season's points registry (its catalog must hold this dApp's actions).
    constructor(IPointsRegistry registry_) {
        registry = registry_;
    }

    /// @notice The ref of this dApp's `sequence`-th report: keccak256(abi.encode(chainId, dApp, sequence)).
    /// @param sequence The report's sequence number (1-based).
    function refOf(uint256 sequence) public view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), sequence));
    }

    /// @dev Records that `account` completed `action`, with a fresh ref.
    function _report(address account, uint32 action) internal {
        registry.record(account, action, refOf(++reportCount));
    }
}
