module.exports = {
  skipFiles: ["mocks/", "test/"],
  configureYulOptimizer: false,
  mocha: { timeout: 600000 },
};
