// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title IPointsRegistry
/// @notice The season's on-chain record of completed actions: a catalog of actions per dApp,
/// reporters authorised per dApp, and one `Recorded` event per completed action. These events
/// (with the catalog's `ActionRegistered` events, which carry each action's catalog key) and the
/// mint's claims are the whole input of scoring; the registry itself stores no per-user state.
/// @dev Points are counted in units of 10^6 per point (`UNITS_PER_POINT`). An action is never
/// re-valued: a new value is a new action under a new key, and the old one is retired.
interface IPointsRegistry {
    /* TYPES */

    /// @notice A catalog entry. Packed in one storage slot.
    /// @param dapp The dApp the action belongs to (1-based id; 0 means the action does not exist).
    /// @param retired True once retired: it can no longer be recorded.
    /// @param maxRepeats How many completions per participant score (0 = no cap, decay runs out).
    /// @param basePoints The first completion's value in units (10^6 per point).
    struct Action {
        uint16 dapp;
        bool retired;
        uint32 maxRepeats;
        uint64 basePoints;
    }

    /// @notice One completed action, as given to `recordBatch`.
    /// @param account The participant who completed the action.
    /// @param action The catalog id of the action.
    /// @param ref A 32-byte source reference, unique within the action's dApp (scoring counts a
    /// (dApp, ref) once).
    struct Record {
        address account;
        uint32 action;
        bytes32 ref;
    }

    /* EVENTS */

    /// @notice A dApp joined the catalog.
    /// @param dapp Its id (1-based, in registration order).
    /// @param name Its display name, as in the season file's `dapp` fields (e.g. "Tethys Finance").
    /// @param reporterRole The AccessControl role its reporters hold.
    event DAppRegistered(uint16 indexed dapp, string name, bytes32 reporterRole);

    /// @notice An action joined the catalog.
    /// @param action Its id (1-based, in registration order).
    /// @param dapp The dApp it belongs to.
    /// @param key Its catalog key, exactly as in the season file (e.g. "netswap.swap").
    /// @param basePoints The first completion's value in units (10^6 per point).
    /// @param maxRepeats How many completions per participant score (0 = no cap).
    event ActionRegistered(
        uint32 indexed action,
        uint16 indexed dapp,
        string key,
        uint64 basePoints,
        uint32 maxRepeats
    );

    /// @notice An action was retired: it can no longer be recorded (past records still count).
    /// @param action The retired action.
    event ActionRetired(uint32 indexed action);

    /// @notice `account` completed `action`. One event per record, single or batched.
    /// @dev A record's identity is (the action's dApp, `ref`): a reporter can only record the actions
    /// of its own dApps (checked here), so one dApp's reporter cannot take another dApp's refs. Scoring
    /// counts the first record of each (dApp, ref) in chain order and lists any later record that
    /// contradicts it as an anomaly.
    /// @param account The participant.
    /// @param action The catalog id of the action (its key and dApp are in `ActionRegistered`).
    /// @param ref The record's source reference, unique within its dApp.
    event Recorded(address indexed account, uint32 indexed action, bytes32 ref);

    /// @notice `reporter` recorded the `records` `Recorded` events just before this one (in the same
    /// transaction): one per call of `record`, `recordBatch` or `recordPacked`, emitted after its records.
    /// @dev Makes every record attributable to its reporter at ~10 gas per record in a batch of 100
    /// (a reporter field in each `Recorded` would cost 256 to 375 gas per record).
    /// @param reporter The caller.
    /// @param records How many records the call emitted.
    event Reported(address indexed reporter, uint256 records);

    /* ERRORS */

    /// @notice The admin or the first operator given at deployment is the zero address.
    error ZeroRoleHolder();

    /// @notice A dApp name or action key is empty or longer than `MAX_NAME_LENGTH` bytes.
    /// @param name The rejected name or key.
    error InvalidName(string name);

    /// @notice A dApp with this name is already registered.
    /// @param name The name.
    /// @param dapp The id it was registered under.
    error DAppAlreadyRegistered(string name, uint16 dapp);

    /// @notice No dApp has this id.
    /// @param dapp The unknown id.
    error UnknownDApp(uint16 dapp);

    /// @notice The catalog already holds `MAX_DAPPS` dApps.
    error TooManyDApps();

    /// @notice An action with this key is already registered (retired or not): keys are never reused.
    /// @param key The key.
    /// @param action The id it was registered under.
    error ActionAlreadyRegistered(string key, uint32 action);

    /// @notice An action's base points must be above zero.
    error ZeroBasePoints();

    /// @notice No action has this id.
    /// @param action The unknown id.
    error UnknownAction(uint32 action);

    /// @notice No action has this key.
    /// @param key The unknown key.
    error UnknownActionKey(string key);

