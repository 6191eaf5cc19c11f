// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {IPointsRegistry} from "../../points/IPointsRegistry.sol";
import {SeasonDAppReporter} from "./SeasonDAppReporter.sol";

/// @title MockHummusPool
/// @notice Local stand-in of Hummus Finance's stable-swap pool (a Platypus-style single-sided
/// pool): each stablecoin is an asset with its own cash, liability and LP shares; swaps are 1:1
/// after decimal scaling minus a 0.04% fee that stays with the output asset's LPs. Reports
/// `hummus.swap` and `hummus.deposit` to the points registry.
contract MockHummusPool is SeasonDAppReporter, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /* TYPES */

    /// @notice One asset's books.
    /// @param decimals The token's decimals.
    /// @param cash The tokens the pool holds for this asset.
    /// @param liability What the pool owes this asset's LPs.
    /// @param totalShares This asset's LP shares.
    struct Asset {
        uint8 decimals;
        uint256 cash;
        uint256 liability;
        uint256 totalShares;
    }

    /* EVENTS */

    /// @notice `account` deposited `amount` of `token` for `shares`.
    event Deposited(address indexed account, address indexed token, uint256 amount, uint256 shares);

    /// @notice `account` burnt `shares` of `token`'s asset for `amount` sent to `to`.
    event Withdrawn(
        address indexed account,
        address indexed token,
        uint256 amount,
        uint256 shares,
        address to
    );

    /// @notice `account` swapped `amountIn` of `fromToken` for `amountOut` of `toToken` sent to `to`.
    event Swapped(
        address indexed account,
        address indexed fromToken,
        address indexed toToken,
        uint256 amountIn,
        uint256 amountOut,
        address to
    );

    /* ERRORS */

    /// @notice The pool needs two to `MAX_ASSETS` distinct tokens with at most 18 decimals.
    error InvalidAssets();

    /// @notice The token is not one of the pool's.
    error UnsupportedToken(address token);

    /// @notice A swap from a token to itself.
    error SameToken(address token);

    /// @notice An amount is zero.
    error ZeroAmount();

    /// @notice The recipient is the zero address.
    error ZeroRecipient();

    /// @notice The account holds fewer shares than it tried to burn.
    error InsufficientShares(uint256 held, uint256 needed);

    /// @notice The output asset's cash cannot pay `needed`.
    error InsufficientCash(address token, uint256 cash, uint256 needed);

    /// @notice The result is below the caller's minimum.
    error SlippageExceeded(uint256 amount, uint256 minimum);

    /* STORAGE */

    /// @notice The most assets a pool holds.
    uint256 public constant MAX_ASSETS = 8;

    /// @notice The swap fee, in hundredths of a basis point (400 = 0.04%).
    uint256 public constant FEE_PPM = 400;

    /// @notice `hummus.swap`'s action id.
    uint32 public immutable swapAction;
    /// @notice `hummus.deposit`'s action id.
    uint32 public immutable depositAction;

    /// @notice Each asset's books (zero decimals and liability for a token not in the pool).
    mapping(address token => Asset books) public assets;

    /// @notice Each LP's shares per asset.
    mapping(address token => mapping(address account => uint256 shares)) public sharesOf;

    /// @dev Whether a token is one of the pool's.
    mapping(address token => bool listed) private _listed;

    /* CONSTRUCTOR */

    /// @param registry_ The points registry (must hold `hummus.swap` and `hummus.deposit`).
    /// @param tokens The pool's stablecoins.
    constructor(IPointsRegistry registry_, IERC20Metadata[] memory tokens) SeasonDAppReporter(registry_) {
        if (tokens.length < 2 || tokens.length > MAX_ASSETS) revert InvalidAssets();
        for (uint256 i = 0; i < tokens.length; ++i) {
            address token = address(tokens[i]);
            uint8 decimals = tokens[i].decimals();
            if (token == address(0) || _listed[token] || decimals > 18) revert InvalidAssets();
            _listed[token] = true;
            assets[token].decimals = decimals;
        }
        swapAction = registry_.requireActionId("hummus.swap");
        depositAction = registry_.requireActionId("hummus.deposit");
    }

    /* EXTERNAL */

    /// @notice Deposits `amount` of one stablecoin for shares of its asset (single-sided).
    /// @param token The stablecoin.
    /// @param amount The amount.
    /// @return shares The shares credited to the caller.
    function deposit(address token, uint256 amount) external nonReentrant returns (uint256 shares) {
        Asset storage a = _asset(token);
        if (amount == 0) revert ZeroAmount();
        shares = a.totalShares == 0 ? amount : (amount * a.totalShares) / a.liability;
        if (shares == 0) revert ZeroAmount();
        a.cash += amount;
        a.liability += amount;
        a.totalShares += shares;
        sharesOf[token][msg.sender] += shares;
        emit Deposited(msg.sender, token, amount, shares);
        IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        _report(msg.sender, depositAction);
    }

    /// @notice Burns shares of an asset for their part of its liability, paid from its cash.
    /// @param token The asset's stablecoin.
    /// @param shares The shares to burn.
    /// @param minAmount The least amount acceptable.
    /// @param to The recipient.
    /// @return amount The amount sent.
    function withdraw(
        address token,
        uint256 shares,
        uint256 minAmount,
        address to
    ) external nonReentrant returns (uint256 amount) {
        Asset storage a = _asset(token);
        if (shares == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroRecipient();
        uint256 held = sharesOf[token][msg.sender];
        if (held < shares) revert InsufficientShares(held, shares);
        amount = (shares * a.liability) / a.totalShares;
        if (amount < minAmount) revert SlippageExceeded(amount, minAmount);
        if (a.cash < amount) revert InsufficientCash(token, a.cash, amount);
        sharesOf[token][msg.sender] = held - shares;
        a.totalShares -= shares;
        a.liability -= amount;
        a.cash -= amount;
        emit Withdrawn(msg.sender, token, amount, shares, to);
        IERC20(token).safeTransfer(to, amount);
    }

    /// @notice Swaps one stablecoin for another, 1:1 after decimal scaling, minus the fee.
    /// @param fromToken The stablecoin paid (pulled from the caller).
    /// @param toToken The stablecoin received.
    /// @param amountIn The amount paid.
    /// @param minAmountOut The least output acceptable.
    /// @param to The recipient.
    /// @return amountOut The output sent.
    function swap(
        address fromToken,
        address toToken,
        uint256 amountIn,
        uint256 minAmountOut,
        address to
    ) external nonReentrant returns (uint256 amountOut) {
        if (fromToken == toToken) revert SameToken(fromToken);
        Asset storage from = _asset(fromToken);
        Asset storage out = _asset(toToken);
        if (amountIn == 0) revert ZeroAmount();
        if (to == address(0)) revert ZeroRecipient();
        uint256 gross;
        (amountOut, gross) = quote(fromToken, toToken, amountIn);
        if (amountOut == 0 || amountOut < minAmountOut) revert SlippageExceeded(amountOut, minAmountOut);
        if (out.cash < amountOut) revert InsufficientCash(toToken, out.cash, amountOut);
        from.cash += amountIn;
        out.cash -= amountOut;
        out.liability += gross - amountOut; // the fee belongs to the output asset's LPs
        emit Swapped(msg.sender, fromToken, toToken, amountIn, amountOut, to);
        IERC20(fromToken).safeTransferFrom(msg.sender, address(this), amountIn);
        IERC20(toToken).safeTransfer(to, amountOut);
        _report(msg.sender, swapAction);
    }

    /* VIEWS */

    /// @notice A swap's output and its value before the fee, in the output token's units.
    /// @param fromToken The stablecoin paid.
    /// @param toToken The stablecoin received.
    /// @param amountIn The amount paid.
    function quote(
        address fromToken,
        address toToken,
        uint256 amountIn
    ) public view returns (uint256 amountOut, uint256 gross) {
        uint8 fromDecimals = _asset(fromToken).decimals;
        uint8 toDecimals = _asset(toToken).decimals;
        gross =
            toDecimals >= fromDecimals
                ? amountIn * 10 ** (toDecimals - fromDecimals)
                : amountIn / 10 ** (fromDecimals - toDecimals);
        amountOut = gross - (gross * FEE_PPM) / 1_000_000;
    }

    /* INTERNAL */

    function _asset(address token) private view returns (Asset storage) {
        if (!_listed[token]) revert UnsupportedToken(token);
        return assets[token];
    }
}
