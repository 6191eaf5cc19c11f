import { describe, expect, it } from "vitest";
import { Interface, id, zeroPadValue } from "ethers";
import {
  DISTRIBUTOR_EVENTS_ABI,
  claimKey,
  decodeDistributorLog,
  replayDistributorEvents,
  type DistributorEvent,
} from "./history";

const iface = new Interface(DISTRIBUTOR_EVENTS_ABI);
const OWNER = "0x1000000000000000000000000000000000000001";
const NEW_OWNER = "0x1000000000000000000000000000000000000002";
const GUARDIAN = "0x2000000000000000000000000000000000000002";
const PUBLISHER = "0x3000000000000000000000000000000000000003";
const ALICE = "0xa11ce00000000000000000000000000000000a11"; // lower case on purpose
const TOKEN = "0x7000000000000000000000000000000000000007";
const ZERO = "0x0000000000000000000000000000000000000000";
const R1 = id("root 1");
const R2 = id("root 2");
const H = id("tree.json");

/** A log as the chain returns it, made with the same ABI (what a node would hand an indexer). */
function log(name: string, args: unknown[]): { topics: string[]; data: string } {
  const event = iface.getEvent(name);
  if (!event) throw new Error(`no event ${name}`);
  return iface.encodeEventLog(event, args);
}

function replayLogs(logs: { topics: string[]; data: string }[]) {
  return replayDistributorEvents(
    logs.map((l) => {
      const event = decodeDistributorLog(l);
      if (!event) throw new Error("not a distributor log");
      return event;
    }),
  );
}

const deployment = [
  log("OwnershipTransferred", [ZERO, OWNER]),
  log("GuardianSet", [ZERO, GUARDIAN]),
  log("TimelockSet", [0n, 86_400n]),
  log("PublisherSet", [PUBLISHER, true]),
];

describe("decodeDistributorLog", () => {
  it("decodes each field, with checksummed addresses", () => {
    expect(decodeDistributorLog(log("Claimed", [ALICE, TOKEN, 5n]))).toEqual({
      name: "Claimed",
      account: "0xa11Ce00000000000000000000000000000000a11",
      token: TOKEN,
      amount: 5n,
    });
    expect(decodeDistributorLog(log("RootPublished", [3n, R1, H, 1_000n]))).toEqual({
      name: "RootPublished",
      epoch: 3n,
      root: R1,
      dataHash: H,
      validAt: 1_000n,
    });
  });

  it("ignores a log of another contract", () => {
    const transfer = {
      topics: [
        id("Transfer(address,address,uint256)"),
        zeroPadValue(OWNER, 32),
        zeroPadValue(ALICE, 32),
      ],
      data: zeroPadValue("0x05", 32),
    };
    expect(decodeDistributorLog(transfer)).toBeUndefined();
  });
});