    /// @notice The action is retired.
    /// @param action The retired action.
    error ActionIsRetired(uint32 action);

    /// @notice The caller is not a reporter of the dApp the action belongs to.
    /// @param reporter The caller.
    /// @param action The action it tried to record.
    /// @param dapp The action's dApp.
    error NotReporterOfDApp(address reporter, uint32 action, uint16 dapp);

    /// @notice A record's account is the zero address.
    /// @param index The record's position in its batch (0 for `record`).
    error ZeroAccount(uint256 index);

    /// @notice A record's ref is zero.
    /// @param index The record's position in its batch (0 for `record`).
    error ZeroRef(uint256 index);

    /// @notice A batch holds no record.
    error EmptyBatch();

    /// @notice A packed batch's length is not a multiple of `PACKED_RECORD_SIZE`.
    /// @param length The length given, in bytes.
    error MalformedPackedBatch(uint256 length);

    /* CATALOG (operators) */

    /// @notice Registers a dApp and makes `OPERATOR_ROLE` the admin of its reporter role.
    /// @param name Its display name (1 to `MAX_NAME_LENGTH` bytes, unique).
    /// @return dapp Its id.
    function registerDApp(string calldata name) external returns (uint16 dapp);

    /// @notice Registers an action of a registered dApp.
    /// @param dapp The dApp.
    /// @param key The catalog key (1 to `MAX_NAME_LENGTH` bytes, unique forever).
    /// @param basePoints The first completion's value in units (10^6 per point), above zero.
    /// @param maxRepeats How many completions per participant score (0 = no cap).
    /// @return action Its id.
    function registerAction(
        uint16 dapp,
        string calldata key,
        uint64 basePoints,
        uint32 maxRepeats
    ) external returns (uint32 action);

    /// @notice Retires an action: it can no longer be recorded.
    /// @param action The action.
    function retireAction(uint32 action) external;

    /// @notice Authorises `reporter` to record the actions of `dapp`.
    /// @param dapp The dApp.
    /// @param reporter The reporter (a dApp contract, an adapter or the operators' relayer).
    function addReporter(uint16 dapp, address reporter) external;

    /// @notice Withdraws `reporter`'s authorisation for `dapp`.
    /// @param dapp The dApp.
    /// @param reporter The reporter.
    function removeReporter(uint16 dapp, address reporter) external;

    /// @notice Stops every record until `unpause`.
    function pause() external;

    /// @notice Lets records through again.
    function unpause() external;

    /* RECORDING (reporters) */

    /// @notice Records that `account` completed `action`.
    /// @param account The participant.
    /// @param action The action, of a dApp the caller reports for.
    /// @param ref The record's unique source reference (non-zero).
    function record(address account, uint32 action, bytes32 ref) external;

    /// @notice Records a batch; all or nothing.
    /// @param records The records, each of a dApp the caller reports for.
    function recordBatch(Record[] calldata records) external;

    /// @notice Records a packed batch; all or nothing. The cheapest form for relayers.
    /// @param packed Consecutive 56-byte records: account (20 bytes), action (4 bytes, big-endian),
    /// ref (32 bytes).
    function recordPacked(bytes calldata packed) external;

    /* VIEWS */

    /// @notice How many dApps are registered (their ids are 1 to this).
    function dappCount() external view returns (uint16);

    /// @notice How many actions are registered (their ids are 1 to this).
    function actionCount() external view returns (uint32);

    /// @notice A dApp's name (empty for an unknown id).
    /// @param dapp The dApp.
    function dappName(uint16 dapp) external view returns (string memory);

    /// @notice The id of the dApp named `name` (0 when none).
    /// @param name The name.
    function dappId(string calldata name) external view returns (uint16);

    /// @notice An action's catalog entry (all zero for an unknown id).
    /// @param action The action.
    function getAction(uint32 action) external view returns (Action memory);

    /// @notice An action's catalog key (empty for an unknown id).
    /// @param action The action.
    function actionKey(uint32 action) external view returns (string memory);

    /// @notice The id of the action keyed `key` (0 when none).
    /// @param key The key.
    function actionId(string calldata key) external view returns (uint32);

    /// @notice The id of the action keyed `key`; reverts with `UnknownActionKey` when none.
    /// @param key The key.
    function requireActionId(string calldata key) external view returns (uint32);

    /// @notice The AccessControl role held by the reporters of `dapp`.
    /// @param dapp The dApp.
    function reporterRole(uint16 dapp) external pure returns (bytes32);

    /// @notice Whether `account` may record the actions of `dapp`.
    /// @param dapp The dApp.
    /// @param account The account.
    function isReporter(uint16 dapp, address account) external view returns (bool);
}
