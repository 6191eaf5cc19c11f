// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";

/// @title RewardClaimFloor
/// @notice TEST ONLY, NOT FOR DEPLOYMENT: anyone can set the root. The gas floor of a claim of the
/// RewardDistributor's leaf: the simplest contract that verifies the same OpenZeppelin standard leaf
/// (account, token, cumulativeAmount) with `MerkleProof.verifyCalldata`, keeps a mapping of claimed amounts, pays
/// the difference with SafeERC20 and emits the one event an indexer needs. No roles, no pause, no timelock.
/// `claimWithoutEvent` is the same claim without the event, to show what the event itself costs.
contract RewardClaimFloor {
    using SafeERC20 for IERC20;

    event Claimed(address indexed account, address indexed token, uint256 amount);

    error InvalidProof();
    error NothingToClaim();

    bytes32 public root;
    mapping(address account => mapping(address token => uint256 amount)) public claimed;

    function setRoot(bytes32 newRoot) external {
        root = newRoot;
    }

    function claim(
        address account,
        address token,
        uint256 cumulativeAmount,
        bytes32[] calldata proof
    ) external returns (uint256 amount) {
        amount = _pay(account, token, cumulativeAmount, proof);
        emit Claimed(account, token, amount);
    }

    function claimWithoutEvent(
        address account,
        address token,
        uint256 cumulativeAmount,
        bytes32[] calldata proof
    ) external returns (uint256 amount) {
        amount = _pay(account, token, cumulativeAmount, proof);
    }

    function _pay(
        address account,
        address token,
        uint256 cumulativeAmount,
        bytes32[] calldata proof
    ) private returns (uint256 amount) {
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, token, cumulativeAmount))));
        if (!MerkleProof.verifyCalldata(proof, root, leaf)) revert InvalidProof();
        amount = cumulativeAmount - claimed[account][token];
        if (amount == 0) revert NothingToClaim();
        claimed[account][token] = cumulativeAmount;
        IERC20(token).safeTransfer(account, amount);
    }
}
