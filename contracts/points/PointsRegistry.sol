// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {IPointsRegistry} from "./IPointsRegistry.sol";

/// @title PointsRegistry
/// @notice The season's points registry: operators keep a catalog of actions per dApp and
/// authorise each dApp's reporters; reporters record completed actions, singly or in batches, as
/// `Recorded` events carrying the account, the action and a unique 32-byte source reference.
/// Scoring happens off-chain from these events: the registry stores no per-user state.
/// @dev Roles: `DEFAULT_ADMIN_ROLE` grants `OPERATOR_ROLE`; operators administer the catalog,
/// the reporter roles (one per dApp, see `reporterRole`) and the pause switch.
contract PointsRegistry is IPointsRegistry, AccessControl, Pausable {
    /* CONSTANTS */

    /// @notice The role that administers the catalog, the reporters and the pause switch.
    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");

    /// @notice Point values are counted in units: 10^6 units per point.
    uint256 public constant UNITS_PER_POINT = 1e6;

    /// @notice The longest dApp name or action key, in bytes.
    uint256 public constant MAX_NAME_LENGTH = 64;

    /// @notice The most dApps the catalog can hold (ids are uint16).
    uint16 public constant MAX_DAPPS = type(uint16).max;

    /// @notice The size of one record in `recordPacked`'s input: account, action, ref.
    uint256 public constant PACKED_RECORD_SIZE = 56;

    /// @dev Seed of the per-dApp reporter roles.
    bytes32 private constant _REPORTER_ROLE_SEED = keccak256("season.points.REPORTER_ROLE");

    /* STORAGE */

    /// @inheritdoc IPointsRegistry
    uint16 public dappCount;

    /// @inheritdoc IPointsRegistry
    uint32 public actionCount;

    /// @dev Each dApp's display name.
    mapping(uint16 dapp => string name) private _dappNames;

    /// @dev The id of each registered dApp name's hash.
    mapping(bytes32 nameHash => uint16 dapp) private _dappIds;

    /// @dev The catalog.
    mapping(uint32 action => Action entry) private _actions;

    /// @dev Each action's catalog key.
    mapping(uint32 action => string key) private _actionKeys;

    /// @dev The id of each registered action key's hash.
    mapping(bytes32 keyHash => uint32 action) private _actionIds;

    /* CONSTRUCTOR */

    /// @param admin The account given `DEFAULT_ADMIN_ROLE` (it grants and revokes operators).
    /// @param operator The first operator (may equal `admin`).
    constructor(address admin, address operator) {
        if (admin == address(0) || operator == address(0)) revert ZeroRoleHolder();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(OPERATOR_ROLE, operator);
    }

    /* CATALOG (operators) */

    /// @inheritdoc IPointsRegistry
    function registerDApp(string calldata name) external onlyRole(OPERATOR_ROLE) returns (uint16 dapp) {
        _requireValidName(name);
        bytes32 nameHash = keccak256(bytes(name));
        uint16 existing = _dappIds[nameHash];
        if (existing != 0) revert DAppAlreadyRegistered(name, existing);
        if (dappCount == MAX_DAPPS) revert TooManyDApps();
        dapp = ++dappCount;
        _dappIds[nameHash] = dapp;
        _dappNames[dapp] = name;
        bytes32 role = reporterRole(dapp);
        _setRoleAdmin(role, OPERATOR_ROLE);
        emit DAppRegistered(dapp, name, role);
    }

    /// @inheritdoc IPointsRegistry
    function registerAction(
        uint16 dapp,
        string calldata key,
        uint64 basePoints,
        uint32 maxRepeats
    ) external onlyRole(OPERATOR_ROLE) returns (uint32 action) {
        _requireDApp(dapp);
        _requireValidName(key);
        if (basePoints == 0) revert ZeroBasePoints();
        bytes32 keyHash = keccak256(bytes(key));
        uint32 existing = _actionIds[keyHash];
        if (existing != 0) revert ActionAlreadyRegistered(key, existing);
        action = ++actionCount;
        _actionIds[keyHash] = action;
        _actionKeys[action] = key;
        _actions[action] = Action({
            dapp: dapp,
            retired: false,
            maxRepeats: maxRepeats,
            basePoints: basePoints
        });
        emit ActionRegistered(action, dapp, key, basePoints, maxRepeats);
    }

    /// @inheritdoc IPointsRegistry
    function retireAction(uint32 action) external onlyRole(OPERATOR_ROLE) {
        Action storage entry = _actions[action];
        if (entry.dapp == 0) revert UnknownAction(action);
        if (entry.retired) revert ActionIsRetired(action);
        entry.retired = true;
        emit ActionRetired(action);
    }

    /// @inheritdoc IPointsRegistry
    function addReporter(uint16 dapp, address reporter) external onlyRole(OPERATOR_ROLE) {
        _requireDApp(dapp);
        _grantRole(reporterRole(dapp), reporter);
    }

    /// @inheritdoc IPointsRegistry
    function removeReporter(uint16 dapp, address reporter) external onlyRole(OPERATOR_ROLE) {
        _requireDApp(dapp);
        _revokeRole(reporterRole(dapp), reporter);
    }

    /// @inheritdoc IPointsRegistry
    function pause() external onlyRole(OPERATOR_ROLE) {
        _pause();
    }

    /// @inheritdoc IPointsRegistry
    function unpause() external onlyRole(OPERATOR_ROLE) {
        _unpause();
    }

    /* RECORDING (reporters) */

    /// @inheritdoc IPointsRegistry
    function record(address account, uint32 action, bytes32 ref) external whenNotPaused {
        _authorise(action);
        _record(0, account, action, ref);
        emit Reported(msg.sender, 1);
    }

    /// @inheritdoc IPointsRegistry
    function recordBatch(Record[] calldata records) external whenNotPaused {
        uint256 n = records.length;
        if (n == 0) revert EmptyBatch();
        uint256 authorised;
        for (uint256 i = 0; i < n; ++i) {
            Record calldata r = records[i];
            uint32 action = r.action;
            authorised = _authoriseCached(action, authorised);
            _record(i, r.account, action, r.ref);
        }
        emit Reported(msg.sender, n);
    }

    /// @inheritdoc IPointsRegistry
    function recordPacked(bytes calldata packed) external whenNotPaused {
        uint256 length = packed.length;
        if (length == 0) revert EmptyBatch();
        if (length % PACKED_RECORD_SIZE != 0) revert MalformedPackedBatch(length);
        uint256 authorised;
        uint256 n = length / PACKED_RECORD_SIZE;
        for (uint256 i = 0; i < n; ++i) {
            address account;
            uint32 action;
            bytes32 ref;
            // Three word reads instead of three checked slices: the length check above keeps every
            // read inside `packed` (a slice-based decoder costs ~650 gas more per record).
            // solhint-disable-next-line no-inline-assembly
            assembly ("memory-safe") {
                let at := add(packed.offset, mul(i, PACKED_RECORD_SIZE))
                account := shr(96, calldataload(at))
                action := shr(224, calldataload(add(at, 20)))
                ref := calldataload(add(at, 24))
            }
            authorised = _authoriseCached(action, authorised);
            _record(i, account, action, ref);
        }
        emit Reported(msg.sender, n);
    }

    /* VIEWS */

    /// @inheritdoc IPointsRegistry
    function dappName(uint16 dapp) external view returns (string memory) {
        return _dappNames[dapp];
    }

    /// @inheritdoc IPointsRegistry
    function dappId(string calldata name) external view returns (uint16) {
        return _dappIds[keccak256(bytes(name))];
    }

    /// @inheritdoc IPointsRegistry
    function getAction(uint32 action) external view returns (Action memory) {
        return _actions[action];
    }

    /// @inheritdoc IPointsRegistry
    function actionKey(uint32 action) external view returns (string memory) {
        return _actionKeys[action];
    }

    /// @inheritdoc IPointsRegistry
    function actionId(string calldata key) external view returns (uint32) {
        return _actionIds[keccak256(bytes(key))];
    }

    /// @inheritdoc IPointsRegistry
    function requireActionId(string calldata key) external view returns (uint32 action) {
        action = _actionIds[keccak256(bytes(key))];
        if (action == 0) revert UnknownActionKey(key);
    }

    /// @inheritdoc IPointsRegistry
    function isReporter(uint16 dapp, address account) external view returns (bool) {
        return hasRole(reporterRole(dapp), account);
    }

    /// @inheritdoc IPointsRegistry
    function reporterRole(uint16 dapp) public pure returns (bytes32) {
        return keccak256(abi.encode(_REPORTER_ROLE_SEED, dapp));
    }

    /* INTERNAL */

    /// @dev Reverts unless `action` exists, is not retired and the caller reports for its dApp.
    function _authorise(uint32 action) internal view {
        Action memory entry = _actions[action];
        if (entry.dapp == 0) revert UnknownAction(action);
        if (entry.retired) revert ActionIsRetired(action);
        if (!hasRole(reporterRole(entry.dapp), msg.sender)) {
            revert NotReporterOfDApp(msg.sender, action, entry.dapp);
        }
    }

    /// @dev `_authorise` once per distinct action of a batch: `authorised` is a bitmap of the action
    /// ids below 256 already checked in this batch (ids from 256 up are checked on every record).
    function _authoriseCached(uint32 action, uint256 authorised) internal view returns (uint256) {
        if (action < 256) {
            uint256 bit = 1 << action;
            if (authorised & bit != 0) return authorised;
            _authorise(action);
            return authorised | bit;
        }
        _authorise(action);
        return authorised;
    }

    /// @dev Emits one record after checking its account and ref.
    function _record(uint256 index, address account, uint32 action, bytes32 ref) internal {
        if (account == address(0)) revert ZeroAccount(index);
        if (ref == bytes32(0)) revert ZeroRef(index);
        emit Recorded(account, action, ref);
    }

    /// @dev Reverts unless `dapp` is registered.
    function _requireDApp(uint16 dapp) internal view {
        if (dapp == 0 || dapp > dappCount) revert UnknownDApp(dapp);
    }

    /// @dev Reverts unless `name` is 1 to `MAX_NAME_LENGTH` bytes long.
    function _requireValidName(string calldata name) internal pure {
        uint256 length = bytes(name).length;
        if (length == 0 || length > MAX_NAME_LENGTH) revert InvalidName(name);
    }
}
