/**
 * season:preflight — everything about a live network that can be checked before the first
 * transaction: the node (chain id, client, head), the operator's balance against the deployment's
 * measured gas, the EVM features the build needs, the node's eth_getLogs range (recorded for the
 * exporter), the guardian and timelock, and the relay rules' contracts. season:deploy runs it first.
 */
import { task } from "hardhat/config";
import { preflight, type PreflightReport } from "./lib/preflight";

task(
  "season:preflight",
  "Check a network before deploying a season: node, balance, EVM features, log range, guardian, relay rules",
)
  .addParam("season", "The season file (with a `chain` section)")
  .addFlag(
    "allowNoGuardian",
    "Run on a real chain without a guardian or with a timelock under an hour (not recommended)",
  )
  .addFlag("json", "Print the report as JSON")
  .setAction(
    async (
      args: { season: string; allowNoGuardian: boolean; json: boolean },
      hre,
    ): Promise<PreflightReport> => preflight(hre, args),
  );
