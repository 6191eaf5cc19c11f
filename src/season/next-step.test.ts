import { describe, expect, it } from "vitest";
import { commandOf, nextStep, type SeasonProgress } from "./next-step";

const DIR = "epochs/localhost";
const epochs = (closed: number) =>
  [1, 2].map((epoch) => ({ epoch, endTime: epoch * 100, closed: epoch <= closed }));
const state = (over: Partial<SeasonProgress>): SeasonProgress => ({
  now: 0,
  epochs: epochs(0),
  accepted: 0,
  underfunded: [],
  ...over,
});
const next = (over: Partial<SeasonProgress>) =>
  commandOf(nextStep(state(over), DIR), "localhost", "season.json");

describe("nextStep", () => {
  it("waits for a running epoch, then closes it", () => {
    const step = nextStep(state({ now: 50 }), DIR);
    expect(step.task).toBe("epoch:close");
    expect(step.from).toBe(100);
    expect(next({ now: 100 })).toBe(
      "npx hardhat epoch:close --network localhost --season season.json --epoch 1",
    );
  });

  it("publishes a closed epoch, then funds, verifies and accepts it, in that order", () => {
    expect(next({ now: 150, epochs: epochs(1) })).toBe(
      "npx hardhat epoch:publish --network localhost --season season.json --epoch 1",
    );
    const pending = { epoch: 1, validAt: 200 };
    expect(next({ now: 150, epochs: epochs(1), pending, underfunded: [1] })).toBe(
      "npx hardhat rewards:fund --network localhost --season season.json --epoch 1 --mint",
    );
    expect(next({ now: 150, epochs: epochs(1), pending })).toBe(
      "npx hardhat epoch:verify --network localhost --season season.json --epoch 1 --dump epochs/localhost/epoch-1/tree.json --work audit/",
    );
    expect(next({ now: 200, epochs: epochs(1), pending })).toBe(
      "npx hardhat epoch:accept --network localhost --season season.json",
    );
  });

  it("never suggests publishing an accepted epoch: the next one comes", () => {
    expect(next({ now: 150, epochs: epochs(1), accepted: 1 })).toBe(
      "npx hardhat epoch:close --network localhost --season season.json --epoch 2",
    );
    expect(next({ now: 250, epochs: epochs(2), accepted: 1 })).toBe(
      "npx hardhat epoch:publish --network localhost --season season.json --epoch 2",
    );
  });

  it("funds an accepted epoch the distributor cannot pay before anything else", () => {
    expect(next({ now: 250, epochs: epochs(2), accepted: 1, underfunded: [1] })).toBe(
      "npx hardhat rewards:fund --network localhost --season season.json --epoch 1 --mint",
    );
  });

  it("after the last epoch is accepted, participants claim", () => {
    expect(nextStep(state({ now: 300, epochs: epochs(2), accepted: 2 }), DIR).task).toBe(
      "rewards:claim",
    );
  });

  it("closes an ended epoch whose folder is missing even when a later one is closed", () => {
    const gappy = [
      { epoch: 1, endTime: 100, closed: false },
      { epoch: 2, endTime: 200, closed: true },
    ];
    expect(next({ now: 250, epochs: gappy })).toBe(
      "npx hardhat epoch:close --network localhost --season season.json --epoch 1",
    );
  });
});