describe("replayDistributorEvents", () => {
  it("follows a season: roles, roots, revocation, pause, claims, funding, sweep", () => {
    const history = replayLogs([
      ...deployment,
      log("Funded", [TOKEN, OWNER, 1_000n]),
      log("RootPublished", [1n, R1, H, 100n]),
      log("RootAccepted", [1n, R1, H]),
      log("Claimed", [ALICE, TOKEN, 40n]),
      log("RootPublished", [2n, id("bad"), H, 200n]),
      log("RootRevoked", [2n, id("bad"), GUARDIAN]),
      log("RootPublished", [2n, R2, H, 300n]),
      log("Paused", [GUARDIAN]),
      log("RootAccepted", [2n, R2, H]),
      log("Unpaused", [OWNER]),
      log("Claimed", [ALICE, TOKEN, 60n]),
      log("PublisherQueued", [NEW_OWNER, 500n]),
      log("PublisherSet", [PUBLISHER, false]),
      log("GuardianQueued", [ALICE, 500n]),
      log("GuardianCancelled", [ALICE, GUARDIAN]),
      log("GuardianQueued", [ZERO, 600n]),
      log("GuardianSet", [GUARDIAN, ZERO]),
      log("TimelockQueued", [60n, 500n]),
      log("TimelockCancelled", [60n, OWNER]),
      log("TimelockQueued", [0n, 700n]),
      log("TimelockSet", [86_400n, 0n]),
      log("RootPublished", [3n, R1, H, 400n]),
      log("OwnershipTransferStarted", [OWNER, NEW_OWNER]),
      log("Swept", [TOKEN, OWNER, 900n]),
    ]);
    expect(history.owner).toBe(OWNER);
    expect(history.pendingOwner).toBe(NEW_OWNER);
    expect(history.guardian).toBe(ZERO);
    expect(history.publishers).toEqual([]);
    expect(history.timelock).toBe(0n);
    expect(history.queued).toEqual({
      timelock: undefined,
      guardian: undefined,
      publishers: { [NEW_OWNER]: 500n },
    });
    expect(history.paused).toBe(false);
    expect(history.accepted).toEqual({ epoch: 2n, root: R2, dataHash: H });
    expect(history.pending).toEqual({ epoch: 3n, root: R1, dataHash: H, validAt: 400n });
    expect(history.acceptedRoots.map((r) => r.epoch)).toEqual([1n, 2n]);
    expect(history.revoked).toEqual([{ epoch: 2n, root: id("bad"), by: GUARDIAN }]);
    expect(history.claimed).toEqual({ [claimKey(ALICE, TOKEN)]: 100n });
    expect(history.funded).toEqual({ [TOKEN]: 1_000n });
    expect(history.swept).toEqual({ [TOKEN]: 900n });
  });

  it("completes a two-step ownership transfer", () => {
    const history = replayLogs([
      ...deployment,
      log("OwnershipTransferStarted", [OWNER, NEW_OWNER]),
      log("OwnershipTransferred", [OWNER, NEW_OWNER]),
    ]);
    expect(history.owner).toBe(NEW_OWNER);
    expect(history.pendingOwner).toBeUndefined();
    expect(history.publishers).toEqual([PUBLISHER]);
  });

  const impossible: [string, DistributorEvent[], RegExp][] = [
    [
      "an acceptance with nothing pending",
      [{ name: "RootAccepted", epoch: 1n, root: R1, dataHash: H }],
      /#0 \(RootAccepted\): epoch 1 was not the pending root/,
    ],
    [
      "an acceptance of another root than the pending one",
      [
        { name: "RootPublished", epoch: 1n, root: R1, dataHash: H, validAt: 1n },
        { name: "RootAccepted", epoch: 1n, root: R2, dataHash: H },
      ],
      /#1 \(RootAccepted\)/,
    ],
    [
      "a revocation with nothing pending",
      [{ name: "RootRevoked", epoch: 1n, root: R1, by: GUARDIAN }],
      /#0 \(RootRevoked\)/,
    ],
    [
      "a publication over a pending root",
      [
        { name: "RootPublished", epoch: 1n, root: R1, dataHash: H, validAt: 1n },
        { name: "RootPublished", epoch: 2n, root: R2, dataHash: H, validAt: 2n },
      ],
      /#1 \(RootPublished\): epoch 1 is still pending/,
    ],
    [
      "an epoch that does not increase",
      [
        { name: "RootPublished", epoch: 1n, root: R1, dataHash: H, validAt: 1n },
        { name: "RootAccepted", epoch: 1n, root: R1, dataHash: H },
        { name: "RootPublished", epoch: 1n, root: R2, dataHash: H, validAt: 2n },
      ],
      /#2 \(RootPublished\): epoch 1 is not accepted epoch 1 \+ 1/,
    ],
    [
      "an epoch that skips one",
      [{ name: "RootPublished", epoch: 2n, root: R1, dataHash: H, validAt: 1n }],
      /#0 \(RootPublished\): epoch 2 is not accepted epoch 0 \+ 1/,
    ],
    [
      "a pause while paused",
      [
        { name: "Paused", account: OWNER },
        { name: "Paused", account: OWNER },
      ],
      /already paused/,
    ],
    ["an unpause while not paused", [{ name: "Unpaused", account: OWNER }], /not paused/],
  ];
  for (const [what, events, error] of impossible) {
    it(`refuses ${what}`, () => {
      expect(() => replayDistributorEvents(events)).toThrow(error);
    });
  }
});
