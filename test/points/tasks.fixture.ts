import { useTempEnvDirs } from "../helpers/env";

/**
 * Points each task test at fresh temporary DEPLOYMENTS_DIR and RIDDLE_SECRETS_DIR folders, and
 * restores the environment afterwards.
 */
export function useTempDirs(): { deployments: () => string; secrets: () => string } {
  useTempEnvDirs("points-tasks-", {
    DEPLOYMENTS_DIR: "deployments",
    RIDDLE_SECRETS_DIR: "secrets",
  });
  return {
    deployments: () => process.env.DEPLOYMENTS_DIR!,
    secrets: () => process.env.RIDDLE_SECRETS_DIR!,
  };
}
