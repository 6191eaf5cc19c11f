import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest tests sit beside their src/ files; test/ is hardhat test's (mocha collects every .ts there).
    include: ["src/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
  },
});
