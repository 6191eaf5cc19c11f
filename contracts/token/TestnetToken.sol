// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";

/// @title TestnetToken
/// @notice A testnet ERC-20 of the season's basket (a stablecoin, wrapped ETH or BTC, the gas token):
/// EIP-2612 permit, decimals chosen at deployment, minted only by holders of `MINTER_ROLE` (the
/// tiered mint and the operators' faucets).
contract TestnetToken is ERC20, ERC20Permit, AccessControl {
    /* ERRORS */

    /// @notice The admin given at deployment is the zero address.
    error TestnetTokenZeroAdmin();

    /// @notice The decimals given at deployment exceed 18.
    /// @param decimals The rejected value.
    error TestnetTokenInvalidDecimals(uint8 decimals);

    /* STORAGE */

    /// @notice The role allowed to mint.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @dev The token's decimals, fixed at deployment.
    uint8 private immutable _decimals;

    /* CONSTRUCTOR */

    /// @param name_ The token's name, also its EIP-712 domain name for permits.
    /// @param symbol_ The token's symbol.
    /// @param decimals_ 6 for stablecoins, 8 for wrapped BTC, 18 otherwise; at most 18.
    /// @param admin The account given `DEFAULT_ADMIN_ROLE` (it grants and revokes minters).
    constructor(
        string memory name_,
        string memory symbol_,
        uint8 decimals_,
        address admin
    ) ERC20(name_, symbol_) ERC20Permit(name_) {
        if (admin == address(0)) revert TestnetTokenZeroAdmin();
        if (decimals_ > 18) revert TestnetTokenInvalidDecimals(decimals_);
        _decimals = decimals_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /* EXTERNAL */

    /// @notice Mints `amount` smallest units to `to`.
    /// @dev Reverts with `AccessControlUnauthorizedAccount` unless the caller holds `MINTER_ROLE`.
    /// @param to The recipient.
    /// @param amount The amount in the token's smallest unit.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /* PUBLIC */

    /// @inheritdoc ERC20
    function decimals() public view override returns (uint8) {
        return _decimals;
    }
}
