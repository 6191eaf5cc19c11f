import { expect } from "chai";
import hre from "hardhat";
import {
  REWARDS_GAS_TARGETS,
  measureRewardsGas,
  ratio,
  type RewardsGasFigures,
} from "../../scripts/bench-rewards-gas";
import { underCoverage } from "../helpers/coverage";

/**
 * The gas targets as budgets, on a 2^10-leaf tree (the 2^17 figures come from `npm run
 * bench:rewards`). Gas is deterministic; skipped under `npm run coverage`, whose instrumentation adds gas.
 */
describe("RewardDistributor: gas budgets (2^10 leaves)", function () {
  let f: RewardsGasFigures;

  before(async function () {
    if (underCoverage()) this.skip();
    f = await measureRewardsGas(hre, 10);
  });

  it(`pays a first claim to a fresh holder within ${REWARDS_GAS_TARGETS.firstClaim[10]} gas`, () => {
    expect(f.firstClaim <= REWARDS_GAS_TARGETS.firstClaim[10], `${f.firstClaim}`).to.equal(true);
  });

  it(`pays a later cumulative claim within ${REWARDS_GAS_TARGETS.laterClaim[10]} gas`, () => {
    expect(f.laterClaim <= REWARDS_GAS_TARGETS.laterClaim[10], `${f.laterClaim}`).to.equal(true);
  });

  it(`pays claimMany within ${REWARDS_GAS_TARGETS.claimManyPerAccount[10]} gas per account`, () => {
    expect(
      f.claimManyPerAccount <= REWARDS_GAS_TARGETS.claimManyPerAccount[10],
      `${f.claimManyPerAccount}`,
    ).to.equal(true);
  });

  it(`publishes and accepts the first root and a later one within ${REWARDS_GAS_TARGETS.publishPlusAccept} gas each`, () => {
    const first = f.publishFirst + f.acceptFirst;
    const later = f.publishLater + f.acceptLater;
    expect(first <= REWARDS_GAS_TARGETS.publishPlusAccept, `first ${first}`).to.equal(true);
    expect(later <= REWARDS_GAS_TARGETS.publishPlusAccept, `later ${later}`).to.equal(true);
  });

  it("stays within 3% of the floor contract on the same claims", () => {
    const first = ratio(f.firstClaim, f.firstClaimFloor);
    const later = ratio(f.laterClaim, f.laterClaimFloor);
    expect(first, `first claim ratio ${first}`).to.be.at.most(REWARDS_GAS_TARGETS.maxRatioToFloor);
    expect(later, `later claim ratio ${later}`).to.be.at.most(REWARDS_GAS_TARGETS.maxRatioToFloor);
    // The floor's own event is part of the comparison: the bare floor is cheaper by that event only.
    expect(f.firstClaimBareFloor < f.firstClaimFloor).to.equal(true);
  });
});
