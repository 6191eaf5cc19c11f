// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title EventsLib
/// @notice Every event of the RewardDistributor: together with OpenZeppelin's `OwnershipTransferStarted`,
/// `OwnershipTransferred`, `Paused` and `Unpaused`, they tell the distributor's whole history.
library EventsLib {
    /// @notice A root was published for `epoch`; it can be accepted from `validAt` (unix seconds) on.
    /// @param dataHash keccak256 of the tree's `tree.json` dump (OpenZeppelin StandardMerkleTree format).
    event RootPublished(uint64 indexed epoch, bytes32 root, bytes32 dataHash, uint64 validAt);

    /// @notice The root of `epoch` became the one claims are checked against.
    event RootAccepted(uint64 indexed epoch, bytes32 root, bytes32 dataHash);

    /// @notice The pending root of `epoch` was revoked by `by` (the guardian or the owner).
    event RootRevoked(uint64 indexed epoch, bytes32 root, address indexed by);

    /// @notice `amount` of `token` was paid to `account` (its claimed total is the sum of its `Claimed` amounts,
    /// also readable as `claimed(account, token)`).
    event Claimed(address indexed account, address indexed token, uint256 amount);

    /// @notice `from` funded the distributor with `amount` of `token` through `fund`. (Plain transfers fund it
    /// too, without this event.)
    event Funded(address indexed token, address indexed from, uint256 amount);

    /// @notice After the claim deadline, the owner swept `amount` of `token` to `to`.
    event Swept(address indexed token, address indexed to, uint256 amount);

    /// @notice `publisher` was made (`enabled`) or unmade a root publisher.
    event PublisherSet(address indexed publisher, bool enabled);

    /// @notice The guardian changed from `previousGuardian` to `newGuardian` (zero: no guardian).
    event GuardianSet(address indexed previousGuardian, address indexed newGuardian);

    /// @notice The timelock changed from `previousTimelock` to `newTimelock` (seconds). A root already pending
    /// keeps the `validAt` it was published with.
    event TimelockSet(uint64 previousTimelock, uint64 newTimelock);

    /// @notice The owner queued a new timelock; anyone can apply it from `validAt` on (the timelock then in force
    /// having elapsed), and the guardian or the owner can cancel it until then.
    event TimelockQueued(uint64 newTimelock, uint64 validAt);

    /// @notice The queued timelock change was cancelled by `by` (the guardian or the owner).
    event TimelockCancelled(uint64 newTimelock, address indexed by);

    /// @notice The owner queued `publisher` as a new root publisher; anyone can apply it from `validAt` on.
    event PublisherQueued(address indexed publisher, uint64 validAt);

    /// @notice The queued addition of `publisher` was cancelled by `by` (the guardian or the owner).
    event PublisherCancelled(address indexed publisher, address indexed by);

    /// @notice The owner queued `newGuardian` as the next guardian; anyone can apply it from `validAt` on.
    event GuardianQueued(address indexed newGuardian, uint64 validAt);

    /// @notice The queued guardian change was cancelled by `by` (the guardian or the owner).
    event GuardianCancelled(address indexed newGuardian, address indexed by);
}
