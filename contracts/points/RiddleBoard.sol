// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IRiddleBoard} from "./IRiddleBoard.sol";

/// @title RiddleBoard
/// @notice The season's daily riddles: operators publish a riddle with a commitment to its answer,
/// participants commit to their answers, the operator reveals the answer after the commit window,
/// and each participant's correct reveal emits `BoostEarned`. See `IRiddleBoard` for the lifecycle.
/// @dev Roles: `DEFAULT_ADMIN_ROLE` grants `OPERATOR_ROLE`; operators publish and reveal riddles.
contract RiddleBoard is IRiddleBoard, AccessControl {
    /* CONSTANTS */

    /// @notice The role that publishes riddles and reveals their answers.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    /// @notice The longest boost key, in bytes.
    uint256 public constant MAX_KEY_LENGTH = 64;

    /* STORAGE */

    /// @inheritdoc IRiddleBoard
    uint32 public riddleCount;

    /// @dev Each riddle's state.
    mapping(uint32 riddle => Riddle state) private _riddles;

    /// @dev Each riddle's boost key.
    mapping(uint32 riddle => string key) private _keys;

    /// @dev The id of each published boost key's hash.
    mapping(bytes32 keyHash => uint32 riddle) private _ids;

    /// @inheritdoc IRiddleBoard
    mapping(uint32 riddle => mapping(address participant => bytes32 commitment)) public commitmentOf;

    /// @inheritdoc IRiddleBoard
    mapping(uint32 riddle => mapping(address participant => bool earned)) public hasEarned;

    /* CONSTRUCTOR */

    /// @param admin The account given `DEFAULT_ADMIN_ROLE` (it grants and revokes operators).
    /// @param operator The first operator (may equal `admin`).
    constructor(address admin, address operator) {
        if (admin == address(0) || operator == address(0)) revert ZeroRoleHolder();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
    }

    /* OPERATORS */

    /// @inheritdoc IRiddleBoard
    function publish(RiddleSpec calldata spec) external onlyRole(OPERATOR_ROLE) returns (uint32 riddle) {
        uint256 keyLength = bytes(spec.key).length;
        if (keyLength == 0 || keyLength > MAX_KEY_LENGTH) revert InvalidRiddleKey(spec.key);
        bytes32 keyHash = keccak256(bytes(spec.key));
        uint32 existing = _ids[keyHash];
        if (existing != 0) revert RiddleKeyTaken(spec.key, existing);
        _requireValidParams(spec.kind, spec.params);
        if (spec.answerCommitment == bytes32(0)) revert ZeroCommitment();
        if (spec.commitDeadline <= block.timestamp || spec.revealDeadline <= spec.commitDeadline) {
            revert InvalidWindows(spec.commitDeadline, spec.revealDeadline, block.timestamp);
        }
        riddle = ++riddleCount;
        _ids[keyHash] = riddle;
        _keys[riddle] = spec.key;
        _riddles[riddle] = Riddle({
            answerCommitment: spec.answerCommitment,
            answerHash: bytes32(0),
            commitDeadline: spec.commitDeadline,
            revealDeadline: spec.revealDeadline,
            kind: spec.kind,
            answerRevealed: false,
            winners: 0
        });
        emit RiddlePublished(
            riddle,
            spec.key,
            spec.kind,
            spec.params,
            spec.answerCommitment,
            spec.commitDeadline,
            spec.revealDeadline,
            spec.question
        );
    }

    /// @inheritdoc IRiddleBoard
    function revealAnswer(
        uint32 riddle,
        string calldata answer,
        bytes32 salt
    ) external onlyRole(OPERATOR_ROLE) {
        Riddle storage r = _requireRiddle(riddle);
        if (r.answerRevealed) revert AnswerAlreadyRevealed(riddle);
        if (block.timestamp < r.commitDeadline) revert CommitStillOpen(riddle, r.commitDeadline);
        if (block.timestamp >= r.revealDeadline) revert RevealClosed(riddle, r.revealDeadline);
        if (answerCommitment(_keys[riddle], answer, salt) != r.answerCommitment) {
            revert AnswerMismatch(riddle);
        }
        r.answerRevealed = true;
        r.answerHash = keccak256(bytes(answer));
        emit AnswerRevealed(riddle, answer, salt);
    }

    /* PARTICIPANTS */

    /// @inheritdoc IRiddleBoard
    function commit(uint32 riddle, bytes32 commitment) external {
        Riddle storage r = _requireRiddle(riddle);
        if (block.timestamp >= r.commitDeadline) revert CommitClosed(riddle, r.commitDeadline);
        if (commitment == bytes32(0)) revert ZeroCommitment();
        commitmentOf[riddle][msg.sender] = commitment;
        emit AnswerCommitted(riddle, msg.sender, commitment);
    }

    /// @inheritdoc IRiddleBoard
    function reveal(uint32 riddle, string calldata answer, bytes32 salt) external {
        Riddle storage r = _requireRiddle(riddle);
        if (!r.answerRevealed) revert AnswerNotRevealed(riddle);
        if (block.timestamp >= r.revealDeadline) revert RevealClosed(riddle, r.revealDeadline);
        if (hasEarned[riddle][msg.sender]) revert AlreadyRevealed(riddle, msg.sender);
        bytes32 commitment = commitmentOf[riddle][msg.sender];
        if (commitment == bytes32(0)) revert NotCommitted(riddle, msg.sender);
        if (participantCommitment(riddle, msg.sender, answer, salt) != commitment) {
            revert CommitmentMismatch(riddle, msg.sender);
        }
        if (keccak256(bytes(answer)) != r.answerHash) revert WrongAnswer(riddle, msg.sender);
        hasEarned[riddle][msg.sender] = true;
        ++r.winners;
        emit BoostEarned(riddle, msg.sender);
    }

    /* VIEWS */

    /// @inheritdoc IRiddleBoard
    function getRiddle(uint32 riddle) external view returns (Riddle memory) {
        return _riddles[riddle];
    }

    /// @inheritdoc IRiddleBoard
    function riddleKey(uint32 riddle) external view returns (string memory) {
        return _keys[riddle];
    }

    /// @inheritdoc IRiddleBoard
    function riddleId(string calldata key) external view returns (uint32) {
        return _ids[keccak256(bytes(key))];
    }

    /// @inheritdoc IRiddleBoard
    function answerCommitment(
        string memory key,
        string calldata answer,
        bytes32 salt
    ) public pure returns (bytes32) {
        return keccak256(abi.encode(key, answer, salt));
    }

    /// @inheritdoc IRiddleBoard
    function participantCommitment(
        uint32 riddle,
        address participant,
        string calldata answer,
        bytes32 salt
    ) public view returns (bytes32) {
        return keccak256(abi.encode(block.chainid, address(this), riddle, participant, answer, salt));
    }

    /* INTERNAL */

    /// @dev The riddle's storage, or `UnknownRiddle`.
    function _requireRiddle(uint32 riddle) internal view returns (Riddle storage r) {
        r = _riddles[riddle];
        if (r.answerCommitment == bytes32(0)) revert UnknownRiddle(riddle);
    }

    /// @dev Reverts with `InvalidBoostParams` unless `params` fit `kind` (see `BoostKind`).
    function _requireValidParams(BoostKind kind, bytes calldata params) internal pure {
        if (kind == BoostKind.Fixed) {
            if (params.length != 32 || abi.decode(params, (uint256)) == 0) {
                revert InvalidBoostParams(kind, params);
            }
        } else if (kind == BoostKind.Multiplier) {
            if (params.length != 64) revert InvalidBoostParams(kind, params);
            (uint256 numerator, uint256 denominator) = abi.decode(params, (uint256, uint256));
            if (denominator == 0 || numerator <= denominator) revert InvalidBoostParams(kind, params);
        }
    }
}
