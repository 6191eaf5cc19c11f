import hre from "hardhat";

/**
 * Whether `npm run coverage` (solidity-coverage) is running: it instruments the bytecode, so gas
 * budgets hold for the real build only, and child processes measure no contract coverage.
 */
export function underCoverage(): boolean {
  return Boolean(
    (hre as unknown as { __SOLIDITY_COVERAGE_RUNNING?: boolean }).__SOLIDITY_COVERAGE_RUNNING,
  );
}
