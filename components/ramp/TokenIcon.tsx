/**
 * A small round badge for an asset or network, drawn here (no remote images: the CSP
 * allows none, and a logo per asset would weigh more than the form). Decorative: the
 * name is always written beside it.
 */
const COLORS: Record<string, string> = {
  ETH: "#627eea",
  ethereum: "#627eea",
  USDC: "#2775ca",
  BTC: "#f7931a",
  bitcoin: "#f7931a",
  cbBTC: "#0052ff",
  base: "#0052ff",
  SOL: "#9945ff",
  solana: "#9945ff",
  POL: "#8247e5",
  polygon: "#8247e5",
  AVAX: "#e84142",
  avacchain: "#e84142",
  LTC: "#345d9d",
  litecoin: "#345d9d",
  DAI: "#b8860b",
  optimism: "#ff0420",
  arbitrum: "#213147",
};

export function TokenIcon({ id }: { id: string }) {
  const letter = id.replace(/^cb/, "").charAt(0).toUpperCase();
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" className="shrink-0">
      <circle cx="12" cy="12" r="12" fill={COLORS[id] ?? "#475569"} />
      <text
        x="12"
        y="16.5"
        textAnchor="middle"
        fontSize="13"
        fontWeight="700"
        fill="#fff"
        fontFamily="system-ui, sans-serif"
      >
        {letter}
      </text>
    </svg>
  );
}
