import "@/lib/security/jitless-zod";
import { z } from "zod";
import { canonicalAddress, checkAddress } from "./addresses";
import { FiatAmountSchema, CryptoAmountSchema } from "./amounts";
import {
  ASSET_SYMBOLS,
  CASHOUT_METHODS,
  EXPERIENCES,
  NETWORK_IDS,
  PAYMENT_METHODS,
  PRESET_FIAT_CURRENCIES,
  isOfferedOn,
} from "./catalog";
import {
  assetField,
  countryField,
  fiatCurrencyField,
  networkField,
  requireSubdivision,
  subdivisionField,
} from "./field-rules";

/**
 * One schema per input, shared by the forms (inline errors) and the API routes (the
 * authority). Browser-safe: the redirect allow-list is checked on the server only.
 */

const addressField = z.string({ error: "Enter a wallet address" }).max(128, "Address is too long");

// The URL parser drops tabs and newlines, trims spaces and control characters and reads
// `\` as `/`, where other parsers may not: such input is refused rather than guessed at
// (the server forwards the parsed URL in any case, see redirect-url.ts).
const REWRITTEN_BY_PARSER = /[\\\u0000-\u001f\u007f]|^\s|\s$/;
const parsed = (v: string) => (URL.canParse(v) ? new URL(v) : null);

const redirectUrlField = z
  .string()
  .max(2048, "redirectUrl is too long")
  .refine((v) => !REWRITTEN_BY_PARSER.test(v), {
    message: "redirectUrl must not contain backslashes, control characters or surrounding spaces",
    abort: true,
  })
  .refine((v) => /^https?:$/.test(parsed(v)?.protocol ?? ""), {
    message: "redirectUrl must be an absolute http(s) URL",
    abort: true,
  })
  .refine(
    (v) => !parsed(v)?.username && !parsed(v)?.password,
    "redirectUrl must not contain a user name or password",
  );

export const PartnerUserRefSchema = z
  .string({ error: "Enter a user reference" })
  .min(1, "Enter a user reference")
  .max(49, "The user reference must be under 50 characters")
  .regex(/^[A-Za-z0-9._:@-]+$/, "Use letters, digits and . _ : @ - only")
  // It goes into Coinbase's URL path (the user's transactions): "." or ".." would name another.
  .refine((v) => !/^\.+$/.test(v), "A user reference cannot be only dots");

// Where the user is: decides which options and limits apply (Coinbase's options API).
const regionFields = {
  country: countryField.optional(),
  subdivision: subdivisionField.optional(),
  quoteId: z
    .string()
    .regex(/^[\w-]{1,100}$/, "Not a quote id")
    .optional(),
};

function checkRegionAndQuote(
  value: {
    side: "buy" | "sell";
    country?: string;
    subdivision?: string;
    quoteId?: string;
    fiatAmount?: string;
    cryptoAmount?: string;
    fiatCurrency?: string;
    method?: string;
  },
  ctx: z.RefinementCtx,
) {
  requireSubdivision(value, ctx);
  if (!value.quoteId) return;
  // A one-click URL carries the quote with the asset, method, currency and amount it priced.
  const amount = value.side === "buy" ? value.fiatAmount : value.cryptoAmount;
  if (!amount || !value.fiatCurrency || !value.method) {
    ctx.addIssue({
      code: "custom",
      path: ["quoteId"],
      message:
        value.side === "buy"
          ? "A quote needs fiatAmount, fiatCurrency and paymentMethod"
          : "A quote needs cryptoAmount, fiatCurrency and cashoutMethod",
    });
  }
}

/** Rules shared by buy and sell: the network carries the asset, the address fits the network. */
export function checkAssetNetworkAddress(
  value: { asset: string; network: string; address: string },
  ctx: z.RefinementCtx,
) {
  if (!isOfferedOn(value.asset, value.network)) {
    ctx.addIssue({
      code: "custom",
      path: ["network"],
      message: `${value.asset} is not offered on ${value.network}`,
    });
  }
  const check = checkAddress(value.network, value.address);
  if (!check.ok) ctx.addIssue({ code: "custom", path: ["address"], message: check.reason });
}

