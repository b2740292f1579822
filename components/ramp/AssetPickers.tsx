"use client";

import type { RampOptions } from "@/lib/ramp/options";
import { SelectField } from "@/components/shared/fields";
import { networkName } from "@/lib/ramp/catalog";
import { TokenIcon } from "./TokenIcon";

/** What to buy or sell, and on which network, each with its badge. */
export function AssetPickers({
  options,
  asset,
  network,
  networkError,
  onAsset,
  onNetwork,
}: {
  options: RampOptions;
  asset: string;
  network: string;
  networkError?: string;
  onAsset: (symbol: string) => void;
  onNetwork: (id: string) => void;
}) {
  const networks = options.assets.find((a) => a.symbol === asset)?.networks ?? [];
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <WithBadge id={asset}>
        <SelectField
          label="Asset"
          value={asset}
          onChange={onAsset}
          options={options.assets.map((a) => ({
            value: a.symbol,
            label: `${a.name} (${a.symbol})`,
          }))}
        />
      </WithBadge>
      <WithBadge id={network}>
        <SelectField
          label="Network"
          value={network}
          error={networkError}
          onChange={onNetwork}
          options={networks.map((n) => ({ value: n, label: networkName(n) }))}
        />
      </WithBadge>
    </div>
  );
}

/** A picker with the badge of what it has chosen beside it, level with the field. */
function WithBadge({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <div className="flex items-start gap-2">
      <span className="pt-8">
        <TokenIcon id={id} />
      </span>
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
