/**
 * Errors in words a participant understands. A request rejected in the wallet is neutral (nothing
 * happened); a revert is decoded by its custom error's name through the contracts' ABIs.
 */
import { ERRORS } from "./chain";

export interface Explained {
  /** "rejected": the person said no (neutral); "error": something to fix. */
  kind: "rejected" | "error";
  text: string;
}

function revertData(e: unknown): string | undefined {
  const seen = new Set<unknown>();
  const walk = (x: unknown): string | undefined => {
    if (!x || typeof x !== "object" || seen.has(x)) return undefined;
    seen.add(x);
    const o = x as Record<string, unknown>;
    if (typeof o.data === "string" && /^0x[0-9a-fA-F]{8}/.test(o.data)) return o.data;
    for (const k of ["data", "error", "info", "cause", "originalError"]) {
      const found = walk(o[k]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(e);
}

const when = (t: bigint) => new Date(Number(t) * 1000).toLocaleString();

/** The words for a decoded custom error, or undefined for one the page does not expect. */
export function explainRevert(
  name: string,
  args: readonly unknown[],
  native: string,
): string | undefined {
  switch (name) {
    case "MintIsClosed":
      return "The mint is closed: no more joins.";
    case "MintNotOpen":
      return `The mint is not open yet: it opens at ${when(args[0] as bigint)}.`;
    case "EnforcedPause":
      return "Paused by the season's operator: try again later.";
    case "MintAlreadyClaimed":
      return `This address has already joined (ordinal #${args[1]}).`;
    case "MintWrongMode":
      return Number(args[0]) === 0
        ? "The mint is in open mode: join without a voucher."
        : "The mint asks for a voucher: paste the one you received.";
    case "MintCallerNotOrigin":
      return "The mint is in open mode, which accepts ordinary accounts only: a smart-contract wallet cannot join this way; ask the season's operator for a voucher.";
    case "MintVoucherWrongAccount":
      return `This voucher is for ${args[0]}, not for the connected address ${args[1]}.`;
    case "MintVoucherExpired":
      return `This voucher expired at ${when(args[0] as bigint)}.`;
    case "MintVoucherWrongSigner":
    case "ECDSAInvalidSignature":
    case "ECDSAInvalidSignatureLength":
    case "ECDSAInvalidSignatureS":
      return "This voucher is not valid: it is not signed by the mint's registrar.";
    case "CommitClosed":
      return "The commit window of this riddle is over.";
    case "CommitStillOpen":
      return "The reveal window is not open yet.";
    case "AnswerNotRevealed":
      return "The operator has not revealed the answer yet: reveal once it is out.";
    case "RevealClosed":
      return "The reveal window of this riddle is over.";
    case "NotCommitted":
      return "This address has no commitment in this riddle.";
    case "CommitmentMismatch":
      return "The answer or salt kept in this browser does not match the commitment on chain.";
    case "WrongAnswer":
      return "That answer is not the riddle's answer.";
    case "AlreadyRevealed":
      return "Already revealed.";
    case "RootNotAccepted":
      return "No reward root is accepted yet: rewards become claimable once the pending root's timelock ends.";
    case "NothingToClaim":
      return "Nothing to claim: everything was already claimed.";
    case "InvalidProof":
      return "The proof does not match the accepted root: the site's data is older or newer than the chain's root.";
    case "ClaimDeadlinePassed":
      return `The claim deadline passed at ${when(args[0] as bigint)}.`;
    case "InsufficientBalance":
      return "The distributor does not hold enough of this token yet: the operator must fund it.";
    default:
      void native;
      return undefined;
  }
}

export function explain(e: unknown, native: string): Explained {
  const err = e as {
    code?: unknown;
    message?: string;
    shortMessage?: string;
    info?: { error?: { code?: unknown } };
  };
  const code = err?.code ?? err?.info?.error?.code;
  if (code === 4001 || code === "ACTION_REJECTED")
    return { kind: "rejected", text: "You rejected the request in your wallet: nothing was sent." };
  const data = revertData(e);
  if (data) {
    try {
      const parsed = ERRORS.parseError(data);
      if (parsed) {
        const text = explainRevert(parsed.name, [...parsed.args], native);
        return { kind: "error", text: text ?? `The contract refused: ${parsed.name}.` };
      }
    } catch {
      /* not one of ours */
    }
  }
  const message = `${err?.shortMessage ?? ""} ${err?.message ?? String(e)}`;
  if (code === "INSUFFICIENT_FUNDS" || /insufficient funds|gas \* price \+ value/i.test(message))
    return { kind: "error", text: `Not enough ${native} to pay for gas on this chain.` };
  if (code === 4100)
    return { kind: "error", text: "The wallet has not authorised this site: connect first." };
  if (code === 4902) return { kind: "error", text: "The wallet does not know this chain." };
  return { kind: "error", text: (err?.shortMessage ?? err?.message ?? String(e)).slice(0, 300) };
}
