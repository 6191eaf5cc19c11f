// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @notice One claim of a `claimMany` batch: the leaf (account, token, cumulativeAmount) and its proof.
struct Claim {
    address account;
    address token;
    uint256 cumulativeAmount;
    bytes32[] proof;
}

/// @notice A published root waiting for its timelock (all zero when nothing is pending).
struct PendingRoot {
    uint64 epoch;
    uint64 validAt;
    bytes32 root;
    bytes32 dataHash;
}

/// @title IRewardDistributor
/// @notice Merkle distributor of cumulative rewards. Each epoch's tree commits, for every (account, token), to
/// the account's cumulative entitlement: leaves are OpenZeppelin's standard double-hashed leaves of
/// `abi.encode(account, token, cumulativeAmount)` (StandardMerkleTree with `["address","address","uint256"]`),
/// sorted pairs. A claim pays `cumulativeAmount - claimed[account][token]` to `account`, whoever sends it.
///
/// Roots go through a timelock: a publisher publishes (epoch, root, dataHash), the root is pending until
/// `validAt = publication time + timelock`, then anyone accepts it; until then the guardian or the owner can
/// revoke it. Epochs strictly increase; a revoked epoch number can be published again. One root at most is
/// pending: a new one is refused until the pending one is accepted or revoked, so publications never reset
/// each other's timelock. With a timelock of zero a publication is accepted in the same transaction.
///
/// Claims close at `claimDeadline`, fixed at deployment; after it the owner may sweep what is left.
interface IRewardDistributor {
    /* CLAIMS */

    /// @notice Pays `account` what the accepted root owes it in `token` beyond what it already claimed.
    /// @dev Anyone may call it: the tokens always go to `account`. Reverts with `EnforcedPause` when paused,
    /// `RootNotAccepted` before any root, `ClaimDeadlinePassed` after the deadline, `InvalidProof`,
    /// `NothingToClaim`, `InsufficientBalance` when the distributor holds too little, `TransferFailed` when the
    /// token refuses the transfer otherwise.
    /// @param account The account of the leaf, and the recipient.
    /// @param token The reward token of the leaf.
    /// @param cumulativeAmount The account's cumulative entitlement in the accepted root.
    /// @param proof The Merkle proof of the leaf in the accepted root.
    /// @return amount The amount paid.
    function claim(
        address account,
        address token,
        uint256 cumulativeAmount,
        bytes32[] calldata proof
    ) external returns (uint256 amount);

    /// @notice Makes every claim of `claims` against the accepted root, in order.
    /// @dev A claim with nothing left to claim is skipped (amount 0, no event), so that claiming one leaf first
    /// cannot make a whole batch fail; every other error reverts the batch, as in `claim`.
    /// @param claims The leaves and their proofs.
    /// @return amounts The amount paid for each claim, in order.
    function claimMany(Claim[] calldata claims) external returns (uint256[] memory amounts);

    /// @notice Transfers `amount` of `token` from the caller (who approved it) to the distributor.
    /// @dev Reverts with `FundingAmountMismatch` if the distributor did not receive exactly `amount`
    /// (fee-on-transfer tokens are not supported), `ZeroAmount`, or `ClaimDeadlinePassed`.
    /// @param token The reward token.
    /// @param amount The amount to transfer.
    function fund(address token, uint256 amount) external;

    /* ROOTS */

    /// @notice Publishes the root of `epoch`; it becomes pending until its timelock elapses (or is accepted at
    /// once when the timelock is zero).
    /// @dev Publishers only. Reverts with `InvalidRoot` for zero or `bytes32(uint256(1))`, `EpochNotIncreasing` unless `epoch` is greater than the
    /// accepted epoch, `PendingRootExists` while another root is pending, `ClaimDeadlinePassed`.
    /// @param newEpoch The epoch the tree closes; greater than the accepted epoch.
    /// @param newRoot The Merkle root.
    /// @param newDataHash keccak256 of the tree's `tree.json` dump, so that anyone can check the published file.
    function publishRoot(uint64 newEpoch, bytes32 newRoot, bytes32 newDataHash) external;

    /// @notice Makes the pending root the accepted one, once its timelock has elapsed.
    /// @dev Anyone may call it. Reverts with `NoPendingRoot` or `TimelockNotElapsed`.
    function acceptRoot() external;

    /// @notice Revokes the pending root: it can never be accepted. The same epoch may then be published again.
    /// @dev Guardian or owner only; possible until the root is accepted. Reverts with `NoPendingRoot`.
    function revokePendingRoot() external;

    /* ADMINISTRATION */

    /// @notice Stops every claim. Guardian or owner.
    function pause() external;

    /// @notice Lets claims resume. Owner only.
    function unpause() external;

    /// @notice Makes `publisher` a root publisher (`enabled`) or removes it. Owner only.
    function setPublisher(address publisher, bool enabled) external;

    /// @notice Sets the guardian (zero: none; the owner can still revoke and pause). Owner only.
    function setGuardian(address newGuardian) external;

    /// @notice Sets the timelock for roots published from now on; a pending root keeps its `validAt`.
    /// @dev Owner only. Reverts with `TimelockTooLong` above `MAX_TIMELOCK`.
    function setTimelock(uint64 newTimelock) external;

    /// @notice After the claim deadline, sends the distributor's whole balance of `token` to `to`. Owner only.
    /// @dev Reverts with `ClaimDeadlineNotPassed`, `ZeroAddress`, `NothingToSweep`.
    function sweep(address token, address to) external;

    /* VIEWS */

    /// @notice The amount of `token` already paid to `account`.
    function claimed(address account, address token) external view returns (uint256);

    /// @notice The accepted root (zero before the first acceptance), whether or not claims are paused.
    function root() external view returns (bytes32);

    /// @notice The epoch of the accepted root (zero before the first acceptance).
    function epoch() external view returns (uint64);

    /// @notice The `dataHash` published with the accepted root.
    function dataHash() external view returns (bytes32);

    /// @notice The pending root, all zero when none is pending.
    function pendingRoot() external view returns (PendingRoot memory);

    /// @notice The delay, in seconds, between a root's publication and its earliest acceptance.
    function timelock() external view returns (uint64);

    /// @notice The account that can revoke pending roots and pause claims, besides the owner.
    function guardian() external view returns (address);

    /// @notice Whether `account` may publish roots.
    function isPublisher(address account) external view returns (bool);

    /// @notice The last second (unix time) at which claims are accepted; the owner may sweep after it.
    function claimDeadline() external view returns (uint64);
}
