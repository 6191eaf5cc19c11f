// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {TestnetToken} from "../token/TestnetToken.sol";
import {ITieredMint} from "./ITieredMint.sol";

/// @title TieredMint
/// @notice The season's tiered testnet-token mint; see `ITieredMint` for the rules.
/// @dev Per claim: one slot read and written for the counters, one tier row (two at a tier
/// boundary), one slot per basket token, one `mint` call per basket token. No loop over users.
contract TieredMint is ITieredMint, AccessControl, Pausable, EIP712 {
    /* CONSTANTS */

    /// @notice The role allowed to pause and unpause claims.
    bytes32 public constant PAUSER_ROLE = keccak256("PAUSER_ROLE");

    /// @notice The EIP-712 type hash of `Voucher`.
    bytes32 public constant VOUCHER_TYPEHASH = keccak256("Voucher(address account,uint256 deadline)");

    /// @notice The scale of reference prices: a price of 1e8 means $1 per whole token.
    uint256 public constant PRICE_SCALE = 1e8;

    /// @notice Basis points in a whole (weights sum to this).
    uint256 public constant BPS = 10_000;

    /// @notice The last ordinal of the final, open tier.
    uint64 public constant OPEN_TIER = type(uint64).max;

    /// @notice The largest tier table accepted.
    uint256 public constant MAX_TIERS = 16;

    /// @notice The largest basket accepted (bounds the per-claim loop).
    uint256 public constant MAX_BASKET = 8;

    /// @notice The most decimals a basket token may have (bounds the amount arithmetic).
    uint8 public constant MAX_DECIMALS = 18;

    /* IMMUTABLES */

    /// @inheritdoc ITieredMint
    Mode public immutable mode;

    /// @inheritdoc ITieredMint
    uint64 public immutable openingTime;

    /* STORAGE */

    /// @inheritdoc ITieredMint
    uint64 public claimCount;

    /// @notice The index of the tier of the last claim (a hint: the next claim's tier is this one or
    /// the next). Packed with `claimCount` and `closed`.
    uint8 private _tierIndex;

    /// @inheritdoc ITieredMint
    bool public closed;

    /// @inheritdoc ITieredMint
    address public registrar;

    /// @notice The tier table, validated at deployment.
    Tier[] private _tiers;

    /// @notice The basket, validated at deployment.
    BasketToken[] private _basket;

    /// @inheritdoc ITieredMint
    mapping(address account => Claim) public claims;

    /* CONSTRUCTOR */

    /// @param admin Receives `DEFAULT_ADMIN_ROLE` (close, registrar, roles) and `PAUSER_ROLE`.
    /// @param mode_ How claims are admitted.
    /// @param registrar_ The voucher signer: required in voucher mode, zero in open mode.
    /// @param openingTime_ The first timestamp at which claims are accepted.
    /// @param tiers_ The tier table: 1 to `MAX_TIERS` rows, strictly increasing last ordinals (the
    /// first >= 1), non-zero dollars, the final row open (`OPEN_TIER`).
    /// @param basket_ The basket: 1 to `MAX_BASKET` distinct tokens with their true decimals, non-zero
    /// weights summing to `BPS` and non-zero prices. The mint needs `MINTER_ROLE` on each token before
    /// the first claim (the deployment grants it).
    constructor(
        address admin,
        Mode mode_,
        address registrar_,
        uint64 openingTime_,
        Tier[] memory tiers_,
        BasketToken[] memory basket_
    ) EIP712("TieredMint", "1") {
        if (admin == address(0)) revert MintZeroAdmin();
        if ((mode_ == Mode.Voucher) != (registrar_ != address(0)))
            revert MintInvalidRegistrar(mode_, registrar_);
        _validateTiers(tiers_);
        _validateBasket(basket_);

        mode = mode_;
        openingTime = openingTime_;
        registrar = registrar_;
        for (uint256 i = 0; i < tiers_.length; ++i) _tiers.push(tiers_[i]);
        for (uint256 i = 0; i < basket_.length; ++i) _basket.push(basket_[i]);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(PAUSER_ROLE, admin);

        emit MintConfigured(mode_, registrar_, openingTime_, tiers_, basket_);
    }

    /* EXTERNAL: CLAIMS */

    /// @inheritdoc ITieredMint
    function claim() external whenNotPaused returns (uint64 ordinal) {
        if (mode != Mode.Open) revert MintWrongMode(mode);
        // A contract caller could claim for a fresh address per call (50 minions in one transaction).
        // solhint-disable-next-line avoid-tx-origin
        if (msg.sender != tx.origin) revert MintCallerNotOrigin(msg.sender, tx.origin);
        _checkClaimable(msg.sender);
        return _claim(msg.sender);
    }

    /// @inheritdoc ITieredMint
    function claimWithVoucher(
        Voucher calldata voucher,
        bytes calldata signature
    ) external whenNotPaused returns (uint64 ordinal) {
        if (mode != Mode.Voucher) revert MintWrongMode(mode);
        _checkClaimable(msg.sender);
        if (voucher.account != msg.sender) revert MintVoucherWrongAccount(voucher.account, msg.sender);
        if (block.timestamp > voucher.deadline) revert MintVoucherExpired(voucher.deadline, block.timestamp);
        _checkVoucherSignature(_voucherDigest(voucher), signature);
        return _claim(msg.sender);
    }

    /* EXTERNAL: ADMIN */

    /// @inheritdoc ITieredMint
    function setRegistrar(address registrar_) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (mode != Mode.Voucher || registrar_ == address(0)) revert MintInvalidRegistrar(mode, registrar_);
        emit RegistrarSet(registrar, registrar_);
        registrar = registrar_;
    }

    /// @inheritdoc ITieredMint
    function close() external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (closed) revert MintIsClosed();
        closed = true;
        emit MintClosed(claimCount);
    }

    /// @inheritdoc ITieredMint
    function pause() external onlyRole(PAUSER_ROLE) {
        _pause();
    }

    /// @inheritdoc ITieredMint
    function unpause() external onlyRole(PAUSER_ROLE) {
        _unpause();
    }

    /* EXTERNAL: VIEWS */

    /// @inheritdoc ITieredMint
    function tiers() external view returns (Tier[] memory) {
        return _tiers;
    }

    /// @inheritdoc ITieredMint
    function basket() external view returns (BasketToken[] memory) {
        return _basket;
    }

    /// @inheritdoc ITieredMint
    function quote(
        uint64 ordinal
    ) external view returns (uint256 tier, uint64 dollars, uint256[] memory amounts) {
        if (ordinal == 0) revert MintZeroOrdinal();
        tier = _tierOf(ordinal, 0);
        dollars = _tiers[tier].dollars;
        amounts = _amounts(_basket, dollars);
    }

    /// @inheritdoc ITieredMint
    function basketFor(uint64 dollars) external view returns (uint256[] memory amounts) {
        return _amounts(_basket, dollars);
    }

    /// @inheritdoc ITieredMint
    function voucherDigest(Voucher calldata voucher) external view returns (bytes32) {
        return _voucherDigest(voucher);
    }

    /* INTERNAL */

    /// @dev Refusals shared by both ways of claiming, cheapest state first.
    function _checkClaimable(address account) private view {
        if (closed) revert MintIsClosed();
        if (block.timestamp < openingTime) revert MintNotOpen(openingTime, block.timestamp);
        uint64 previous = claims[account].ordinal;
        if (previous != 0) revert MintAlreadyClaimed(account, previous);
    }

    /// @dev Records the claim, emits `Claimed`, then mints the basket to `account`.
    function _claim(address account) private returns (uint64 ordinal) {
        ordinal = claimCount + 1;
        uint256 tier = _tierOf(ordinal, _tierIndex);
        uint64 dollars = _tiers[tier].dollars;
        BasketToken[] memory tokens = _basket;
        uint256[] memory amounts = _amounts(tokens, dollars);

        claimCount = ordinal;
        // tier < MAX_TIERS (16): the cast cannot truncate.
        _tierIndex = uint8(tier);
        claims[account] = Claim({ordinal: ordinal, dollars: dollars});
        emit Claimed(account, ordinal, tier, dollars, amounts);

        for (uint256 i = 0; i < tokens.length; ++i) {
            TestnetToken(tokens[i].token).mint(account, amounts[i]);
        }
    }

    /// @dev The index of the tier holding `ordinal`, searching from `start` (which must not be past
    /// it). Terminates: the final tier's last ordinal is the largest uint64.
    function _tierOf(uint64 ordinal, uint256 start) private view returns (uint256 index) {
        index = start;
        while (ordinal > _tiers[index].lastOrdinal) ++index;
    }

    /// @dev The rounding rule: token i pays floor(dollars * weight * 10^decimals * PRICE_SCALE /
    /// (BPS * price)). No overflow: < 2^64 * 2^16 * 10^18 * 10^8 < 2^256.
    function _amounts(
        BasketToken[] memory tokens,
        uint64 dollars
    ) private pure returns (uint256[] memory amounts) {
        amounts = new uint256[](tokens.length);
        for (uint256 i = 0; i < tokens.length; ++i) {
            BasketToken memory t = tokens[i];
            amounts[i] =
                (uint256(dollars) * t.weightBps * (10 ** uint256(t.decimals)) * PRICE_SCALE) /
                (BPS * t.price);
        }
    }

    /// @dev Reverts unless the registrar signed `digest`: an ECDSA signature recovering to it (malleable
    /// and malformed signatures recover to none), or, for a contract registrar, its ERC-1271 approval.
    /// (OpenZeppelin's SignatureChecker is not used: its 5.7 version needs MCOPY, which the paris and
    /// shanghai targets lack.)
    function _checkVoucherSignature(bytes32 digest, bytes calldata signature) private view {
        address expected = registrar;
        (address signer, ECDSA.RecoverError error, ) = ECDSA.tryRecoverCalldata(digest, signature);
        if (error != ECDSA.RecoverError.NoError) signer = address(0);
        if (signer == expected) return;
        if (expected.code.length != 0) {
            (bool ok, bytes memory result) = expected.staticcall(
                abi.encodeCall(IERC1271.isValidSignature, (digest, signature))
            );
            if (ok && result.length == 32 && bytes4(result) == IERC1271.isValidSignature.selector) return;
        }
        revert MintVoucherWrongSigner(signer, expected);
    }

    /// @dev The EIP-712 digest of `voucher` for this chain and contract.
    function _voucherDigest(Voucher calldata voucher) private view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(VOUCHER_TYPEHASH, voucher.account, voucher.deadline)));
    }

    /// @dev See the constructor's `tiers_`.
    function _validateTiers(Tier[] memory tiers_) private pure {
        if (tiers_.length == 0 || tiers_.length > MAX_TIERS)
            revert MintInvalidTierCount(tiers_.length, MAX_TIERS);
        uint64 previous = 0;
        for (uint256 i = 0; i < tiers_.length; ++i) {
            Tier memory t = tiers_[i];
            if (t.lastOrdinal <= previous) revert MintTierCapNotIncreasing(i, t.lastOrdinal, previous);
            if (t.dollars == 0) revert MintTierZeroDollars(i);
            previous = t.lastOrdinal;
        }
        if (previous != OPEN_TIER) revert MintFinalTierNotOpen(previous);
    }

    /// @dev See the constructor's `basket_`.
    function _validateBasket(BasketToken[] memory basket_) private view {
        if (basket_.length == 0 || basket_.length > MAX_BASKET) {
            revert MintInvalidBasketSize(basket_.length, MAX_BASKET);
        }
        uint256 weights = 0;
        for (uint256 i = 0; i < basket_.length; ++i) {
            BasketToken memory t = basket_[i];
            if (t.token == address(0) || t.weightBps == 0 || t.price == 0 || t.decimals > MAX_DECIMALS) {
                revert MintInvalidBasketToken(i);
            }
            for (uint256 j = 0; j < i; ++j) {
                if (basket_[j].token == t.token) revert MintDuplicateBasketToken(t.token);
            }
            uint8 actual = IERC20Metadata(t.token).decimals();
            if (actual != t.decimals) revert MintTokenDecimalsMismatch(t.token, t.decimals, actual);
            weights += t.weightBps;
        }
        if (weights != BPS) revert MintWeightsNotFull(weights);
    }
}
