// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Claim, IRewardDistributor} from "../rewards/IRewardDistributor.sol";

/// @title ReentrantRewardToken
/// @notice TEST ONLY: an ERC-20 that, when the distributor pays someone with it, re-enters the distributor with a
/// claim (or a batch) prepared by the test, and records whether the re-entry paid anything.
contract ReentrantRewardToken is ERC20 {
    enum Mode {
        Off,
        Claim,
        ClaimMany
    }

    IRewardDistributor public immutable distributor;
    Mode public mode;
    Claim internal _attack;

    /// @notice How many re-entries were attempted, how many succeeded, and the last failure's revert data.
    uint256 public reentries;
    uint256 public reentriesSucceeded;
    bytes public lastRevertData;

    constructor(IRewardDistributor distributor_) ERC20("Reentrant reward", "REENT") {
        distributor = distributor_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the attack: during the next payment by the distributor, re-enter with this claim.
    function arm(Mode mode_, address account, uint256 cumulativeAmount, bytes32[] calldata proof) external {
        mode = mode_;
        _attack = Claim(account, address(this), cumulativeAmount, proof);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        Mode current = mode;
        if (from != address(distributor) || current == Mode.Off) return;
        mode = Mode.Off; // one re-entry per arming
        ++reentries;
        if (current == Mode.Claim) {
            try distributor.claim(_attack.account, _attack.token, _attack.cumulativeAmount, _attack.proof) {
                ++reentriesSucceeded;
            } catch (bytes memory data) {
                lastRevertData = data;
            }
        } else {
            Claim[] memory batch = new Claim[](1);
            batch[0] = _attack;
            try distributor.claimMany(batch) returns (uint256[] memory amounts) {
                if (amounts[0] != 0) ++reentriesSucceeded;
            } catch (bytes memory data) {
                lastRevertData = data;
            }
        }
    }
}
