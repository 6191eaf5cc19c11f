/**
 * Riddle answers and salts, kept in this browser (localStorage) between the commit and the reveal.
 * Without them a commitment cannot be revealed: they can be exported as a JSON file, and the page
 * warns before it is left while a commitment is unrevealed.
 */
export interface RiddleSecret {
  chainId: number;
  board: string;
  riddle: number;
  key: string;
  account: string;
  answer: string;
  salt: string;
  commitment: string;
  revealed: boolean;
}

const PREFIX = "season-riddle:";

const keyOf = (s: Pick<RiddleSecret, "chainId" | "board" | "riddle" | "account">) =>
  `${PREFIX}${s.chainId}:${s.board.toLowerCase()}:${s.riddle}:${s.account.toLowerCase()}`;

export function saveSecret(s: RiddleSecret): void {
  localStorage.setItem(keyOf(s), JSON.stringify(s));
}

export function findSecret(
  chainId: number,
  board: string,
  riddle: number,
  account: string,
): RiddleSecret | undefined {
  const text = localStorage.getItem(keyOf({ chainId, board, riddle, account }));
  return text ? (JSON.parse(text) as RiddleSecret) : undefined;
}

export function allSecrets(): RiddleSecret[] {
  const out: RiddleSecret[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k?.startsWith(PREFIX))
      out.push(JSON.parse(localStorage.getItem(k) ?? "{}") as RiddleSecret);
  }
  return out.sort((a, b) => a.riddle - b.riddle);
}

export function importSecrets(text: string): number {
  const list = JSON.parse(text) as RiddleSecret[];
  if (!Array.isArray(list)) throw new Error("not a list of riddle secrets");
  for (const s of list) {
    if (typeof s.salt !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(s.salt))
      throw new Error("a secret has no 32-byte salt");
    saveSecret(s);
  }
  return list.length;
}

/** True while a commitment of this browser is not revealed (leaving would risk its salt). */
export function hasUnrevealed(): boolean {
  return allSecrets().some((s) => !s.revealed);
}
