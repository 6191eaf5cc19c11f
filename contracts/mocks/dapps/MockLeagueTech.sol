// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IPointsRegistry} from "../../points/IPointsRegistry.sol";
import {SeasonDAppReporter} from "./SeasonDAppReporter.sol";

/// @title MockLeagueTech
/// @notice Local stand-in of League.Tech (SocialFi), paid in one testnet token:
/// - keys of any subject on a linear bonding curve (the k-th key costs k × `keyPriceStep`), bought
///   and sold against the curve's reserve;
/// - shorts on a subject's key price, fully collateralised, settled against a short pool that
///   losing shorts and `fundShortPool` fill;
/// - leagues: a creator seeds a pot, members bet on one of two sides, the creator settles, the
///   winning side shares the pot pro rata (the creator takes it when nobody backed the winner).
/// Reports `league.trade-keys`, `league.open-short`, `league.create-league` and `league.bet`.
contract MockLeagueTech is SeasonDAppReporter, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /* TYPES */

    /// @notice A short on `keys` keys of `subject`.
    struct Short {
        address owner;
        address subject;
        bool open;
        uint256 keys;
        uint256 entryPrice;
        uint256 collateral;
    }

    /// @notice A league.
    struct League {
        address creator;
        bool settled;
        uint8 winningSide;
        uint256 seed;
        uint256[2] staked;
    }

    /* EVENTS */

    /// @notice Keys were bought (`isBuy`) or sold.
    event KeysTraded(
        address indexed trader,
        address indexed subject,
        bool isBuy,
        uint256 keys,
        uint256 amount,
        uint256 supply
    );
    /// @notice A short was opened.
    event ShortOpened(
        uint256 indexed id,
        address indexed owner,
        address indexed subject,
        uint256 keys,
        uint256 entryPrice,
        uint256 collateral
    );
    /// @notice A short was closed for `payout`.
    event ShortClosed(uint256 indexed id, uint256 exitPrice, uint256 payout);
    /// @notice Someone added `amount` to the short pool.
    event ShortPoolFunded(address indexed from, uint256 amount);
    /// @notice A league was created.
    event LeagueCreated(uint256 indexed id, address indexed creator, string name, uint256 seed);
    /// @notice A bet on one side of a league.
    event BetPlaced(uint256 indexed league, address indexed account, uint8 side, uint256 amount);
    /// @notice A league was settled.
    event LeagueSettled(uint256 indexed league, uint8 winningSide);
    /// @notice A winner (or the creator) was paid.
    event WinningsClaimed(uint256 indexed league, address indexed account, uint256 amount);

    /* ERRORS */

    /// @notice An amount, a key count or the price step is zero.
    error ZeroAmount();
    /// @notice The subject is the zero address.
    error ZeroSubject();
    /// @notice The subject has fewer keys than that.
    error InsufficientSupply(address subject, uint256 supply, uint256 needed);
    /// @notice The trader holds fewer keys than that.
    error InsufficientKeys(address subject, uint256 held, uint256 needed);
    /// @notice The cost exceeds the caller's maximum or the refund is below the caller's minimum.
    error SlippageExceeded(uint256 amount, uint256 limit);
    /// @notice No short has this id.
    error UnknownShort(uint256 id);
    /// @notice The short is not the caller's.
    error NotShortOwner(uint256 id, address caller);
    /// @notice The short is already closed.
    error ShortAlreadyClosed(uint256 id);
    /// @notice The short pool cannot pay the profit.
    error InsufficientShortPool(uint256 pool, uint256 needed);
    /// @notice A league name is empty or longer than 64 bytes.
    error InvalidLeagueName(string name);
    /// @notice No league has this id.
    error UnknownLeague(uint256 id);
    /// @notice A side is 0 or 1.
    error InvalidSide(uint8 side);
    /// @notice The league is already settled.
    error LeagueAlreadySettled(uint256 id);
    /// @notice The league is not settled yet.
    error LeagueNotSettled(uint256 id);
    /// @notice Only the league's creator may settle it.
    error NotLeagueCreator(uint256 id, address caller);
    /// @notice The caller has nothing to claim.
    error NothingToClaim(uint256 id, address caller);

    /* STORAGE */

    /// @notice The token everything is paid in.
    IERC20 public immutable paymentToken;
    /// @notice The k-th key of a subject costs k × this.
    uint256 public immutable keyPriceStep;

    /// @notice `league.trade-keys`'s action id.
    uint32 public immutable tradeKeysAction;
    /// @notice `league.open-short`'s action id.
    uint32 public immutable openShortAction;
    /// @notice `league.create-league`'s action id.
    uint32 public immutable createLeagueAction;
    /// @notice `league.bet`'s action id.
    uint32 public immutable betAction;

    /// @notice Each subject's key supply.
    mapping(address subject => uint256 supply) public keySupply;
    /// @notice Each holder's keys of each subject.
    mapping(address subject => mapping(address holder => uint256 keys)) public keysOf;

    /// @notice The short pool (pays shorts' profits, receives their losses).
    uint256 public shortPool;
    /// @notice How many shorts were opened (ids are 1 to this).
    uint256 public shortCount;
    /// @notice Every short.
    mapping(uint256 id => Short position) public shorts;

    /// @notice How many leagues were created (ids are 1 to this).
    uint256 public leagueCount;
    /// @dev Every league.
    mapping(uint256 id => League league) private _leagues;
    /// @notice Each account's stake on each side of each league.
    mapping(uint256 league => mapping(address account => uint256[2] stake)) private _bets;

    /* CONSTRUCTOR */

    /// @param registry_ The points registry (must hold the four `league.*` actions).
    /// @param paymentToken_ The token everything is paid in.
    /// @param keyPriceStep_ The k-th key of a subject costs k × this.
    constructor(
        IPointsRegistry registry_,
        IERC20 paymentToken_,
        uint256 keyPriceStep_
    ) SeasonDAppReporter(registry_) {
        if (keyPriceStep_ == 0) revert ZeroAmount();
        paymentToken = paymentToken_;
        keyPriceStep = keyPriceStep_;
        tradeKeysAction = registry_.requireActionId("league.trade-keys");
        openShortAction = registry_.requireActionId("league.open-short");
        createLeagueAction = registry_.requireActionId("league.create-league");
        betAction = registry_.requireActionId("league.bet");
    }

    /* KEYS */

    /// @notice Buys `keys` keys of `subject` along the curve.
    /// @param subject The subject.
    /// @param keys How many.
    /// @param maxCost The most the caller pays.
    /// @return cost What the caller paid.
    function buyKeys(
        address subject,
        uint256 keys,
        uint256 maxCost
    ) external nonReentrant returns (uint256 cost) {
        if (subject == address(0)) revert ZeroSubject();
        if (keys == 0) revert ZeroAmount();
        uint256 supply = keySupply[subject];
        cost = buyCost(supply, keys);
        if (cost > maxCost) revert SlippageExceeded(cost, maxCost);
        keySupply[subject] = supply + keys;
        keysOf[subject][msg.sender] += keys;
        emit KeysTraded(msg.sender, subject, true, keys, cost, supply + keys);
        paymentToken.safeTransferFrom(msg.sender, address(this), cost);
        _report(msg.sender, tradeKeysAction);
    }

    /// @notice Sells `keys` of the caller's keys of `subject` back to the curve.
    /// @param subject The subject.
    /// @param keys How many.
    /// @param minRefund The least the caller accepts.
    /// @return refund What the caller received.
    function sellKeys(
        address subject,
        uint256 keys,
        uint256 minRefund
    ) external nonReentrant returns (uint256 refund) {
        if (keys == 0) revert ZeroAmount();
        uint256 held = keysOf[subject][msg.sender];
        if (held < keys) revert InsufficientKeys(subject, held, keys);
        uint256 supply = keySupply[subject];
        refund = sellRefund(supply, keys);
        if (refund < minRefund) revert SlippageExceeded(refund, minRefund);
        keySupply[subject] = supply - keys;
        keysOf[subject][msg.sender] = held - keys;
        emit KeysTraded(msg.sender, subject, false, keys, refund, supply - keys);
        paymentToken.safeTransfer(msg.sender, refund);
        _report(msg.sender, tradeKeysAction);
    }

    /* SHORTS */

    /// @notice Adds to the short pool (a donation that backs shorts' profits).
    /// @param amount The amount.
    function fundShortPool(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        shortPool += amount;
        emit ShortPoolFunded(msg.sender, amount);
        paymentToken.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Shorts `keys` keys of `subject` at the current key price, posting their value as
    /// collateral.
    /// @param subject The subject (with at least `keys` keys in supply).
    /// @param keys How many keys the short covers.
    /// @return id The short's id.
    function openShort(address subject, uint256 keys) external nonReentrant returns (uint256 id) {
        if (keys == 0) revert ZeroAmount();
        uint256 supply = keySupply[subject];
        if (supply < keys) revert InsufficientSupply(subject, supply, keys);
        uint256 entryPrice = keyPrice(subject);
        uint256 collateral = keys * entryPrice;
        id = ++shortCount;
        shorts[id] = Short({
            owner: msg.sender,
            subject: subject,
            open: true,
            keys: keys,
            entryPrice: entryPrice,
            collateral: collateral
        });
        emit ShortOpened(id, msg.sender, subject, keys, entryPrice, collateral);
        paymentToken.safeTransferFrom(msg.sender, address(this), collateral);
        _report(msg.sender, openShortAction);
    }

    /// @notice Closes the caller's short at the current key price: collateral plus the price's fall
    /// (paid from the short pool) or minus its rise (kept by the pool), never below zero.
    /// @param id The short.
    /// @return payout What the caller received.
    function closeShort(uint256 id) external nonReentrant returns (uint256 payout) {
        Short storage s = shorts[id];
        if (s.owner == address(0)) revert UnknownShort(id);
        if (s.owner != msg.sender) revert NotShortOwner(id, msg.sender);
        if (!s.open) revert ShortAlreadyClosed(id);
        uint256 exitPrice = keyPrice(s.subject);
        uint256 collateral = s.collateral;
        if (exitPrice <= s.entryPrice) {
            uint256 profit = s.keys * (s.entryPrice - exitPrice);
            if (shortPool < profit) revert InsufficientShortPool(shortPool, profit);
            shortPool -= profit;
            payout = collateral + profit;
        } else {
            uint256 loss = s.keys * (exitPrice - s.entryPrice);
            if (loss > collateral) loss = collateral;
            shortPool += loss;
            payout = collateral - loss;
        }
        s.open = false;
        emit ShortClosed(id, exitPrice, payout);
        if (payout > 0) paymentToken.safeTransfer(msg.sender, payout);
    }

    /* LEAGUES */

    /// @notice Creates a league and seeds its pot.
    /// @param name The league's name (1 to 64 bytes).
    /// @param seed The creator's contribution to the pot (pulled, non-zero).
    /// @return id The league's id.
    function createLeague(string calldata name, uint256 seed) external nonReentrant returns (uint256 id) {
        if (bytes(name).length == 0 || bytes(name).length > 64) revert InvalidLeagueName(name);
        if (seed == 0) revert ZeroAmount();
        id = ++leagueCount;
        League storage league = _leagues[id];
        league.creator = msg.sender;
        league.seed = seed;
        emit LeagueCreated(id, msg.sender, name, seed);
        paymentToken.safeTransferFrom(msg.sender, address(this), seed);
        _report(msg.sender, createLeagueAction);
    }

    /// @notice Bets `amount` on `side` of an unsettled league.
    /// @param id The league.
    /// @param side 0 or 1.
    /// @param amount The stake (pulled).
    function bet(uint256 id, uint8 side, uint256 amount) external nonReentrant {
        League storage league = _league(id);
        if (league.settled) revert LeagueAlreadySettled(id);
        if (side > 1) revert InvalidSide(side);
        if (amount == 0) revert ZeroAmount();
        league.staked[side] += amount;
        _bets[id][msg.sender][side] += amount;
        emit BetPlaced(id, msg.sender, side, amount);
        paymentToken.safeTransferFrom(msg.sender, address(this), amount);
        _report(msg.sender, betAction);
    }

    /// @notice Settles a league (its creator only, once).
    /// @param id The league.
    /// @param winningSide 0 or 1.
    function settle(uint256 id, uint8 winningSide) external {
        League storage league = _league(id);
        if (league.creator != msg.sender) revert NotLeagueCreator(id, msg.sender);
        if (league.settled) revert LeagueAlreadySettled(id);
        if (winningSide > 1) revert InvalidSide(winningSide);
        league.settled = true;
        league.winningSide = winningSide;
        emit LeagueSettled(id, winningSide);
    }

    /// @notice Pays the caller's share of a settled league's pot: pro rata to their stake on the
    /// winning side, or the whole pot to the creator when nobody backed the winning side.
    /// @param id The league.
    /// @return amount What the caller received.
    function claim(uint256 id) external nonReentrant returns (uint256 amount) {
        League storage league = _league(id);
        if (!league.settled) revert LeagueNotSettled(id);
        uint256 pot = league.seed + league.staked[0] + league.staked[1];
        uint256 winningStake = league.staked[league.winningSide];
        if (winningStake == 0) {
            if (msg.sender != league.creator || league.seed == 0) revert NothingToClaim(id, msg.sender);
            amount = pot;
            league.seed = 0; // the pot is paid once: zero the seed as the claim marker
            league.staked[1 - league.winningSide] = 0;
        } else {
            uint256 stake = _bets[id][msg.sender][league.winningSide];
            if (stake == 0) revert NothingToClaim(id, msg.sender);
            _bets[id][msg.sender][league.winningSide] = 0;
            amount = (stake * pot) / winningStake;
        }
        emit WinningsClaimed(id, msg.sender, amount);
        paymentToken.safeTransfer(msg.sender, amount);
    }

    /* VIEWS */

    /// @notice The price of a subject's next key (and the mark of its shorts): (supply) × step.
    /// @param subject The subject.
    function keyPrice(address subject) public view returns (uint256) {
        return keySupply[subject] * keyPriceStep;
    }

    /// @notice The cost of buying `keys` keys from supply `supply`: step × Σ k for k in (supply, supply + keys].
    /// @param supply The current supply.
    /// @param keys How many.
    function buyCost(uint256 supply, uint256 keys) public view returns (uint256) {
        return (keyPriceStep * keys * (2 * supply + keys + 1)) / 2;
    }

    /// @notice The refund of selling `keys` keys from supply `supply`: step × Σ k for k in (supply − keys, supply].
    /// @param supply The current supply.
    /// @param keys How many (at most `supply`).
    function sellRefund(uint256 supply, uint256 keys) public view returns (uint256) {
        return (keyPriceStep * keys * (2 * supply - keys + 1)) / 2;
    }

    /// @notice A league's creator, settlement, seed and stakes per side.
    /// @param id The league.
    function getLeague(uint256 id) external view returns (League memory) {
        return _league(id);
    }

    /// @notice An account's stakes on each side of a league.
    /// @param id The league.
    /// @param account The account.
    function betsOf(uint256 id, address account) external view returns (uint256[2] memory) {
        return _bets[id][account];
    }

    /* INTERNAL */

    function _league(uint256 id) private view returns (League storage league) {
        league = _leagues[id];
        if (league.creator == address(0)) revert UnknownLeague(id);
    }
}
