// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ErrorsLib
/// @notice Every custom error of the RewardDistributor, named for what went wrong. (The pause errors
/// `EnforcedPause`/`ExpectedPause` come from OpenZeppelin's Pausable; owner checks revert with Ownable's
/// `OwnableUnauthorizedAccount`.)
library ErrorsLib {
    /* CLAIMS */

    /// @notice The leaf (account, token, cumulativeAmount) with this proof is not in the accepted root.
    error InvalidProof(address account, address token, uint256 cumulativeAmount);

    /// @notice The account already claimed at least `cumulativeAmount` of `token`.
    error NothingToClaim(address account, address token, uint256 cumulativeAmount, uint256 alreadyClaimed);

    /// @notice No root was ever accepted, so nothing can be claimed yet.
    error RootNotAccepted();

    /// @notice The distributor holds `balance` of `token`, less than the `needed` payment.
    error InsufficientBalance(address token, uint256 balance, uint256 needed);

    /// @notice The token refused to transfer `amount` to `to` although the distributor holds enough of it
    /// (a frozen or non-standard token, or an address without code).
    error TransferFailed(address token, address to, uint256 amount);

    /// @notice The claim deadline (unix seconds) has passed: claims, publications and funding are closed.
    error ClaimDeadlinePassed(uint64 claimDeadline);

    /* ROOTS */

    /// @notice The caller is not a root publisher.
    error NotPublisher(address caller);

    /// @notice The caller is neither the guardian nor the owner.
    error NotGuardianOrOwner(address caller);

    /// @notice `root` cannot be a Merkle root: zero, or the contract's "no root" marker (`bytes32(uint256(1))`).
    error InvalidRoot(bytes32 root);

    /// @notice `epoch` is not the accepted epoch plus one (epochs advance by exactly one; a revoked epoch is
    /// published again with the same number).
    /// @param epoch The epoch given.
    /// @param expected The only epoch that can be published now.
    error EpochNotNext(uint64 epoch, uint64 expected);

    /// @notice A root is already pending for `pendingEpoch`: it must be accepted or revoked first.
    error PendingRootExists(uint64 pendingEpoch);

    /// @notice There is no pending root to accept or revoke.
    error NoPendingRoot();

    /// @notice The pending root of `epoch` cannot be accepted before `validAt` (unix seconds).
    error TimelockNotElapsed(uint64 epoch, uint64 validAt);

    /// @notice `timelock` (seconds) exceeds the allowed `maxTimelock`.
    error TimelockTooLong(uint64 timelock, uint64 maxTimelock);

    /* QUEUED CHANGES */

    /// @notice No change of this kind (or for this publisher) is queued.
    error NoQueuedChange();

    /// @notice The queued change cannot be applied before `validAt` (unix seconds).
    /// @param validAt When it can be applied.
    error ChangeNotReady(uint64 validAt);

    /* FUNDS AND SETTINGS */

    /// @notice The claim deadline given at deployment is not in the future.
    error InvalidClaimDeadline(uint64 claimDeadline);

    /// @notice Sweeping is allowed only after the claim deadline.
    error ClaimDeadlineNotPassed(uint64 claimDeadline);

    /// @notice `fund` received `received` of `token` instead of `expected` (a fee-on-transfer or rebasing token:
    /// unsupported, since claims would then be underfunded).
    error FundingAmountMismatch(address token, uint256 expected, uint256 received);

    /// @notice An amount of zero was given where a positive one is required.
    error ZeroAmount();

    /// @notice An address of zero was given where a real one is required.
    error ZeroAddress();

    /// @notice The distributor holds none of `token`.
    error NothingToSweep(address token);

    /// @notice Ownership cannot be renounced: unclaimed funds could never be swept.
    error RenounceOwnershipDisabled();
}