function checkAmounts(
  value: { fiatAmount?: string; cryptoAmount?: string; fiatCurrency?: string },
  ctx: z.RefinementCtx,
) {
  if (value.fiatAmount !== undefined && value.cryptoAmount !== undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["cryptoAmount"],
      message: "Give a fiat amount or a crypto amount, not both",
    });
  }
  if (value.fiatAmount !== undefined) {
    const currency = value.fiatCurrency ?? "USD";
    if (!(PRESET_FIAT_CURRENCIES as readonly string[]).includes(currency)) {
      ctx.addIssue({
        code: "custom",
        path: ["fiatCurrency"],
        message: `Coinbase presets fiat amounts only in ${PRESET_FIAT_CURRENCIES.join(", ")}`,
      });
    }
  }
}

// What a buy and a sell share. `partnerUserRef` is for partner servers (API keys) only: a
// signed-in user's is their id (see lib/auth/require-caller.ts).
const rampFields = {
  address: addressField,
  network: networkField,
  asset: assetField,
  fiatAmount: FiatAmountSchema.optional(),
  cryptoAmount: CryptoAmountSchema.optional(),
  fiatCurrency: fiatCurrencyField.optional(),
  partnerUserRef: PartnerUserRefSchema.optional(),
  redirectUrl: redirectUrlField.optional(),
  ...regionFields,
};

type RampBase = {
  asset: string;
  network: string;
  address: string;
  fiatAmount?: string;
  cryptoAmount?: string;
  fiatCurrency?: string;
};

function checkRamp(
  side: "buy" | "sell",
  value: RampBase & { quoteId?: string; country?: string; subdivision?: string },
  method: string | undefined,
  ctx: z.RefinementCtx,
) {
  checkAssetNetworkAddress(value, ctx);
  checkAmounts(value, ctx);
  checkRegionAndQuote({ ...value, side, method }, ctx);
}

/**
 * A request is read into the address's one spelling (addresses.ts `canonicalAddress`): the
 * session token is minted for it and the ledger keeps it, as Coinbase will report it.
 */
const withCanonicalAddress = <T extends { network: string; address: string }>(value: T): T => ({
  ...value,
  address: canonicalAddress(value.network, value.address),
});

export const OnrampRequestSchema = z
  .object({
    ...rampFields,
    paymentMethod: z.enum(PAYMENT_METHODS.map((m) => m.id)).optional(),
    experience: z.enum(EXPERIENCES).optional(),
  })
  .strict()
  .superRefine((value, ctx) => checkRamp("buy", value, value.paymentMethod, ctx))
  .transform(withCanonicalAddress);
export type OnrampRequest = z.infer<typeof OnrampRequestSchema>;

export const OfframpRequestSchema = z
  .object({ ...rampFields, cashoutMethod: z.enum(CASHOUT_METHODS.map((m) => m.id)).optional() })
  .strict()
  .superRefine((value, ctx) => checkRamp("sell", value, value.cashoutMethod, ctx))
  .transform(withCanonicalAddress);
export type OfframpRequest = z.infer<typeof OfframpRequestSchema>;

export const SessionTokenRequestSchema = z
  .object({
    addresses: z
      .array(
        z.object({
          address: addressField,
          blockchains: z
            .array(networkField)
            .min(1, "List at least one network")
            .max(NETWORK_IDS.length),
        }),
      )
      .min(1, "Give at least one address")
      .max(NETWORK_IDS.length, "Give at most one address per network"),
    assets: z.array(assetField).max(ASSET_SYMBOLS.length).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.addresses.forEach((entry, i) => {
      for (const network of entry.blockchains) {
        if (seen.has(network)) {
          ctx.addIssue({
            code: "custom",
            path: ["addresses", i, "blockchains"],
            message: `Only one address per network: ${network} appears twice`,
          });
        }
        seen.add(network);
        const check = checkAddress(network, entry.address);
        if (!check.ok)
          ctx.addIssue({
            code: "custom",
            path: ["addresses", i, "address"],
            message: `${network}: ${check.reason}`,
          });
      }
    });
    value.assets?.forEach((asset, i) => {
      if (![...seen].some((network) => isOfferedOn(asset, network))) {
        ctx.addIssue({
          code: "custom",
          path: ["assets", i],
          message: `${asset} is not offered on any of the given networks`,
        });
      }
    });
  })
  .transform((value) => ({
    ...value,
    addresses: value.addresses.map(({ address, blockchains }) => ({
      address: canonicalAddress(blockchains[0] ?? "", address),
      blockchains,
    })),
  }));
export type SessionTokenRequest = z.infer<typeof SessionTokenRequestSchema>;

export { toFieldIssues } from "@/lib/http/field-issues";
