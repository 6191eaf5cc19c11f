// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IPointsRegistry} from "../../points/IPointsRegistry.sol";
import {SeasonDAppReporter} from "./SeasonDAppReporter.sol";

/// @title MockTethysExchange
/// @notice Local stand-in of Tethys Finance (GMX-style perps): a vault of a stablecoin and an
/// index token priced by an owner-set oracle; swaps at the oracle price (0.3% fee); long and
/// short positions on the index token with stablecoin collateral and up to 50x leverage, settled
/// from the vault; and TLP staking. Reports `tethys.swap`, `tethys.open-position`,
/// `tethys.close-position` and `tethys.stake-tlp` to the points registry.
/// @dev Liquidity: anyone may `fund` the vault; positions' collateral stays locked until closed.
contract MockTethysExchange is SeasonDAppReporter, Ownable, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /* TYPES */

    /// @notice An open or closed position.
    struct Position {
        address owner;
        bool isLong;
        bool open;
        uint256 collateral;
        uint256 size;
        uint256 entryPriceE8;
    }

    /* EVENTS */

    /// @notice The oracle price changed.
    event PriceUpdated(uint256 priceE8);
    /// @notice `from` added `amount` of `token` to the vault.
    event Funded(address indexed from, address indexed token, uint256 amount);
    /// @notice A swap at the oracle price.
    event Swapped(address indexed account, address indexed tokenIn, uint256 amountIn, uint256 amountOut);
    /// @notice A position was opened.
    event PositionOpened(
        uint256 indexed id,
        address indexed account,
        bool isLong,
        uint256 collateral,
        uint256 size,
        uint256 entryPriceE8
    );
    /// @notice A position was closed and `payout` stablecoins paid to its owner.
    event PositionClosed(uint256 indexed id, address indexed account, uint256 exitPriceE8, uint256 payout);
    /// @notice `account` staked TLP.
    event Staked(address indexed account, uint256 amount);
    /// @notice `account` unstaked TLP.
    event Unstaked(address indexed account, uint256 amount);

    /* ERRORS */

    /// @notice An amount or price is zero.
    error ZeroAmount();
    /// @notice The token is neither the stablecoin nor the index token.
    error UnsupportedToken(address token);
    /// @notice Leverage must be 1 to `MAX_LEVERAGE`.
    error InvalidLeverage(uint256 leverage);
    /// @notice No position has this id.
    error UnknownPosition(uint256 id);
    /// @notice The position is not the caller's.
    error NotPositionOwner(uint256 id, address caller);
    /// @notice The position is already closed.
    error PositionAlreadyClosed(uint256 id);
    /// @notice The vault's free balance of `token` cannot pay `needed`.
    error InsufficientLiquidity(address token, uint256 available, uint256 needed);
    /// @notice The account has fewer staked TLP than it tried to unstake.
    error InsufficientStake(uint256 staked, uint256 needed);
    /// @notice The result is below the caller's minimum.
    error SlippageExceeded(uint256 amount, uint256 minimum);

    /* STORAGE */

    /// @notice The highest leverage.
    uint256 public constant MAX_LEVERAGE = 50;
    /// @notice The swap fee in basis points.
    uint256 public constant SWAP_FEE_BPS = 30;

    /// @notice The collateral and settlement stablecoin.
    IERC20 public immutable usd;
    /// @notice The index token (priced by the oracle).
    IERC20 public immutable indexToken;
    /// @notice The staked LP token.
    IERC20 public immutable tlp;
    /// @dev 10^decimals of `usd` and of `indexToken`.
    uint256 private immutable _usdUnit;
    uint256 private immutable _indexUnit;

    /// @notice `tethys.swap`'s action id.
    uint32 public immutable swapAction;
    /// @notice `tethys.open-position`'s action id.
    uint32 public immutable openAction;
    /// @notice `tethys.close-position`'s action id.
    uint32 public immutable closeAction;
    /// @notice `tethys.stake-tlp`'s action id.
    uint32 public immutable stakeAction;

    /// @notice The index token's price in dollars, 8 decimals.
    uint256 public priceE8;
    /// @notice Stablecoins locked as collateral of open positions.
    uint256 public lockedCollateral;
    /// @notice How many positions were opened (ids are 1 to this).
    uint256 public positionCount;
    /// @notice Every position.
    mapping(uint256 id => Position position) public positions;
    /// @notice Each account's staked TLP.
    mapping(address account => uint256 amount) public stakedOf;

    /* CONSTRUCTOR */

    /// @param registry_ The points registry (must hold the four `tethys.*` actions).
    /// @param usd_ The stablecoin.
    /// @param indexToken_ The index token.
    /// @param tlp_ The TLP token.
    /// @param priceE8_ The index token's initial price (8 decimals).
    /// @param owner_ Who sets the oracle price.
    constructor(
        IPointsRegistry registry_,
        IERC20Metadata usd_,
        IERC20Metadata indexToken_,
        IERC20 tlp_,
        uint256 priceE8_,
        address owner_
    ) SeasonDAppReporter(registry_) Ownable(owner_) {
        if (address(usd_) == address(indexToken_)) revert UnsupportedToken(address(indexToken_));
        if (address(tlp_) == address(usd_) || address(tlp_) == address(indexToken_)) {
            revert UnsupportedToken(address(tlp_));
        }
        if (priceE8_ == 0) revert ZeroAmount();
        usd = usd_;
        indexToken = indexToken_;
        tlp = tlp_;
        _usdUnit = 10 ** usd_.decimals();
        _indexUnit = 10 ** indexToken_.decimals();
        priceE8 = priceE8_;
        swapAction = registry_.requireActionId("tethys.swap");
        openAction = registry_.requireActionId("tethys.open-position");
        closeAction = registry_.requireActionId("tethys.close-position");
        stakeAction = registry_.requireActionId("tethys.stake-tlp");
    }

    /* OWNER */

    /// @notice Sets the oracle price.
    /// @param priceE8_ The index token's price in dollars, 8 decimals.
    function setPrice(uint256 priceE8_) external onlyOwner {
        if (priceE8_ == 0) revert ZeroAmount();
        priceE8 = priceE8_;
        emit PriceUpdated(priceE8_);
    }

    /* EXTERNAL */

    /// @notice Adds vault liquidity (a donation: it backs swaps and traders' profits).
    /// @param token The stablecoin or the index token.
    /// @param amount The amount.
    function fund(IERC20 token, uint256 amount) external nonReentrant {
        _requireVaultToken(token);
        if (amount == 0) revert ZeroAmount();
        emit Funded(msg.sender, address(token), amount);
        token.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Swaps the stablecoin for the index token or back, at the oracle price, 0.3% fee.
    /// @param tokenIn The token paid.
    /// @param amountIn The amount paid.
    /// @param minAmountOut The least output acceptable.
    /// @return amountOut The output sent to the caller.
    function swap(
        IERC20 tokenIn,
        uint256 amountIn,
        uint256 minAmountOut
    ) external nonReentrant returns (uint256 amountOut) {
        _requireVaultToken(tokenIn);
        if (amountIn == 0) revert ZeroAmount();
        IERC20 tokenOut = tokenIn == usd ? indexToken : usd;
        amountOut = quoteSwap(tokenIn, amountIn);
        if (amountOut == 0 || amountOut < minAmountOut) revert SlippageExceeded(amountOut, minAmountOut);
        uint256 available = freeBalance(tokenOut);
        if (available < amountOut) revert InsufficientLiquidity(address(tokenOut), available, amountOut);
        emit Swapped(msg.sender, address(tokenIn), amountIn, amountOut);
        tokenIn.safeTransferFrom(msg.sender, address(this), amountIn);
        tokenOut.safeTransfer(msg.sender, amountOut);
        _report(msg.sender, swapAction);
    }

    /// @notice Opens a long or short position on the index token.
    /// @param isLong Long (profits when the price rises) or short.
    /// @param collateral The stablecoin collateral (pulled from the caller).
    /// @param leverage The size as a multiple of the collateral, 1 to `MAX_LEVERAGE`.
    /// @return id The position's id.
    function openPosition(
        bool isLong,
        uint256 collateral,
        uint256 leverage
    ) external nonReentrant returns (uint256 id) {
        if (collateral == 0) revert ZeroAmount();
        if (leverage == 0 || leverage > MAX_LEVERAGE) revert InvalidLeverage(leverage);
        id = ++positionCount;
        uint256 size = collateral * leverage;
        positions[id] = Position({
            owner: msg.sender,
            isLong: isLong,
            open: true,
            collateral: collateral,
            size: size,
            entryPriceE8: priceE8
        });
        lockedCollateral += collateral;
        emit PositionOpened(id, msg.sender, isLong, collateral, size, priceE8);
        usd.safeTransferFrom(msg.sender, address(this), collateral);
        _report(msg.sender, openAction);
    }

    /// @notice Closes the caller's position at the oracle price; pays collateral plus profit (or
    /// minus loss, never below zero) from the vault.
    /// @param id The position.
    /// @return payout The stablecoins paid.
    function closePosition(uint256 id) external nonReentrant returns (uint256 payout) {
        Position storage p = positions[id];
        if (p.owner == address(0)) revert UnknownPosition(id);
        if (p.owner != msg.sender) revert NotPositionOwner(id, msg.sender);
        if (!p.open) revert PositionAlreadyClosed(id);
        payout = positionValue(id);
        lockedCollateral -= p.collateral;
        uint256 available = freeBalance(usd);
        if (available < payout) revert InsufficientLiquidity(address(usd), available, payout);
        p.open = false;
        emit PositionClosed(id, msg.sender, priceE8, payout);
        if (payout > 0) usd.safeTransfer(msg.sender, payout);
        _report(msg.sender, closeAction);
    }

    /// @notice Stakes TLP.
    /// @param amount The amount (pulled from the caller).
    function stakeTlp(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        stakedOf[msg.sender] += amount;
        emit Staked(msg.sender, amount);
        tlp.safeTransferFrom(msg.sender, address(this), amount);
        _report(msg.sender, stakeAction);
    }

    /// @notice Unstakes TLP.
    /// @param amount The amount (sent to the caller).
    function unstakeTlp(uint256 amount) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        uint256 staked = stakedOf[msg.sender];
        if (staked < amount) revert InsufficientStake(staked, amount);
        stakedOf[msg.sender] = staked - amount;
        emit Unstaked(msg.sender, amount);
        tlp.safeTransfer(msg.sender, amount);
    }

    /* VIEWS */

    /// @notice The vault's balance of `token` not locked as collateral.
    /// @param token The stablecoin or the index token.
    function freeBalance(IERC20 token) public view returns (uint256) {
        uint256 balance = token.balanceOf(address(this));
        return token == usd ? balance - lockedCollateral : balance;
    }

    /// @notice A swap's output at the oracle price after the fee.
    /// @param tokenIn The token paid.
    /// @param amountIn The amount paid.
    function quoteSwap(IERC20 tokenIn, uint256 amountIn) public view returns (uint256) {
        _requireVaultToken(tokenIn);
        uint256 gross =
            tokenIn == usd
                ? Math.mulDiv(amountIn, _indexUnit * 1e8, priceE8 * _usdUnit)
                : Math.mulDiv(amountIn, priceE8 * _usdUnit, _indexUnit * 1e8);
        return gross - (gross * SWAP_FEE_BPS) / 10_000;
    }

    /// @notice What closing a position would pay now: collateral plus PnL, floored at zero.
    /// @param id The position.
    function positionValue(uint256 id) public view returns (uint256) {
        Position storage p = positions[id];
        if (p.owner == address(0)) revert UnknownPosition(id);
        uint256 entry = p.entryPriceE8;
        uint256 exit = priceE8;
        bool priceRose = exit >= entry;
        uint256 move = priceRose ? exit - entry : entry - exit;
        uint256 pnl = Math.mulDiv(p.size, move, entry);
        if (priceRose == p.isLong) return p.collateral + pnl;
        return pnl >= p.collateral ? 0 : p.collateral - pnl;
    }

    /* INTERNAL */

    function _requireVaultToken(IERC20 token) private view {
        if (token != usd && token != indexToken) revert UnsupportedToken(address(token));
    }
}
