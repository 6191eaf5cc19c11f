// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title MockNetswapPair
/// @notice Local stand-in of a Netswap (Uniswap V2-style) pool: constant product with a 0.3% fee,
/// LP shares as an ERC-20. Participants call the pair directly. It does NOT report to the points
/// registry: it only emits Uniswap V2-shaped events (`Swap`, `Mint`, `Burn`, `Sync`), whose
/// `sender` is the participant, so the operators' indexer can relay them (the relay path).
contract MockNetswapPair is ERC20, ReentrancyGuard {
    using SafeERC20 for IERC20;

    /* EVENTS (Uniswap V2 shapes) */

    /// @notice Liquidity was added.
    event Mint(address indexed sender, uint256 amount0, uint256 amount1);

    /// @notice Liquidity was removed and sent to `to`.
    event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to);

    /// @notice A swap; exactly one of the `In` amounts and one of the `Out` amounts is non-zero.
    event Swap(
        address indexed sender,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address indexed to
    );

    /// @notice The reserves after a change.
    event Sync(uint112 reserve0, uint112 reserve1);

    /* ERRORS */

    /// @notice The two tokens are the same or one is the zero address.
    error InvalidPairTokens(address tokenA, address tokenB);

    /// @notice The token is not one of the pair's.
    error NotAPairToken(address token);

    /// @notice An amount is zero.
    error ZeroAmount();

    /// @notice The recipient is the zero address or one of the pair's tokens.
    error InvalidRecipient(address to);

    /// @notice The pool holds no liquidity yet.
    error NoLiquidity();

    /// @notice The first deposit must be worth more than `MINIMUM_LIQUIDITY` shares.
    /// @param liquidity The shares it would mint.
    error InsufficientLiquidityMinted(uint256 liquidity);

    /// @notice The result is below the caller's minimum.
    /// @param amount What the call would give.
    /// @param minimum The caller's minimum.
    error SlippageExceeded(uint256 amount, uint256 minimum);

    /* STORAGE */

    /// @notice Shares locked forever by the first deposit (as in Uniswap V2).
    uint256 public constant MINIMUM_LIQUIDITY = 1_000;

    /// @dev Where the locked shares go (OpenZeppelin's ERC-20 refuses to mint to address(0)).
    address private constant _DEAD = address(0xdEaD);

    /// @notice The pair's tokens, sorted by address.
    IERC20 public immutable token0;
    /// @notice See `token0`.
    IERC20 public immutable token1;

    uint112 private _reserve0;
    uint112 private _reserve1;

    /* CONSTRUCTOR */

    /// @param tokenA One token of the pair.
    /// @param tokenB The other.
    constructor(IERC20 tokenA, IERC20 tokenB) ERC20("Netswap LP", "NLP") {
        if (
            address(tokenA) == address(tokenB) ||
            address(tokenA) == address(0) ||
            address(tokenB) == address(0)
        ) {
            revert InvalidPairTokens(address(tokenA), address(tokenB));
        }
        (token0, token1) = address(tokenA) < address(tokenB) ? (tokenA, tokenB) : (tokenB, tokenA);
    }

    /* EXTERNAL */

    /// @notice Adds liquidity at the current ratio (any ratio for the first deposit); pulls the
    /// amounts used and mints LP shares to the caller.
    /// @param amount0Desired The most token0 to add.
    /// @param amount1Desired The most token1 to add.
    /// @param minLiquidity The fewest shares acceptable.
    /// @return liquidity The shares minted.
    function addLiquidity(
        uint256 amount0Desired,
        uint256 amount1Desired,
        uint256 minLiquidity
    ) external nonReentrant returns (uint256 liquidity) {
        if (amount0Desired == 0 || amount1Desired == 0) revert ZeroAmount();
        (uint256 r0, uint256 r1) = (_reserve0, _reserve1);
        (uint256 amount0, uint256 amount1) = (amount0Desired, amount1Desired);
        uint256 supply = totalSupply();
        if (supply == 0) {
            liquidity = Math.sqrt(amount0 * amount1);
            if (liquidity <= MINIMUM_LIQUIDITY) revert InsufficientLiquidityMinted(liquidity);
            liquidity -= MINIMUM_LIQUIDITY;
            _mint(_DEAD, MINIMUM_LIQUIDITY);
        } else {
            uint256 amount1Optimal = (amount0Desired * r1) / r0;
            if (amount1Optimal <= amount1Desired) {
                amount1 = amount1Optimal;
            } else {
                amount0 = (amount1Desired * r0) / r1;
            }
            liquidity = Math.min((amount0 * supply) / r0, (amount1 * supply) / r1);
            if (liquidity == 0) revert InsufficientLiquidityMinted(0);
        }
        if (liquidity < minLiquidity) revert SlippageExceeded(liquidity, minLiquidity);
        _mint(msg.sender, liquidity);
        _setReserves(r0 + amount0, r1 + amount1);
        emit Mint(msg.sender, amount0, amount1);
        token0.safeTransferFrom(msg.sender, address(this), amount0);
        token1.safeTransferFrom(msg.sender, address(this), amount1);
    }

    /// @notice Burns the caller's shares and sends their part of both reserves to `to`.
    /// @param liquidity The shares to burn.
    /// @param amount0Min The least token0 acceptable.
    /// @param amount1Min The least token1 acceptable.
    /// @param to The recipient.
    /// @return amount0 The token0 sent.
    /// @return amount1 The token1 sent.
    function removeLiquidity(
        uint256 liquidity,
        uint256 amount0Min,
        uint256 amount1Min,
        address to
    ) external nonReentrant returns (uint256 amount0, uint256 amount1) {
        if (liquidity == 0) revert ZeroAmount();
        _requireRecipient(to);
        (uint256 r0, uint256 r1) = (_reserve0, _reserve1);
        uint256 supply = totalSupply();
        amount0 = (liquidity * r0) / supply;
        amount1 = (liquidity * r1) / supply;
        if (amount0 < amount0Min) revert SlippageExceeded(amount0, amount0Min);
        if (amount1 < amount1Min) revert SlippageExceeded(amount1, amount1Min);
        _burn(msg.sender, liquidity);
        _setReserves(r0 - amount0, r1 - amount1);
        emit Burn(msg.sender, amount0, amount1, to);
        token0.safeTransfer(to, amount0);
        token1.safeTransfer(to, amount1);
    }

    /// @notice Swaps an exact amount of one token for the other, 0.3% fee.
    /// @param tokenIn The token paid (pulled from the caller).
    /// @param amountIn The amount paid.
    /// @param minAmountOut The least output acceptable.
    /// @param to The recipient of the output.
    /// @return amountOut The output sent.
    function swap(
        IERC20 tokenIn,
        uint256 amountIn,
        uint256 minAmountOut,
        address to
    ) external nonReentrant returns (uint256 amountOut) {
        if (amountIn == 0) revert ZeroAmount();
        _requireRecipient(to);
        bool zeroForOne = _isToken0(tokenIn);
        (uint256 r0, uint256 r1) = (_reserve0, _reserve1);
        if (r0 == 0) revert NoLiquidity();
        amountOut = zeroForOne ? getAmountOut(amountIn, r0, r1) : getAmountOut(amountIn, r1, r0);
        if (amountOut == 0 || amountOut < minAmountOut) revert SlippageExceeded(amountOut, minAmountOut);
        IERC20 tokenOut;
        if (zeroForOne) {
            _setReserves(r0 + amountIn, r1 - amountOut);
            emit Swap(msg.sender, amountIn, 0, 0, amountOut, to);
            tokenOut = token1;
        } else {
            _setReserves(r0 - amountOut, r1 + amountIn);
            emit Swap(msg.sender, 0, amountIn, amountOut, 0, to);
            tokenOut = token0;
        }
        tokenIn.safeTransferFrom(msg.sender, address(this), amountIn);
        tokenOut.safeTransfer(to, amountOut);
    }

    /* VIEWS */

    /// @notice The reserves (Uniswap V2's getter shape, without the timestamp).
    function getReserves() external view returns (uint112 reserve0, uint112 reserve1) {
        return (_reserve0, _reserve1);
    }

    /// @notice Uniswap V2's output for an exact input with a 0.3% fee.
    /// @param amountIn The input.
    /// @param reserveIn The input token's reserve.
    /// @param reserveOut The output token's reserve.
    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) public pure returns (uint256) {
        uint256 amountInWithFee = amountIn * 997;
        return (amountInWithFee * reserveOut) / (reserveIn * 1000 + amountInWithFee);
    }

    /* INTERNAL */

    function _setReserves(uint256 r0, uint256 r1) private {
        _reserve0 = SafeCast.toUint112(r0);
        _reserve1 = SafeCast.toUint112(r1);
        emit Sync(_reserve0, _reserve1);
    }

    function _isToken0(IERC20 token) private view returns (bool) {
        if (token == token0) return true;
        if (token == token1) return false;
        revert NotAPairToken(address(token));
    }

    function _requireRecipient(address to) private view {
        if (to == address(0) || to == address(token0) || to == address(token1)) revert InvalidRecipient(to);
    }
}
