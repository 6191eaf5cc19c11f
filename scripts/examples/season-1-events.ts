/**
 * Writes examples/season-1/events.ndjson (deterministic; refs are keccak256 of a label):
 *
 *     npx tsx scripts/examples/season-1-events.ts > examples/season-1/events.ndjson
 */
import { keccak256, toUtf8Bytes } from "ethers";
import { formatEvent, type SeasonEvent } from "../../src/engine/events";
const acct = (name: string, n: number) =>
  "0x" + name.padEnd(8, "0") + n.toString(16).padStart(32, "0");
const A = {
  alice: acct("a11ce", 1),
  bob: acct("b0b", 2),
  carol: acct("ca201", 3),
  dave: acct("da7e", 4),
  erin: acct("e217", 5),
  frank: acct("f2a7c", 6),
  grace: acct("92ace", 7),
  henry: acct("7e427", 8),
};
const ref = (s: string) => keccak256(toUtf8Bytes(s));
const D = 86400,
  T0 = 1705276800; // 2024-01-15
const ev: SeasonEvent[] = [];
const mint = (who: string, ordinal: number, dollars: string, t: number) => {
  ev.push({ kind: "mint", account: who, ordinal, dollars, time: t });
  ev.push({ kind: "action", account: who, action: "join", ref: ref(`mint-${ordinal}`), time: t });
};
const act = (who: string, action: string, id: string, t: number) =>
  ev.push({ kind: "action", account: who, action, ref: ref(id), time: t });
const boost = (who: string, b: string, t: number) =>
  ev.push({ kind: "boost", account: who, boost: b, time: t });
mint(A.alice, 1, "10000", T0 + 100);
act(A.alice, "netswap.swap", "tx-a1", T0 + 200);
act(A.alice, "netswap.swap", "tx-a2", T0 + 300);
act(A.alice, "netswap.swap", "tx-a3", T0 + 400);
act(A.alice, "tethys.open-position", "tx-a4", T0 + D);
act(A.alice, "tethys.open-position", "tx-a5", T0 + D + 50);
act(A.alice, "midas.buy-ticket", "tx-a6", T0 + 2 * D);
boost(A.alice, "riddle-02", T0 + 2 * D + 10);
mint(A.bob, 150, "5000", T0 + 500);
for (let i = 0; i < 5; i++) act(A.bob, "league.trade-keys", `tx-b${i}`, T0 + 600 + i);
for (let i = 0; i < 3; i++) act(A.bob, "league.bet", `tx-bb${i}`, T0 + D + i);
boost(A.bob, "riddle-01", T0 + 3 * D);
act(A.carol, "hummus.swap", "tx-c1", T0 + 700);
act(A.carol, "hummus.swap", "tx-c2", T0 + 800);
boost(A.carol, "riddle-02", T0 + 2 * D);
boost(A.carol, "riddle-03", T0 + 3 * D);
boost(A.carol, "riddle-04", T0 + 4 * D);
boost(A.carol, "riddle-02", T0 + 5 * D); // earned twice: counts once
mint(A.dave, 600, "2000", T0 + 900);
// refs are scoped by dApp: a League.Tech record may reuse a Hummus ref (no collision, it counts)
act(A.grace, "league.bet", "tx-c1", T0 + 6 * D);
// a later Hummus record of carol's ref for someone else: dropped, listed in anomalies.json
act(A.dave, "hummus.swap", "tx-c2", T0 + 6 * D + 5);
mint(A.erin, 601, "2000", T0 + 950);
// epoch 2
mint(A.frank, 2001, "500", T0 + 8 * D);
act(A.frank, "tethys.stake-tlp", "tx-f1", T0 + 8 * D + 10);
act(A.frank, "netswap.add-liquidity", "tx-f2", T0 + 9 * D);
act(A.grace, "netswap.swap", "tx-g1", T0 + 2 * D);
act(A.grace, "netswap.swap", "tx-g1", T0 + 10 * D); // relayed again later: counts once, at its first time
act(A.grace, "midas.buy-ticket", "tx-g2", T0 + 30 * D); // after epoch 2: not counted yet
act(A.carol, "hummus.deposit", "tx-c3", T0 + 9 * D);
boost(A.henry, "riddle-03", T0 + 9 * D); // a boost alone multiplies nothing: score 0, unranked
act(A.bob, "league.trade-keys", "tx-b9", T0 + 11 * D);
// any order: shuffle deterministically
const order = ev
  .map((e, i) => [(i * 7919) % 101, e] as const)
  .sort((x, y) => x[0] - y[0])
  .map(([, e]) => e);
process.stdout.write(order.map(formatEvent).join("\n") + "\n");
