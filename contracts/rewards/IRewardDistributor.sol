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

/// @notice What the distributor knows of a root of an epoch (`rootStatus`).
/// @dev `None`: never published, or revoked while pending (a `RootRevoked` event with this root tells which) and
/// its epoch not yet accepted. `Pending`: published, waiting for its timelock or its acceptance. `Accepted`: the
/// root claims are checked against (even while claims are paused). `Outdated`: a root of an epoch at or below
/// the accepted one that is not the accepted root: revoked, or replaced by a later publication; its proofs are
/// stale and the newer epoch's proofs apply.
enum RootStatus {
    None,
    Pending,
    Accepted,
    Outdated
}

/// @title IRewardDistributor
/// @notice Merkle distributor of cumulative rewards. Each epoch's tree commits, for every (account, token), to
/// the account's cumulative entitlement: leaves are OpenZeppelin's standard double-hashed leaves of
/// `abi.encode(account, token, cumulativeAmount)` (StandardMerkleTree with `["address","address","uint256"]`),
/// sorted pairs. A claim pays `cumulativeAmount - claimed[account][token]` to `account`, whoever sends it.
///
/// Roots go through a timelock: a publisher publishes (epoch, root, dataHash), the root is pending until
/// `validAt = publication time + timelock`, then anyone accepts it; until then the guardian or the owner can
/// revoke it. Epochs advance by exactly one: the next publication is always the accepted epoch plus one, and a
/// revoked epoch is published again with the same number. One root at most is pending: a new one is refused
/// until the pending one is accepted or revoked, so publications never reset each other's timelock. With a
/// timelock of zero a publication is accepted in the same transaction.
///
/// The owner's changes to the timelock, the guardian and the publishers are queued: each applies (anyone may
/// apply it) only once the timelock in force when it was queued has elapsed, and until then the guardian or the
/// owner can cancel it. With a timelock of zero they apply at once. Removing a publisher is immediate (it only
/// takes power away), and revokes the root it published if that root is still pending.
///
/// A claim page tells a stale proof from a bad one with `rootStatus(epoch, root)` (the epoch and root of its
/// proofs file): only `Accepted` roots can be claimed against; then `InvalidProof` means the proof itself is
/// wrong. `RootRevoked` events (indexed by epoch) say which roots were revoked.
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
    /// @dev Publishers only. Reverts with `InvalidRoot` for zero or `bytes32(uint256(1))`, `PendingRootExists`
    /// while another root is pending, `EpochNotNext` unless `epoch` is the accepted epoch plus one,
    /// `ClaimDeadlinePassed`.
    /// @param newEpoch The epoch the tree closes: the accepted epoch plus one.
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

    /// @notice Queues `publisher` as a root publisher (`enabled`; applied at once with a zero timelock), or removes
    /// it at once (`!enabled`), cancelling any queued addition and revoking its root if that root is pending.
    /// @dev Owner only. Reverts with `ZeroAddress`. Emits `PublisherQueued`, or `PublisherSet` (and `RootRevoked`).
    function setPublisher(address publisher, bool enabled) external;

    /// @notice Applies the queued addition of `publisher`, once due. Anyone may call it.
    /// @dev Reverts with `NoQueuedChange` or `ChangeNotReady`. Emits `PublisherSet`.
    function applyPublisher(address publisher) external;

    /// @notice Cancels the queued addition of `publisher`. Guardian or owner.
    /// @dev Reverts with `NotGuardianOrOwner` or `NoQueuedChange`. Emits `PublisherCancelled`.
    function cancelPublisher(address publisher) external;

    /// @notice Queues `newGuardian` (zero: none; the owner can still revoke and pause) as the guardian; applied at
    /// once with a zero timelock. A new call replaces the queued change. Owner only.
    /// @dev Emits `GuardianQueued` or `GuardianSet`.
    function setGuardian(address newGuardian) external;

    /// @notice Applies the queued guardian change, once due. Anyone may call it.
    /// @dev Reverts with `NoQueuedChange` or `ChangeNotReady`. Emits `GuardianSet`.
    function applyGuardian() external;

    /// @notice Cancels the queued guardian change. Guardian or owner.
    /// @dev Reverts with `NotGuardianOrOwner` or `NoQueuedChange`. Emits `GuardianCancelled`.
    function cancelGuardian() external;

    /// @notice Queues a new timelock for roots published after it applies (applied at once when the timelock in
    /// force is zero); a pending root keeps its `validAt`. A new call replaces the queued change.
    /// @dev Owner only. Reverts with `TimelockTooLong` above `MAX_TIMELOCK`. Emits `TimelockQueued` or
    /// `TimelockSet`.
    function setTimelock(uint64 newTimelock) external;

    /// @notice Applies the queued timelock, once due. Anyone may call it.
    /// @dev Reverts with `NoQueuedChange` or `ChangeNotReady`. Emits `TimelockSet`.
    function applyTimelock() external;

    /// @notice Cancels the queued timelock change. Guardian or owner.
    /// @dev Reverts with `NotGuardianOrOwner` or `NoQueuedChange`. Emits `TimelockCancelled`.
    function cancelTimelock() external;

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

    /// @notice The queued timelock change and when it can be applied (both zero: none).
    function queuedTimelock() external view returns (uint64 newTimelock, uint64 validAt);

    /// @notice When the queued addition of `publisher` can be applied (zero: none queued).
    function queuedPublisher(address publisher) external view returns (uint64 validAt);

    /// @notice The queued guardian change and when it can be applied (`validAt` zero: none).
    function queuedGuardian() external view returns (address newGuardian, uint64 validAt);

    /// @notice The status of `root` as the root of `rootEpoch` (see `RootStatus`): lets a claim page tell a
    /// pending, revoked or replaced root (its proofs cannot be claimed with) from a bad proof.
    /// @param rootEpoch The epoch of the proofs file.
    /// @param someRoot The root of the proofs file.
    function rootStatus(uint64 rootEpoch, bytes32 someRoot) external view returns (RootStatus);

    /// @notice The account that can revoke pending roots, cancel queued changes and pause claims, besides the
    /// owner.
    function guardian() external view returns (address);

    /// @notice Whether `account` may publish roots.
    function isPublisher(address account) external view returns (bool);

    /// @notice The last second (unix time) at which claims are accepted; the owner may sweep after it.
    function claimDeadline() external view returns (uint64);
}
