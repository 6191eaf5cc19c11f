/**
 * A test wallet for the participant app: an EIP-1193 provider injected into the page and announced
 * through EIP-6963, whose every request is handled here in Node: it signs and sends transactions
 * with a local key to the node, forwards reads to the node as they are, and knows chains as a
 * real wallet does (it starts on chain 1, answers 4902 for a chain it was not given, and emits
 * chainChanged). `rejectNext` makes it refuse the next request the person would be asked about
 * (code 4001). `switchAccountFromWallet` changes its account as a person does in the wallet
 * (accountsChanged). A second wallet ("Other Wallet") is announced too and refuses every connection.
 */
import { Wallet, JsonRpcProvider, type TransactionRequest } from "ethers";
import type { BrowserContext, Page } from "playwright-core";

export interface WalletRequest {
  method: string;
  params: unknown[];
}

type Answer = { result: unknown } | { error: { code: number; message: string; data?: unknown } };

const ASKS = new Set([
  "eth_requestAccounts",
  "eth_sendTransaction",
  "wallet_switchEthereumChain",
  "wallet_addEthereumChain",
]);

export class TestWallet {
  readonly requests: WalletRequest[] = [];
  chainId = 1;
  rejectNext = false;
  private readonly known = new Set<number>([1]);
  private connected = false;
  private signer: Wallet;
  private page: Page | undefined;

  constructor(
    private readonly nodeUrl: string,
    privateKey: string,
  ) {
    this.signer = new Wallet(
      privateKey,
      new JsonRpcProvider(nodeUrl, undefined, { staticNetwork: true }),
    );
  }

  get address(): string {
    return this.signer.address;
  }

  async install(context: BrowserContext): Promise<void> {
    await context.exposeFunction("__walletRequest", (method: string, params: unknown[]) =>
      this.handle(method, params),
    );
    await context.addInitScript(INJECTED);
  }

  attach(page: Page): void {
    this.page = page;
  }

  private async emit(event: string, arg: unknown): Promise<void> {
    await this.page?.evaluate(
      `window.__testWalletEmit(${JSON.stringify(event)}, ${JSON.stringify(arg)})`,
    );
  }

  private async forward(method: string, params: unknown[]): Promise<Answer> {
    const res = await fetch(this.nodeUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    });
    const body = (await res.json()) as {
      result?: unknown;
      error?: { code: number; message: string; data?: unknown };
    };
    return body.error ? { error: body.error } : { result: body.result };
  }

  async handle(method: string, params: unknown[]): Promise<Answer> {
    this.requests.push({ method, params });
    if (this.rejectNext && ASKS.has(method)) {
      this.rejectNext = false;
      return { error: { code: 4001, message: "User rejected the request." } };
    }
    switch (method) {
      case "eth_requestAccounts":
        this.connected = true;
        return { result: [this.address] };
      case "eth_accounts":
        return { result: this.connected ? [this.address] : [] };
      case "eth_chainId":
        return { result: `0x${this.chainId.toString(16)}` };
      case "wallet_switchEthereumChain": {
        const id = Number((params[0] as { chainId: string }).chainId);
        if (!this.known.has(id))
          return {
            error: {
              code: 4902,
              message: `Unrecognized chain ID ${id}. Try adding the chain using wallet_addEthereumChain first.`,
            },
          };
        this.chainId = id;
        await this.emit("chainChanged", `0x${id.toString(16)}`);
        return { result: null };
      }
      case "wallet_addEthereumChain": {
        const spec = params[0] as { chainId: string; rpcUrls: string[] };
        this.known.add(Number(spec.chainId));
        return { result: null };
      }
      case "eth_sendTransaction": {
        if (!this.connected) return { error: { code: 4100, message: "Unauthorized" } };
        const tx = params[0] as { to?: string; data?: string; value?: string; gas?: string };
        if (this.chainId !== 31337)
          return { error: { code: -32000, message: `the wallet is on chain ${this.chainId}` } };
        const request: TransactionRequest = {
          to: tx.to,
          data: tx.data,
          value: tx.value ? BigInt(tx.value) : 0n,
          gasLimit: tx.gas ? BigInt(tx.gas) : undefined,
        };
        try {
          const sent = await this.signer.sendTransaction(request);
          return { result: sent.hash };
        } catch (e) {
          return { error: { code: -32000, message: (e as Error).message } };
        }
      }
      default:
        return this.forward(method, params);
    }
  }

  /** The wallet's person picks another account in the wallet itself. */
  async switchAccountFromWallet(privateKey: string): Promise<void> {
    this.signer = new Wallet(privateKey, this.signer.provider);
    if (this.connected) await this.emit("accountsChanged", [this.address]);
  }

  /** The wallet's person switches chains in the wallet itself. */
  async switchChainFromWallet(chainId: number): Promise<void> {
    this.chainId = chainId;
    await this.emit("chainChanged", `0x${chainId.toString(16)}`);
  }
}

const ICON =
  "data:image/svg+xml;base64," +
  Buffer.from(
    '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24"><circle cx="12" cy="12" r="10" fill="#0b5cad"/></svg>',
  ).toString("base64");

/** The page side: EIP-1193 providers whose requests go to `__walletRequest`, announced (EIP-6963). */
const INJECTED = `(() => {
  const listeners = {};
  const provider = {
    async request({ method, params }) {
      const answer = await window.__walletRequest(method, params ?? []);
      if (answer.error) {
        const e = new Error(answer.error.message);
        e.code = answer.error.code;
        if (answer.error.data !== undefined) e.data = answer.error.data;
        throw e;
      }
      return answer.result;
    },
    on(event, fn) { (listeners[event] = listeners[event] || []).push(fn); },
    removeListener(event, fn) { listeners[event] = (listeners[event] || []).filter((f) => f !== fn); },
  };
  window.__testWalletEmit = (event, arg) => (listeners[event] || []).forEach((f) => f(arg));
  const other = {
    async request() { const e = new Error("User rejected the request."); e.code = 4001; throw e; },
    on() {}, removeListener() {},
  };
  const wallets = [
    { info: { uuid: "5b4d1c9e-0000-4000-8000-000000000001", name: "Test Wallet", icon: "${ICON}", rdns: "org.example.testwallet" }, provider },
    { info: { uuid: "5b4d1c9e-0000-4000-8000-000000000002", name: "Other Wallet", icon: "${ICON}", rdns: "org.example.otherwallet" }, provider: other },
  ];
  const announce = () => wallets.forEach((w) =>
    window.dispatchEvent(new CustomEvent("eip6963:announceProvider", { detail: Object.freeze(w) })));
  window.addEventListener("eip6963:requestProvider", announce);
  announce();
})();`;
