// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title ITieredMint
/// @notice The season's tiered testnet-token mint (SPEC §1): every address claims once; its ordinal
/// (the order of successful claims, from 1) picks a tier, and the tier's dollar amount is paid as a
/// fixed basket of testnet tokens, each minted by the mint through its `MINTER_ROLE`.
/// @dev Amounts: token `i` of the basket pays
/// `floor(dollars * weightBps_i * 10**decimals_i * PRICE_SCALE / (10_000 * price_i))` smallest units,
/// so the basket's value at reference prices is at most the tier's dollars and falls short of it by
/// less than one smallest unit per token (never an overpayment).
interface ITieredMint {
    /* TYPES */

    /// @notice How claims are admitted, fixed at deployment.
    /// @dev `Open`: any externally owned account calls `claim()` directly (a contract's call is refused,
    /// so one transaction cannot claim for many addresses; nothing stops one person from claiming with
    /// many EOAs: the sybil report is the answer to that). `Voucher`: `claimWithVoucher` with an EIP-712
    /// voucher signed by the registrar (issued after an off-chain sign-up check); the registrar may be
    /// an EOA or a contract account (ERC-1271, e.g. a multisig). A season with reward pools should use
    /// vouchers.
    enum Mode {
        Open,
        Voucher
    }

    /// @notice One row of the tier table.
    /// @param lastOrdinal The last ordinal of the tier (inclusive); the final, open tier uses
    /// `type(uint64).max`. Tiers start where the previous one ended (the first at ordinal 1).
    /// @param dollars What a claim in this tier receives, in whole US dollars at reference prices.
    struct Tier {
        uint64 lastOrdinal;
        uint64 dollars;
    }

    /// @notice One token of the basket.
    /// @param token The TestnetToken paid out (the mint needs its `MINTER_ROLE`).
    /// @param weightBps The share of every tier's dollars paid in this token, in basis points; the
    /// basket's weights sum to 10,000.
    /// @param decimals The token's decimals (checked against the token at deployment).
    /// @param price The reference price of one whole token in US dollars, scaled by `PRICE_SCALE`
    /// (1e8: $1 = 100,000,000).
    struct BasketToken {
        address token;
        uint16 weightBps;
        uint8 decimals;
        uint64 price;
    }

    /// @notice The record kept for every claimer (both zero for an address that has not claimed).
    /// @param ordinal The claimer's ordinal, from 1.
    /// @param dollars The tier amount it received, in whole US dollars.
    struct Claim {
        uint64 ordinal;
        uint64 dollars;
    }

    /// @notice What the registrar signs (EIP-712 type `Voucher(address account,uint256 deadline)`,
    /// domain `TieredMint`, version `1`, this chain, this contract).
    /// @param account The only address that may claim with it.
    /// @param deadline The last timestamp (inclusive) at which it is accepted.
    struct Voucher {
        address account;
        uint256 deadline;
    }

    /* EVENTS */

    /// @notice The mint's whole configuration, emitted once at deployment.
    /// @param mode How claims are admitted.
    /// @param registrar The voucher signer (zero in open mode).
    /// @param openingTime The first timestamp at which claims are accepted.
    /// @param tiers The tier table.
    /// @param basket The basket, in the order of `Claimed.amounts`.
    event MintConfigured(
        Mode mode,
        address registrar,
        uint64 openingTime,
        Tier[] tiers,
        BasketToken[] basket
    );

    /// @notice `account` claimed: everything an indexer needs to credit the claim.
    /// @param account The claimer (and recipient of the tokens).
    /// @param ordinal Its ordinal, from 1.
    /// @param tier The index of its tier in the tier table, from 0.
    /// @param dollars The tier's dollar amount (whole US dollars).
    /// @param amounts The smallest units minted of each basket token, in basket order.
    event Claimed(
        address indexed account,
        uint64 indexed ordinal,
        uint256 tier,
        uint64 dollars,
        uint256[] amounts
    );

    /// @notice The registrar changed (voucher mode only); vouchers of the previous one stop working.
    /// @param previous The previous registrar.
    /// @param registrar The new registrar.
    event RegistrarSet(address indexed previous, address indexed registrar);

    /// @notice The mint was closed for good after `claimCount` claims.
    /// @param claimCount The number of claims made, final.
    event MintClosed(uint64 claimCount);

    /* ERRORS */

    /// @notice The admin given at deployment is the zero address.
    error MintZeroAdmin();

    /// @notice The tier table is empty or has more than `max` rows.
    /// @param count The number of rows given.
    /// @param max The largest table accepted.
    error MintInvalidTierCount(uint256 count, uint256 max);

    /// @notice Tier `index`'s last ordinal does not exceed the previous tier's (the first must be >= 1).
    /// @param index The offending row.
    /// @param lastOrdinal Its last ordinal.
    /// @param previous The previous row's last ordinal (0 for the first row).
    error MintTierCapNotIncreasing(uint256 index, uint64 lastOrdinal, uint64 previous);

    /// @notice Tier `index` pays zero dollars.
    /// @param index The offending row.
    error MintTierZeroDollars(uint256 index);

    /// @notice The final tier is not open-ended (its last ordinal must be `type(uint64).max`).
    /// @param lastOrdinal The final tier's last ordinal.
    error MintFinalTierNotOpen(uint64 lastOrdinal);

    /// @notice The basket is empty or has more than `max` tokens.
    /// @param count The number of tokens given.
    /// @param max The largest basket accepted.
    error MintInvalidBasketSize(uint256 count, uint256 max);

