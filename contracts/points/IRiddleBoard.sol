// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IRiddleBoard
/// @notice Daily riddles that earn boosts, by commit–reveal on both sides.
///
/// Lifecycle of a riddle:
/// 1. An operator publishes it with its boost (kind and parameters), its boost key (as in the
///    season file's `boosts`), its windows and `answerCommitment` =
///    `keccak256(abi.encode(key, answer, salt))`. The answer can no longer change.
/// 2. Until `commitDeadline` (exclusive), each participant commits
///    `keccak256(abi.encode(chainId, board, riddle, participant, answer, participantSalt))`: bound to
///    the participant's address, so a copied commitment can never be revealed by the copier.
/// 3. From `commitDeadline` until `revealDeadline` (exclusive) an operator reveals the answer and
///    its salt; the board checks them against `answerCommitment`.
/// 4. After that reveal and until `revealDeadline`, each participant reveals their answer and
///    salt. A reveal that opens the participant's own commitment and matches the answer emits
///    `BoostEarned`; a wrong answer reverts. No loop: each participant's reveal is one check.
///
/// Who earned a riddle's boost is therefore the set of `BoostEarned` events of that riddle: chain
/// data alone. A riddle whose answer an operator did not reveal in time earns nobody a boost.
/// @dev Answers are compared byte for byte: front ends normalise them first (the season's tools
/// trim, lowercase and collapse inner whitespace).
interface IRiddleBoard {
    /* TYPES */

    /// @notice How a riddle's boost changes a score.
    /// @dev Fixed: `params` = abi.encode(uint256 units) (10^6 units per point), units > 0.
    /// Multiplier: `params` = abi.encode(uint256 numerator, uint256 denominator), with
    /// numerator > denominator > 0 (5/4 is 1.25x). Other: `params` are opaque to the board (a
    /// kind the off-chain scorer knows by the boost key).
    enum BoostKind {
        Fixed,
        Multiplier,
        Other
    }

    /// @notice A riddle's state.
    /// @param answerCommitment The operator's commitment to the answer.
    /// @param answerHash keccak256 of the revealed answer (zero until revealed).
    /// @param commitDeadline Commits are accepted while block.timestamp < this.
    /// @param revealDeadline Reveals (the operator's, then participants') end at this (exclusive).
    /// @param kind The boost kind.
    /// @param answerRevealed True once an operator revealed the answer.
    /// @param winners How many participants earned the boost so far.
    struct Riddle {
        bytes32 answerCommitment;
        bytes32 answerHash;
        uint64 commitDeadline;
        uint64 revealDeadline;
        BoostKind kind;
        bool answerRevealed;
        uint32 winners;
    }

    /// @notice What an operator publishes.
    /// @param key The boost key (1 to `MAX_KEY_LENGTH` bytes, unique), as in the season file.
    /// @param kind The boost kind.
    /// @param params The boost parameters (see `BoostKind`).
    /// @param answerCommitment keccak256(abi.encode(key, answer, salt)), non-zero.
    /// @param commitDeadline End of the commit window (exclusive), after now.
    /// @param revealDeadline End of the reveal window (exclusive), after `commitDeadline`.
    /// @param question The riddle's text or a URI to it (only emitted).
    struct RiddleSpec {
        string key;
        BoostKind kind;
        bytes params;
        bytes32 answerCommitment;
        uint64 commitDeadline;
        uint64 revealDeadline;
        string question;
    }

    /* EVENTS */

    /// @notice A riddle was published.
    /// @param riddle Its id (1-based, in publication order).
    /// @param key Its boost key, exactly as in the season file's `boosts` (e.g. "riddle-01").
    /// @param kind The boost kind.
    /// @param params The boost parameters (see `BoostKind`).
    /// @param answerCommitment keccak256(abi.encode(key, answer, salt)).
    /// @param commitDeadline End of the commit window (exclusive).
    /// @param revealDeadline End of the reveal window (exclusive).
    /// @param question The riddle's text or a URI to it.
    event RiddlePublished(
        uint32 indexed riddle,
        string key,
        BoostKind kind,
        bytes params,
        bytes32 answerCommitment,
        uint64 commitDeadline,
        uint64 revealDeadline,
        string question
    );

    /// @notice A participant committed (or replaced their commitment) to an answer.
    /// @param riddle The riddle.
    /// @param participant The participant.
    /// @param commitment Their commitment.
    event AnswerCommitted(uint32 indexed riddle, address indexed participant, bytes32 commitment);

    /// @notice An operator revealed a riddle's answer.
    /// @param riddle The riddle.
    /// @param answer The answer.
    /// @param salt The salt of the answer commitment.
    event AnswerRevealed(uint32 indexed riddle, string answer, bytes32 salt);

    /// @notice A participant revealed the right answer and earned the riddle's boost.
    /// @param riddle The riddle (its boost key is in `RiddlePublished`).
    /// @param participant The participant.
    event BoostEarned(uint32 indexed riddle, address indexed participant);

    /* ERRORS */

    /// @notice The admin or the first operator given at deployment is the zero address.
    error ZeroRoleHolder();

    /// @notice A boost key is empty or longer than `MAX_KEY_LENGTH` bytes.
    /// @param key The rejected key.
    error InvalidRiddleKey(string key);

    /// @notice A riddle with this boost key was already published.
    /// @param key The key.
    /// @param riddle Its id.
    error RiddleKeyTaken(string key, uint32 riddle);

