/**
 * Wallets in the page: EIP-6963 discovery (every injected wallet announces itself with a name and
 * an icon), window.ethereum as the fallback, chain switching (wallet_switchEthereumChain, then
 * wallet_addEthereumChain when the wallet does not know the chain: error 4902), and the wallet's
 * account and chain changes.
 */
import type { SiteManifest } from "../../src/site/types";

export interface Eip1193 {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
  on?(event: string, listener: (...args: unknown[]) => void): void;
  removeListener?(event: string, listener: (...args: unknown[]) => void): void;
}

export interface WalletInfo {
  uuid: string;
  name: string;
  icon: string;
  rdns: string;
}

export interface Wallet {
  info: WalletInfo;
  provider: Eip1193;
}

interface AnnounceEvent extends Event {
  detail: { info: WalletInfo; provider: Eip1193 };
}

/** Listens for EIP-6963 announcements (and asks for them); `onChange` gets the list each time. */
export function discoverWallets(onChange: (wallets: Wallet[]) => void): void {
  const wallets = new Map<string, Wallet>();
  const publish = () => {
    const list = [...wallets.values()];
    const legacy = (window as unknown as { ethereum?: Eip1193 }).ethereum;
    if (list.length === 0 && legacy)
      list.push({
        info: { uuid: "window.ethereum", name: "Browser wallet", icon: "", rdns: "" },
        provider: legacy,
      });
    onChange(list);
  };
  window.addEventListener("eip6963:announceProvider", (event) => {
    const { info, provider } = (event as AnnounceEvent).detail;
    if (!info?.uuid || !provider) return;
    wallets.set(info.uuid, { info, provider });
    publish();
  });
  window.dispatchEvent(new Event("eip6963:requestProvider"));
  // A wallet injected later (or only window.ethereum) shows after a moment.
  setTimeout(publish, 300);
}

export const hexChainId = (id: number) => `0x${id.toString(16)}`;

function codeOf(e: unknown): number | undefined {
  const err = e as { code?: unknown; data?: { originalError?: { code?: unknown } } };
  if (typeof err?.code === "number") return err.code;
  const inner = err?.data?.originalError?.code;
  return typeof inner === "number" ? inner : undefined;
}

/** Asks the wallet to switch to the season's chain, adding it first when the wallet lacks it. */
export async function switchChain(provider: Eip1193, m: SiteManifest): Promise<void> {
  const chainId = hexChainId(m.chain.chainId);
  try {
    await provider.request({ method: "wallet_switchEthereumChain", params: [{ chainId }] });
  } catch (e) {
    if (codeOf(e) !== 4902) throw e;
    await provider.request({
      method: "wallet_addEthereumChain",
      params: [
        {
          chainId,
          chainName: m.chain.name,
          rpcUrls: [m.chain.rpcUrl],
          nativeCurrency: {
            name: m.chain.nativeSymbol,
            symbol: m.chain.nativeSymbol,
            decimals: 18,
          },
          ...(m.chain.explorer ? { blockExplorerUrls: [m.chain.explorer] } : {}),
        },
      ],
    });
    await provider.request({ method: "wallet_switchEthereumChain", params: [{ chainId }] });
  }
}