    /// @notice Basket entry `index` has the zero address, a zero weight, a zero price or more than 18
    /// decimals.
    /// @param index The offending entry.
    error MintInvalidBasketToken(uint256 index);

    /// @notice `token` appears twice in the basket.
    /// @param token The repeated token.
    error MintDuplicateBasketToken(address token);

    /// @notice The decimals declared for `token` are not the token's.
    /// @param token The token.
    /// @param declared The decimals given in the basket.
    /// @param actual The token's `decimals()`.
    error MintTokenDecimalsMismatch(address token, uint8 declared, uint8 actual);

    /// @notice The basket's weights do not sum to 10,000 basis points.
    /// @param sum Their sum.
    error MintWeightsNotFull(uint256 sum);

    /// @notice The registrar does not fit the mode: voucher mode needs one, open mode takes none.
    /// @param mode The mode.
    /// @param registrar The registrar given.
    error MintInvalidRegistrar(Mode mode, address registrar);

    /// @notice This way of claiming is not the mint's mode.
    /// @param mode The mint's mode.
    error MintWrongMode(Mode mode);

    /// @notice The mint is closed for good.
    error MintIsClosed();

    /// @notice Claims are accepted from `openingTime` on.
    /// @param openingTime The opening time.
    /// @param now_ The current block timestamp.
    error MintNotOpen(uint64 openingTime, uint256 now_);

    /// @notice `account` has already claimed, as ordinal `ordinal`.
    /// @param account The claimer.
    /// @param ordinal Its ordinal.
    error MintAlreadyClaimed(address account, uint64 ordinal);

    /// @notice The voucher was issued to `account`, not to the caller.
    /// @param account The voucher's account.
    /// @param caller The caller.
    error MintVoucherWrongAccount(address account, address caller);

    /// @notice The voucher's deadline has passed.
    /// @param deadline The voucher's deadline.
    /// @param now_ The current block timestamp.
    error MintVoucherExpired(uint256 deadline, uint256 now_);

    /// @notice Open mode: the caller is a contract (it is not the transaction's origin). Refused so that
    /// one transaction cannot claim for many addresses (a factory of minion contracts).
    /// @param caller The caller.
    /// @param origin The transaction's origin.
    error MintCallerNotOrigin(address caller, address origin);

    /// @notice The voucher was not signed by the registrar (or for another chain or contract, which
    /// recovers to another signer), nor approved by it through ERC-1271 when it is a contract.
    /// @param signer The address the signature recovers to (zero when it recovers to none).
    /// @param registrar The registrar.
    error MintVoucherWrongSigner(address signer, address registrar);

    /// @notice Ordinals start at 1.
    error MintZeroOrdinal();

    /* CLAIMS */

    /// @notice Claims the caller's basket (open mode; the caller must be the transaction's origin).
    /// @return ordinal The caller's ordinal.
    function claim() external returns (uint64 ordinal);

    /// @notice Claims the caller's basket with a registrar's voucher (voucher mode).
    /// @param voucher The voucher; its `account` must be the caller.
    /// @param signature The registrar's EIP-712 signature of `voucher` (65 bytes), or, when the
    /// registrar is a contract, whatever its ERC-1271 `isValidSignature` accepts for the digest.
    /// @return ordinal The caller's ordinal.
    function claimWithVoucher(
        Voucher calldata voucher,
        bytes calldata signature
    ) external returns (uint64 ordinal);

    /* ADMIN */

    /// @notice Replaces the registrar (voucher mode; `DEFAULT_ADMIN_ROLE`).
    /// @param registrar The new registrar, not zero.
    function setRegistrar(address registrar) external;

    /// @notice Closes the mint for good (`DEFAULT_ADMIN_ROLE`); records stay readable.
    function close() external;

    /// @notice Stops claims until `unpause` (`PAUSER_ROLE`).
    function pause() external;

    /// @notice Resumes claims (`PAUSER_ROLE`).
    function unpause() external;

    /* VIEWS */

    /// @notice The number of successful claims so far (the last ordinal given).
    function claimCount() external view returns (uint64);

    /// @notice Whether the mint has been closed.
    function closed() external view returns (bool);

    /// @notice How claims are admitted.
    function mode() external view returns (Mode);

    /// @notice The voucher signer (zero in open mode).
    function registrar() external view returns (address);

    /// @notice The first timestamp at which claims are accepted.
    function openingTime() external view returns (uint64);

    /// @notice The record of `account`: its ordinal and dollars, both zero if it has not claimed.
    /// @param account The account.
    function claims(address account) external view returns (uint64 ordinal, uint64 dollars);

    /// @notice The tier table.
    function tiers() external view returns (Tier[] memory);

    /// @notice The basket, in the order of `Claimed.amounts`.
    function basket() external view returns (BasketToken[] memory);

    /// @notice What the claim of `ordinal` pays (whether or not it has happened).
    /// @param ordinal The ordinal, from 1.
    /// @return tier The index of its tier.
    /// @return dollars The tier's dollars.
    /// @return amounts The smallest units of each basket token, in basket order.
    function quote(
        uint64 ordinal
    ) external view returns (uint256 tier, uint64 dollars, uint256[] memory amounts);

    /// @notice The basket paid for `dollars` (the rounding rule of every claim).
    /// @param dollars Whole US dollars.
    /// @return amounts The smallest units of each basket token, in basket order.
    function basketFor(uint64 dollars) external view returns (uint256[] memory amounts);

    /// @notice The EIP-712 digest the registrar signs for `voucher`.
    /// @param voucher The voucher.
    function voucherDigest(Voucher calldata voucher) external view returns (bytes32);
}
