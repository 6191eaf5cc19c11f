// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";

import {Claim, IRewardDistributor, PendingRoot, RootStatus} from "./IRewardDistributor.sol";
import {ErrorsLib} from "./libraries/ErrorsLib.sol";
import {EventsLib} from "./libraries/EventsLib.sol";

/// @title RewardDistributor
/// @notice Pays the season's rewards from cumulative Merkle roots published behind a timelock. See
/// {IRewardDistributor} for the rules.
/// @dev Roles: the owner (two-step transfer, cannot renounce) queues publisher, guardian and timelock changes
/// (they apply once the timelock in force has elapsed, unless the guardian or the owner cancels them; a publisher
/// is removed at once), revokes, pauses and unpauses, and sweeps after the claim deadline; publishers publish
/// roots; the guardian revokes pending roots, cancels queued changes and pauses. Reward tokens must be plain ERC-20s: fee-on-transfer tokens are refused by `fund`,
/// and a distributor holding too little reverts claims with `InsufficientBalance`, state unchanged.
contract RewardDistributor is IRewardDistributor, Ownable2Step, Pausable {
    using SafeERC20 for IERC20;

    /* TYPES */

    /// @dev Everything `publishRoot` and `acceptRoot` decide on, packed in one storage slot.
    /// @param acceptedEpoch The epoch of the accepted root (0: none yet).
    /// @param pendingEpoch The epoch of the pending root (0: none pending).
    /// @param pendingValidAt The earliest acceptance time of the pending root.
    /// @param timelock The delay given to roots published from now on.
    struct RootState {
        uint64 acceptedEpoch;
        uint64 pendingEpoch;
        uint64 pendingValidAt;
        uint64 timelock;
    }

    /// @dev A queued timelock change.
    struct QueuedTimelock {
        uint64 value;
        uint64 validAt;
    }

    /// @dev A queued guardian change.
    struct QueuedGuardian {
        address guardian;
        uint64 validAt;
    }

    /* CONSTANTS */

    /// @notice The longest timelock the owner may set: a month (a longer one is more likely a unit mistake,
    /// such as milliseconds given as seconds, than a review period).
    uint64 public constant MAX_TIMELOCK = 30 days;

    /// @dev "No root" in the root and data-hash slots. Not zero, so that the first publication and acceptance
    /// rewrite non-zero slots (5,000 gas each) instead of filling empty ones (22,100): the first root costs what
    /// every later one does, and deployment pays the difference once. No Merkle tree has this root (finding one
    /// means inverting keccak256), and `publishRoot` refuses it.
    bytes32 private constant NONE = bytes32(uint256(1));

    /* IMMUTABLES */

    /// @inheritdoc IRewardDistributor
    uint64 public immutable claimDeadline;

    /* STORAGE */

    /// @dev The root claims are checked against: the accepted root while claims are open, `NONE` while paused
    /// (the accepted root then waits in `_pausedRoot`) or before any acceptance. Folding the pause into this word
    /// lets a claim read one storage slot besides the account's `claimed` amount. Invariant:
    /// `_claimRoot == (paused() ? NONE : acceptedRoot)` and `_pausedRoot == (paused() ? acceptedRoot : NONE)`,
    /// where `acceptedRoot` is `NONE` before the first acceptance.
    bytes32 private _claimRoot = NONE;

    /// @dev The accepted root while claims are paused; `NONE` otherwise.
    bytes32 private _pausedRoot = NONE;

    /// @inheritdoc IRewardDistributor
    mapping(address account => mapping(address token => uint256 amount)) public claimed;

    /// @dev Accepted and pending epochs, the pending root's acceptance time, and the timelock.
    RootState private _state;

    /// @dev The pending root; meaningful only while `_state.pendingEpoch != 0` (left stale afterwards, so that
    /// the next publication rewrites a non-zero slot).
    bytes32 private _pendingRoot = NONE;

    /// @dev The pending root's data hash; meaningful only while `_state.pendingEpoch != 0`.
    bytes32 private _pendingDataHash = NONE;

    /// @dev The data hash published with the accepted root; `NONE` before the first acceptance (the view hides it).
    bytes32 private _acceptedDataHash = NONE;

    /// @inheritdoc IRewardDistributor
    address public guardian;

    /// @inheritdoc IRewardDistributor
    mapping(address account => bool) public isPublisher;

    /// @dev The publisher of the pending root (meaningful only while a root is pending; starts at a non-zero
    /// marker, so that publishing rewrites a non-zero slot, and is written only when the publisher changes).
    address private _pendingPublisher = address(1);

    /// @dev The queued timelock change (`validAt` zero: none).
    QueuedTimelock private _queuedTimelock;

    /// @dev The time from which each queued publisher can be applied (zero: none queued).
    mapping(address publisher => uint64 validAt) private _queuedPublishers;

    /// @dev The queued guardian change (`validAt` zero: none).
    QueuedGuardian private _queuedGuardian;

    /* CONSTRUCTOR */

    /// @param initialOwner The owner (an operator's multisig).
    /// @param initialGuardian The guardian (an auditor); zero for none.
    /// @param initialPublishers The accounts allowed to publish roots.
    /// @param initialTimelock Seconds between a root's publication and its earliest acceptance; zero on test
    /// networks makes publications take effect at once. At most `MAX_TIMELOCK`.
    /// @param claimDeadline_ The last second (unix time) claims are accepted; must be in the future.
    constructor(
        address initialOwner,
        address initialGuardian,
        address[] memory initialPublishers,
        uint64 initialTimelock,
        uint64 claimDeadline_
    ) Ownable(initialOwner) {
        if (claimDeadline_ <= block.timestamp) revert ErrorsLib.InvalidClaimDeadline(claimDeadline_);
        claimDeadline = claimDeadline_;
        _setGuardian(initialGuardian);
        _checkTimelock(initialTimelock);
        _setTimelock(initialTimelock);
        for (uint256 i; i < initialPublishers.length; ++i) {
            if (initialPublishers[i] == address(0)) revert ErrorsLib.ZeroAddress();
            _setPublisher(initialPublishers[i], true);
        }
    }

    /* CLAIMS */

    /// @inheritdoc IRewardDistributor
    function claim(
        address account,
        address token,
        uint256 cumulativeAmount,
        bytes32[] calldata proof
    ) external returns (uint256 amount) {
        amount = _claim(_openRoot(), account, token, cumulativeAmount, proof);
        if (amount == 0) {
            revert ErrorsLib.NothingToClaim(account, token, cumulativeAmount, claimed[account][token]);
        }
    }

    /// @inheritdoc IRewardDistributor
    function claimMany(Claim[] calldata claims) external returns (uint256[] memory amounts) {
        bytes32 currentRoot = _openRoot();
        uint256 count = claims.length;
        amounts = new uint256[](count);
        for (uint256 i; i < count; ++i) {
            Claim calldata c = claims[i];
            amounts[i] = _claim(currentRoot, c.account, c.token, c.cumulativeAmount, c.proof);
        }
    }

    /// @inheritdoc IRewardDistributor
    function fund(address token, uint256 amount) external {
        if (block.timestamp > claimDeadline) revert ErrorsLib.ClaimDeadlinePassed(claimDeadline);
        if (amount == 0) revert ErrorsLib.ZeroAmount();
        uint256 balanceBefore = IERC20(token).balanceOf(address(this));
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        uint256 balanceAfter = IERC20(token).balanceOf(address(this));
        uint256 received = balanceAfter > balanceBefore ? balanceAfter - balanceBefore : 0;
        if (received != amount) revert ErrorsLib.FundingAmountMismatch(token, amount, received);
        emit EventsLib.Funded(token, msg.sender, amount);
    }

    /* ROOTS */

    /// @inheritdoc IRewardDistributor
    function publishRoot(uint64 newEpoch, bytes32 newRoot, bytes32 newDataHash) external {
        if (!isPublisher[msg.sender]) revert ErrorsLib.NotPublisher(msg.sender);
        if (block.timestamp > claimDeadline) revert ErrorsLib.ClaimDeadlinePassed(claimDeadline);
        if (newRoot == bytes32(0) || newRoot == NONE) revert ErrorsLib.InvalidRoot(newRoot);
        RootState memory state = _state;
        if (state.pendingEpoch != 0) revert ErrorsLib.PendingRootExists(state.pendingEpoch);
        // Cannot overflow: the accepted epoch grows by one per accepted root.
        uint64 expected = state.acceptedEpoch + 1;
        if (newEpoch != expected) revert ErrorsLib.EpochNotNext(newEpoch, expected);

        uint64 validAt = uint64(block.timestamp) + state.timelock;
        emit EventsLib.RootPublished(newEpoch, newRoot, newDataHash, validAt);
        if (state.timelock == 0) {
            _accept(state, newEpoch, newRoot, newDataHash);
        } else {
            _pendingRoot = newRoot;
            _pendingDataHash = newDataHash;
            if (_pendingPublisher != msg.sender) _pendingPublisher = msg.sender;
            state.pendingEpoch = newEpoch;
            state.pendingValidAt = validAt;
            _state = state;
        }
    }

    /// @inheritdoc IRewardDistributor
    function acceptRoot() external {
        RootState memory state = _state;
        uint64 pendingEpoch = state.pendingEpoch;
        if (pendingEpoch == 0) revert ErrorsLib.NoPendingRoot();
        if (block.timestamp < state.pendingValidAt) {
            revert ErrorsLib.TimelockNotElapsed(pendingEpoch, state.pendingValidAt);
        }
        state.pendingEpoch = 0;
        state.pendingValidAt = 0;
        _accept(state, pendingEpoch, _pendingRoot, _pendingDataHash);
    }

    /// @inheritdoc IRewardDistributor
    function revokePendingRoot() external {
        _checkGuardianOrOwner();
        if (_state.pendingEpoch == 0) revert ErrorsLib.NoPendingRoot();
        _revokePending();
    }

    /* ADMINISTRATION */

    /// @inheritdoc IRewardDistributor
    function pause() external {
        _checkGuardianOrOwner();
        _pause();
        _pausedRoot = _claimRoot;
        _claimRoot = NONE;
    }

    /// @inheritdoc IRewardDistributor
    function unpause() external onlyOwner {
        _unpause();
        _claimRoot = _pausedRoot;
        _pausedRoot = NONE;
    }

    /// @inheritdoc IRewardDistributor
    function setPublisher(address publisher, bool enabled) external onlyOwner {
        if (publisher == address(0)) revert ErrorsLib.ZeroAddress();
        if (!enabled) {
            delete _queuedPublishers[publisher];
            _setPublisher(publisher, false);
            if (_state.pendingEpoch != 0 && _pendingPublisher == publisher) _revokePending();
            return;
        }
        uint64 lock = _state.timelock;
        if (lock == 0) {
            _setPublisher(publisher, true);
        } else {
            uint64 validAt = uint64(block.timestamp) + lock;
            _queuedPublishers[publisher] = validAt;
            emit EventsLib.PublisherQueued(publisher, validAt);
        }
    }

    /// @inheritdoc IRewardDistributor
    function applyPublisher(address publisher) external {
        _checkReady(_queuedPublishers[publisher]);
        delete _queuedPublishers[publisher];
        _setPublisher(publisher, true);
    }

    /// @inheritdoc IRewardDistributor
    function cancelPublisher(address publisher) external {
        _checkGuardianOrOwner();
        if (_queuedPublishers[publisher] == 0) revert ErrorsLib.NoQueuedChange();
        delete _queuedPublishers[publisher];
        emit EventsLib.PublisherCancelled(publisher, msg.sender);
    }

    /// @inheritdoc IRewardDistributor
    function setGuardian(address newGuardian) external onlyOwner {
        uint64 lock = _state.timelock;
        if (lock == 0) {
            _setGuardian(newGuardian);
        } else {
            uint64 validAt = uint64(block.timestamp) + lock;
            _queuedGuardian = QueuedGuardian(newGuardian, validAt);
            emit EventsLib.GuardianQueued(newGuardian, validAt);
        }
    }

    /// @inheritdoc IRewardDistributor
    function applyGuardian() external {
        QueuedGuardian memory queued = _queuedGuardian;
        _checkReady(queued.validAt);
        delete _queuedGuardian;
        _setGuardian(queued.guardian);
    }

    /// @inheritdoc IRewardDistributor
    function cancelGuardian() external {
        _checkGuardianOrOwner();
        QueuedGuardian memory queued = _queuedGuardian;
        if (queued.validAt == 0) revert ErrorsLib.NoQueuedChange();
        delete _queuedGuardian;
        emit EventsLib.GuardianCancelled(queued.guardian, msg.sender);
    }

    /// @inheritdoc IRewardDistributor
    function setTimelock(uint64 newTimelock) external onlyOwner {
        _checkTimelock(newTimelock);
        uint64 lock = _state.timelock;
        if (lock == 0) {
            _setTimelock(newTimelock);
        } else {
            uint64 validAt = uint64(block.timestamp) + lock;
            _queuedTimelock = QueuedTimelock(newTimelock, validAt);
            emit EventsLib.TimelockQueued(newTimelock, validAt);
        }
    }

    /// @inheritdoc IRewardDistributor
    function applyTimelock() external {
        QueuedTimelock memory queued = _queuedTimelock;
        _checkReady(queued.validAt);
        delete _queuedTimelock;
        _setTimelock(queued.value);
    }

    /// @inheritdoc IRewardDistributor
    function cancelTimelock() external {
        _checkGuardianOrOwner();
        QueuedTimelock memory queued = _queuedTimelock;
        if (queued.validAt == 0) revert ErrorsLib.NoQueuedChange();
        delete _queuedTimelock;
        emit EventsLib.TimelockCancelled(queued.value, msg.sender);
    }

    /// @inheritdoc IRewardDistributor
    function sweep(address token, address to) external onlyOwner {
        if (block.timestamp <= claimDeadline) revert ErrorsLib.ClaimDeadlineNotPassed(claimDeadline);
        if (to == address(0)) revert ErrorsLib.ZeroAddress();
        uint256 amount = IERC20(token).balanceOf(address(this));
        if (amount == 0) revert ErrorsLib.NothingToSweep(token);
        emit EventsLib.Swept(token, to, amount);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @notice Disabled: without an owner, unclaimed funds could never be swept.
    function renounceOwnership() public pure override {
        revert ErrorsLib.RenounceOwnershipDisabled();
    }

    /* VIEWS */

    /// @inheritdoc IRewardDistributor
    function root() external view returns (bytes32) {
        bytes32 current = paused() ? _pausedRoot : _claimRoot;
        return current == NONE ? bytes32(0) : current;
    }

    /// @inheritdoc IRewardDistributor
    function epoch() external view returns (uint64) {
        return _state.acceptedEpoch;
    }

    /// @inheritdoc IRewardDistributor
    function dataHash() external view returns (bytes32) {
        return _state.acceptedEpoch == 0 ? bytes32(0) : _acceptedDataHash;
    }

    /// @inheritdoc IRewardDistributor
    function pendingRoot() external view returns (PendingRoot memory pending) {
        RootState memory state = _state;
        if (state.pendingEpoch != 0) {
            pending = PendingRoot(state.pendingEpoch, state.pendingValidAt, _pendingRoot, _pendingDataHash);
        }
    }

    /// @inheritdoc IRewardDistributor
    function timelock() external view returns (uint64) {
        return _state.timelock;
    }

    /// @inheritdoc IRewardDistributor
    function queuedTimelock() external view returns (uint64 newTimelock, uint64 validAt) {
        return (_queuedTimelock.value, _queuedTimelock.validAt);
    }

    /// @inheritdoc IRewardDistributor
    function queuedPublisher(address publisher) external view returns (uint64 validAt) {
        return _queuedPublishers[publisher];
    }

    /// @inheritdoc IRewardDistributor
    function queuedGuardian() external view returns (address newGuardian, uint64 validAt) {
        return (_queuedGuardian.guardian, _queuedGuardian.validAt);
    }

    /// @inheritdoc IRewardDistributor
    function rootStatus(uint64 rootEpoch, bytes32 someRoot) external view returns (RootStatus) {
        RootState memory state = _state;
        if (rootEpoch != 0 && rootEpoch == state.pendingEpoch && _pendingRoot == someRoot) {
            return RootStatus.Pending;
        }
        if (rootEpoch == 0 || rootEpoch > state.acceptedEpoch) return RootStatus.None;
        bytes32 current = paused() ? _pausedRoot : _claimRoot;
        if (rootEpoch == state.acceptedEpoch && current == someRoot) return RootStatus.Accepted;
        return RootStatus.Outdated;
    }

    /* INTERNAL */

    /// @dev The root claims are checked against, or the reason why none can be made now.
    function _openRoot() private view returns (bytes32 currentRoot) {
        if (block.timestamp > claimDeadline) revert ErrorsLib.ClaimDeadlinePassed(claimDeadline);
        currentRoot = _claimRoot;
        if (currentRoot == NONE) {
            if (paused()) revert EnforcedPause();
            revert ErrorsLib.RootNotAccepted();
        }
    }

    /// @dev Verifies the leaf against `currentRoot` and pays what is left to claim; returns 0, paying nothing, when
    /// nothing is left. Effects before the transfer: a re-entrant token finds the claim already recorded.
    function _claim(
        bytes32 currentRoot,
        address account,
        address token,
        uint256 cumulativeAmount,
        bytes32[] calldata proof
    ) private returns (uint256 amount) {
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(account, token, cumulativeAmount))));
        if (!MerkleProof.verifyCalldata(proof, currentRoot, leaf)) {
            revert ErrorsLib.InvalidProof(account, token, cumulativeAmount);
        }
        uint256 alreadyClaimed = claimed[account][token];
        if (cumulativeAmount <= alreadyClaimed) return 0;
        unchecked {
            amount = cumulativeAmount - alreadyClaimed;
        }
        claimed[account][token] = cumulativeAmount;
        emit EventsLib.Claimed(account, token, amount);
        if (!IERC20(token).trySafeTransfer(account, amount)) _revertTransferFailure(token, account, amount);
    }

    /// @dev Explains a failed payment: the distributor holds too little, or the token refused for another reason.
    function _revertTransferFailure(address token, address to, uint256 amount) private view {
        if (token.code.length != 0) {
            uint256 balance = IERC20(token).balanceOf(address(this));
            if (balance < amount) revert ErrorsLib.InsufficientBalance(token, balance, amount);
        }
        revert ErrorsLib.TransferFailed(token, to, amount);
    }

    /// @dev Records `epochNumber` as accepted with its root and data hash (in the paused slot while paused).
    function _accept(
        RootState memory state,
        uint64 epochNumber,
        bytes32 newRoot,
        bytes32 newDataHash
    ) private {
        state.acceptedEpoch = epochNumber;
        _state = state;
        if (paused()) _pausedRoot = newRoot;
        else _claimRoot = newRoot;
        _acceptedDataHash = newDataHash;
        emit EventsLib.RootAccepted(epochNumber, newRoot, newDataHash);
    }

    /// @dev Emits `RootRevoked` for the pending root and forgets it.
    function _revokePending() private {
        RootState memory state = _state;
        emit EventsLib.RootRevoked(state.pendingEpoch, _pendingRoot, msg.sender);
        state.pendingEpoch = 0;
        state.pendingValidAt = 0;
        _state = state;
    }

    /// @dev Reverts unless a change queued for `validAt` exists and is due.
    function _checkReady(uint64 validAt) private view {
        if (validAt == 0) revert ErrorsLib.NoQueuedChange();
        if (block.timestamp < validAt) revert ErrorsLib.ChangeNotReady(validAt);
    }

    function _checkGuardianOrOwner() private view {
        if (msg.sender != guardian && msg.sender != owner()) revert ErrorsLib.NotGuardianOrOwner(msg.sender);
    }

    function _setPublisher(address publisher, bool enabled) private {
        isPublisher[publisher] = enabled;
        emit EventsLib.PublisherSet(publisher, enabled);
    }

    function _setGuardian(address newGuardian) private {
        emit EventsLib.GuardianSet(guardian, newGuardian);
        guardian = newGuardian;
    }

    function _checkTimelock(uint64 newTimelock) private pure {
        if (newTimelock > MAX_TIMELOCK) revert ErrorsLib.TimelockTooLong(newTimelock, MAX_TIMELOCK);
    }

    function _setTimelock(uint64 newTimelock) private {
        emit EventsLib.TimelockSet(_state.timelock, newTimelock);
        _state.timelock = newTimelock;
    }
}