    /// @notice The boost parameters do not fit the kind (see `BoostKind`).
    /// @param kind The kind.
    /// @param params The rejected parameters.
    error InvalidBoostParams(BoostKind kind, bytes params);

    /// @notice A commitment is zero.
    error ZeroCommitment();

    /// @notice The windows are not now < commitDeadline < revealDeadline.
    /// @param commitDeadline The commit deadline given.
    /// @param revealDeadline The reveal deadline given.
    /// @param now_ The block timestamp.
    error InvalidWindows(uint64 commitDeadline, uint64 revealDeadline, uint256 now_);

    /// @notice No riddle has this id.
    /// @param riddle The id.
    error UnknownRiddle(uint32 riddle);

    /// @notice The commit window is over (a late commit).
    /// @param riddle The riddle.
    /// @param commitDeadline When it closed.
    error CommitClosed(uint32 riddle, uint64 commitDeadline);

    /// @notice The operator tried to reveal while commits are still accepted.
    /// @param riddle The riddle.
    /// @param commitDeadline When commits close.
    error CommitStillOpen(uint32 riddle, uint64 commitDeadline);

    /// @notice The reveal window is over (a late reveal).
    /// @param riddle The riddle.
    /// @param revealDeadline When it closed.
    error RevealClosed(uint32 riddle, uint64 revealDeadline);

    /// @notice The operator's answer and salt do not open the published commitment.
    /// @param riddle The riddle.
    error AnswerMismatch(uint32 riddle);

    /// @notice The answer was already revealed.
    /// @param riddle The riddle.
    error AnswerAlreadyRevealed(uint32 riddle);

    /// @notice A participant tried to reveal before the operator revealed the answer.
    /// @param riddle The riddle.
    error AnswerNotRevealed(uint32 riddle);

    /// @notice The participant has no commitment for this riddle.
    /// @param riddle The riddle.
    /// @param participant The participant.
    error NotCommitted(uint32 riddle, address participant);

    /// @notice The answer and salt do not open the participant's own commitment.
    /// @param riddle The riddle.
    /// @param participant The participant.
    error CommitmentMismatch(uint32 riddle, address participant);

    /// @notice The participant's committed answer is not the riddle's answer.
    /// @param riddle The riddle.
    /// @param participant The participant.
    error WrongAnswer(uint32 riddle, address participant);

    /// @notice The participant already revealed (and earned the boost).
    /// @param riddle The riddle.
    /// @param participant The participant.
    error AlreadyRevealed(uint32 riddle, address participant);

    /* OPERATORS */

    /// @notice Publishes a riddle; its answer is fixed by `spec.answerCommitment` from now on.
    /// @param spec The riddle (see `RiddleSpec`).
    /// @return riddle Its id.
    function publish(RiddleSpec calldata spec) external returns (uint32 riddle);

    /// @notice Reveals a riddle's answer once commits are closed, opening participants' reveals.
    /// @param riddle The riddle.
    /// @param answer The answer committed at publication.
    /// @param salt The salt committed at publication.
    function revealAnswer(uint32 riddle, string calldata answer, bytes32 salt) external;

    /* PARTICIPANTS */

    /// @notice Commits to an answer (a second commit replaces the first) while commits are open.
    /// @param riddle The riddle.
    /// @param commitment See `participantCommitment`.
    function commit(uint32 riddle, bytes32 commitment) external;

    /// @notice Reveals the caller's answer; emits `BoostEarned` when it is the riddle's answer.
    /// @param riddle The riddle.
    /// @param answer The committed answer.
    /// @param salt The committed salt.
    function reveal(uint32 riddle, string calldata answer, bytes32 salt) external;

    /* VIEWS */

    /// @notice How many riddles were published (their ids are 1 to this).
    function riddleCount() external view returns (uint32);

    /// @notice A riddle's state (all zero for an unknown id).
    /// @param riddle The riddle.
    function getRiddle(uint32 riddle) external view returns (Riddle memory);

    /// @notice A riddle's boost key (empty for an unknown id).
    /// @param riddle The riddle.
    function riddleKey(uint32 riddle) external view returns (string memory);

    /// @notice The id of the riddle with boost key `key` (0 when none).
    /// @param key The key.
    function riddleId(string calldata key) external view returns (uint32);

    /// @notice A participant's current commitment (zero when none).
    /// @param riddle The riddle.
    /// @param participant The participant.
    function commitmentOf(uint32 riddle, address participant) external view returns (bytes32);

    /// @notice Whether a participant earned a riddle's boost.
    /// @param riddle The riddle.
    /// @param participant The participant.
    function hasEarned(uint32 riddle, address participant) external view returns (bool);

    /// @notice The operator's commitment to an answer.
    /// @param key The boost key.
    /// @param answer The answer.
    /// @param salt A secret random salt.
    function answerCommitment(
        string calldata key,
        string calldata answer,
        bytes32 salt
    ) external pure returns (bytes32);

    /// @notice A participant's commitment to an answer on this board and chain.
    /// @param riddle The riddle.
    /// @param participant The participant (the commitment is useless to anyone else).
    /// @param answer The answer.
    /// @param salt A secret random salt.
    function participantCommitment(
        uint32 riddle,
        address participant,
        string calldata answer,
        bytes32 salt
    ) external view returns (bytes32);
}
