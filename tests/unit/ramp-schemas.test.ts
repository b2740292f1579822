import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { bech32 } from "@scure/base";
import type { z } from "zod";
import { ASSETS, NETWORKS, type AddressFamily } from "../../lib/ramp/catalog";
import { OptionsQuerySchema } from "../../lib/ramp/options-query";
import { QuoteRequestSchema } from "../../lib/ramp/quote-schema";
import { compareDecimals } from "../../lib/ramp/decimal-order";
import { typedDecimal } from "../../lib/ramp/typed-decimal";
import {
  OfframpRequestSchema,
  OnrampRequestSchema,
  SessionTokenRequestSchema,
  toFieldIssues,
} from "../../lib/ramp/schemas";

const ADDRESSES: Record<AddressFamily, string> = {
  evm: "0x52908400098527886E0F7030069857D2E4169EE7",
  bitcoin: "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
  litecoin: bech32.encode("ltc", [0, ...bech32.toWords(randomBytes(20))]),
  solana: "So11111111111111111111111111111111111111112",
};

/** An address of another family: valid somewhere, but not on this network. */
const WRONG_FAMILY: Record<AddressFamily, string> = {
  evm: ADDRESSES.bitcoin,
  bitcoin: ADDRESSES.evm,
  litecoin: ADDRESSES.bitcoin,
  solana: ADDRESSES.evm,
};

function assetOn(network: string): string {
  const asset = ASSETS.find((a) => (a.networks as readonly string[]).includes(network));
  assert.ok(asset, `no asset offered on ${network}`);
  return asset.symbol;
}

function assetNotOn(network: string): string {
  const asset = ASSETS.find((a) => !(a.networks as readonly string[]).includes(network));
  assert.ok(asset);
  return asset.symbol;
}

const EVM = ADDRESSES.evm;
const validBuy = { address: EVM, network: "base", asset: "USDC" };
const validSell = { ...validBuy, partnerUserRef: "user-123" };

/** Issues of a failed parse, flattened; fails the test when the parse succeeded. */
function issuesOf(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  assert.equal(result.success, false, `expected ${JSON.stringify(input)} to be rejected`);
  return toFieldIssues(result.error!);
}

function paths(schema: z.ZodType, input: unknown): string[] {
  return issuesOf(schema, input).map((i) => i.path);
}

function accepted<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  assert.ok(
    result.success,
    `expected success, got ${JSON.stringify(result.error && toFieldIssues(result.error))}`,
  );
  return result.data;
}

const rampSchemas = [
  ["OnrampRequestSchema", OnrampRequestSchema, validBuy],
  ["OfframpRequestSchema", OfframpRequestSchema, validSell],
] as const;

for (const [name, schema, valid] of rampSchemas) {
  describe(name, () => {
    for (const network of NETWORKS) {
      const asset = assetOn(network.id);
      test(`accepts ${asset} on ${network.id} with a ${network.family} address`, () => {
        const data = accepted(schema, {
          ...valid,
          network: network.id,
          asset,
          address: ADDRESSES[network.family],
        });
        assert.equal(data.network, network.id);
        assert.equal(data.asset, asset);
        assert.equal(data.address, ADDRESSES[network.family]);
      });

      test(`rejects invalid addresses on ${network.id} (path address)`, () => {
        for (const address of ["not-an-address", WRONG_FAMILY[network.family]]) {
          const issues = issuesOf(schema, { ...valid, network: network.id, asset, address });
          assert.deepEqual(
            issues.map((i) => i.path),
            ["address"],
            `${address} on ${network.id}`,
          );
          assert.ok(issues[0]!.message.length > 0);
        }
      });

      test(`rejects an asset not offered on ${network.id} (path network)`, () => {
        const other = assetNotOn(network.id);
        const issues = issuesOf(schema, {
          ...valid,
          network: network.id,
          asset: other,
          address: ADDRESSES[network.family],
        });
        assert.deepEqual(
          issues.map((i) => i.path),
          ["network"],
        );
        assert.match(issues[0]!.message, new RegExp(`${other} is not offered on ${network.id}`));
      });
    }

    test("rejects both fiatAmount and cryptoAmount", () => {
      assert.deepEqual(paths(schema, { ...valid, fiatAmount: "10", cryptoAmount: "1" }), [
        "cryptoAmount",
      ]);
    });

    test("accepts either amount alone", () => {
      assert.equal(accepted(schema, { ...valid, fiatAmount: "25.50" }).fiatAmount, "25.50");
      assert.equal(
        accepted(schema, { ...valid, cryptoAmount: "0.000000000000000001" }).cryptoAmount,
        "0.000000000000000001",
      );
    });

    for (const field of ["fiatAmount", "cryptoAmount"] as const) {
      for (const bad of ["0", "0.00", "-5", -5, 0, "1e5", "", "abc", "1,000", ".5", "5."]) {
        test(`rejects ${field} ${JSON.stringify(bad)}`, () => {
          assert.deepEqual(paths(schema, { ...valid, [field]: bad }), [field]);
        });
      }
    }

    test("a comma among digits is refused with what to write instead", () => {
      const result = schema.safeParse({ ...valid, fiatAmount: "1,000" });
      assert.ok(!result.success);
      assert.deepEqual(
        result.error.issues.map((i) => i.message),
        [
          "The amount: leave out thousands separators and write decimals with a dot, e.g. 1000 or 0.05",
        ],
      );
      // 2,125 ETH from a comma-only keypad: the way to write it that the keypad allows.
      const crypto = schema.safeParse({ ...valid, cryptoAmount: "2,125" });
      assert.ok(!crypto.success);
      assert.match(crypto.error.issues[0]!.message, /add a 0: 2,1250\)$/);
      assert.equal(typedDecimal("2,1250"), "2.1250");
    });

    test("an amount is refused with what is wrong with it: its shape, or its decimals", () => {
      const said = (field: string, value: string) => {
        const result = schema.safeParse({ ...valid, [field]: value });
        assert.ok(!result.success, value);
        return result.error.issues.map((i) => i.message);
      };
      for (const shape of ["0.5.", "1e-3", "$41", "0x10"])
        assert.deepEqual(said("cryptoAmount", shape), [
          "The crypto amount must be a plain number, e.g. 0.05: digits, and a point only between them",
        ]);
      assert.deepEqual(said("fiatAmount", "$41"), [
        "The amount must be a plain number, e.g. 25.50: digits, and a point only between them",
      ]);
      assert.deepEqual(said("fiatAmount", "0.001"), [
        "The amount takes at most 2 decimal places, e.g. 25.50",
      ]);
      // Zeros in front are no way past twelve figures (what is sent on is what was typed).
      assert.deepEqual(said("fiatAmount", `${"0".repeat(12)}1`), [
        "The amount takes at most 12 figures before the point",
      ]);
      assert.deepEqual(said("fiatAmount", "1."), [
        "The amount must be a plain number, e.g. 25.50: digits, and a point only between them",
      ]);
    });

    test("rejects a fiatAmount with more than 2 decimals, a cryptoAmount with more than 18", () => {
      assert.deepEqual(paths(schema, { ...valid, fiatAmount: "10.001" }), ["fiatAmount"]);
      assert.deepEqual(paths(schema, { ...valid, cryptoAmount: "0.0000000000000000001" }), [
        "cryptoAmount",
      ]);
    });

    test("rejects amounts over the maximum and accepts the maximum itself", () => {
      assert.deepEqual(paths(schema, { ...valid, fiatAmount: "1000000.01" }), ["fiatAmount"]);
      assert.equal(accepted(schema, { ...valid, fiatAmount: "1000000" }).fiatAmount, "1000000");
      assert.deepEqual(paths(schema, { ...valid, cryptoAmount: "1000000001" }), ["cryptoAmount"]);
      assert.equal(
        accepted(schema, { ...valid, cryptoAmount: "1000000000" }).cryptoAmount,
        "1000000000",
      );
    });

    test("the limits hold to the last decimal: a float would round the amount onto them", () => {
      const oneAbove = "1000000000.000000000000000001";
      assert.equal(Number(oneAbove), 1_000_000_000, "as a float it is the maximum itself");
      assert.deepEqual(paths(schema, { ...valid, cryptoAmount: oneAbove }), ["cryptoAmount"]);
      const max = accepted(schema, { ...valid, cryptoAmount: "1000000000.000000000000000000" });
      assert.equal(max.cryptoAmount, "1000000000.000000000000000000");
      // Zeros in front count for nothing, however many (the figures rule says its own reason).
      accepted(schema, { ...valid, cryptoAmount: "0999999999.999999999999999999" });
      assert.deepEqual(paths(schema, { ...valid, cryptoAmount: "0.000000000000000000" }), [
        "cryptoAmount",
      ]);
      accepted(schema, { ...valid, cryptoAmount: "0.000000000000000001" });
      accepted(schema, { ...valid, fiatAmount: "1000000.00" });
      assert.deepEqual(paths(schema, { ...valid, fiatAmount: "1000000.01" }), ["fiatAmount"]);
      assert.deepEqual(paths(schema, { ...valid, fiatAmount: "0.00" }), ["fiatAmount"]);
      accepted(schema, { ...valid, fiatAmount: "0.01" });
    });

    test("amounts are decimal strings: a JSON number, which may have lost digits, is refused", () => {
      // 0.1 + 0.2 as a JSON number: sent on, Coinbase would be asked for 0.30000000000000004.
      assert.deepEqual(paths(schema, { ...valid, cryptoAmount: 0.1 + 0.2 }), ["cryptoAmount"]);
      assert.deepEqual(paths(schema, { ...valid, fiatAmount: 25.5 }), ["fiatAmount"]);
      assert.equal(accepted(schema, { ...valid, cryptoAmount: "0.015" }).cryptoAmount, "0.015");
      assert.equal(accepted(schema, { ...valid, fiatAmount: " 12.34 " }).fiatAmount, "12.34");
    });

    test("fiatAmount in a currency Coinbase cannot preset (JPY) → path fiatCurrency", () => {
      assert.deepEqual(paths(schema, { ...valid, fiatAmount: "1000", fiatCurrency: "JPY" }), [
        "fiatCurrency",
      ]);
      // Without an amount the currency is fine, and so is a crypto amount with it.
      accepted(schema, { ...valid, fiatCurrency: "JPY" });
      accepted(schema, { ...valid, cryptoAmount: "1", fiatCurrency: "JPY" });
      accepted(schema, { ...valid, fiatAmount: "1000", fiatCurrency: "EUR" });
    });

    test("rejects an unknown fiat currency", () => {
      assert.deepEqual(paths(schema, { ...valid, fiatCurrency: "XYZ" }), ["fiatCurrency"]);
    });

    test("rejects an unknown asset and an unknown network", () => {
      assert.ok(paths(schema, { ...valid, asset: "DOGE" }).includes("asset"));
      assert.ok(paths(schema, { ...valid, network: "dogechain" }).includes("network"));
    });

    test("rejects unknown extra fields (strict)", () => {
      const issues = issuesOf(schema, { ...valid, sessionToken: "abc" });
      assert.equal(issues.length, 1);
      assert.match(issues[0]!.message, /sessionToken/);
    });

    test("rejects a bad redirectUrl and accepts an absolute http(s) one", () => {
      for (const redirectUrl of [
        "javascript:alert(1)",
        "/relative/path",
        "ftp://example.com/x",
        "data:text/html,hi",
        // What the URL parser would silently rewrite, and credentials:
        "https://app\\@evil.example/x",
        "https://partner.example/do\tne",
        "https://partner.example/done\n",
        " https://partner.example/done",
        "https://user:pass@partner.example/done",
      ]) {
        assert.deepEqual(paths(schema, { ...valid, redirectUrl }), ["redirectUrl"], redirectUrl);
      }
      assert.equal(
        accepted(schema, { ...valid, redirectUrl: "https://partner.example/done?x=1" }).redirectUrl,
        "https://partner.example/done?x=1",
      );
      accepted(schema, { ...valid, redirectUrl: "http://localhost:3000/done" });
    });

    test("rejects a missing address", () => {
      const { address: _address, ...rest } = valid;
      assert.deepEqual(paths(schema, rest), ["address"]);
    });
  });
}

describe("OfframpRequestSchema: partnerUserRef", () => {
  test("is optional: without it, the route assigns the browser's own reference", () => {
    const { partnerUserRef: _ref, ...rest } = validSell;
    assert.equal(accepted(OfframpRequestSchema, rest).partnerUserRef, undefined);
  });

  test("49 characters are accepted, 50 rejected", () => {
    assert.equal(
      accepted(OfframpRequestSchema, { ...validSell, partnerUserRef: "a".repeat(49) })
        .partnerUserRef,
      "a".repeat(49),
    );
    assert.deepEqual(
      paths(OfframpRequestSchema, { ...validSell, partnerUserRef: "a".repeat(50) }),
      ["partnerUserRef"],
    );
  });

  test("empty and out-of-alphabet references are rejected", () => {
    // An empty string breaks both the length and the alphabet rules: every issue is on the field.
    assert.deepEqual(
      [...new Set(paths(OfframpRequestSchema, { ...validSell, partnerUserRef: "" }))],
      ["partnerUserRef"],
    );
    assert.deepEqual(paths(OfframpRequestSchema, { ...validSell, partnerUserRef: "a b" }), [
      "partnerUserRef",
    ]);
  });

  test("dots alone are rejected: in Coinbase's URL path, . and .. would name another resource", () => {
    for (const ref of [".", "..", "..."])
      assert.deepEqual(paths(OfframpRequestSchema, { ...validSell, partnerUserRef: ref }), [
        "partnerUserRef",
      ]);
    assert.equal(
      accepted(OfframpRequestSchema, { ...validSell, partnerUserRef: "a.b" }).partnerUserRef,
      "a.b",
    );
  });

  test("is optional on buy", () => {
    accepted(OnrampRequestSchema, validBuy);
    assert.equal(
      accepted(OnrampRequestSchema, { ...validBuy, partnerUserRef: "u@x.y" }).partnerUserRef,
      "u@x.y",
    );
  });
});

describe("a bech32 address typed in capitals (as QR codes write it)", () => {
  const btc = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

  test("is read in lower case, the form Coinbase reports: the token and the ledger get that one", () => {
    const buy = { address: btc.toUpperCase(), network: "bitcoin", asset: "BTC" };
    assert.equal(accepted(OnrampRequestSchema, buy).address, btc);
    assert.equal(accepted(OfframpRequestSchema, { ...buy, partnerUserRef: "user-1" }).address, btc);
    const token = { addresses: [{ address: btc.toUpperCase(), blockchains: ["bitcoin"] }] };
    assert.equal(accepted(SessionTokenRequestSchema, token).addresses[0]?.address, btc);
  });

  test("other addresses are read as typed (an EVM address keeps its checksum capitals)", () => {
    const evm = "0x52908400098527886E0F7030069857D2E4169EE7";
    assert.equal(accepted(OnrampRequestSchema, { ...validBuy, address: evm }).address, evm);
  });
});

describe("SessionTokenRequestSchema", () => {
  test("accepts one address per family with their networks, and assets offered on them", () => {
    const input = {
      addresses: [
        { address: ADDRESSES.evm, blockchains: ["ethereum", "base", "polygon"] },
        { address: ADDRESSES.bitcoin, blockchains: ["bitcoin"] },
        { address: ADDRESSES.solana, blockchains: ["solana"] },
        { address: ADDRESSES.litecoin, blockchains: ["litecoin"] },
      ],
      assets: ["ETH", "USDC", "BTC", "SOL", "LTC", "POL"],
    };
    assert.deepEqual(accepted(SessionTokenRequestSchema, input), input);
  });

  test("assets are optional", () => {
    accepted(SessionTokenRequestSchema, { addresses: [{ address: EVM, blockchains: ["base"] }] });
  });

  test("a network listed twice across entries is rejected at the second entry", () => {
    const issues = issuesOf(SessionTokenRequestSchema, {
      addresses: [
        { address: EVM, blockchains: ["base", "ethereum"] },
        { address: "0x8617E340B3D01FA5F11F306F4090FD50E238070D", blockchains: ["base"] },
      ],
    });
    assert.deepEqual(
      issues.map((i) => i.path),
      ["addresses.1.blockchains"],
    );
    assert.match(issues[0]!.message, /base/);
  });

  test("an address that does not fit one of its networks is rejected", () => {
    const issues = issuesOf(SessionTokenRequestSchema, {
      addresses: [{ address: EVM, blockchains: ["base", "solana"] }],
    });
    assert.deepEqual(
      issues.map((i) => i.path),
      ["addresses.0.address"],
    );
    assert.match(issues[0]!.message, /^solana: /);
  });

  test("an asset not offered on any given network is rejected", () => {
    const issues = issuesOf(SessionTokenRequestSchema, {
      addresses: [{ address: EVM, blockchains: ["base"] }],
      assets: ["USDC", "BTC"],
    });
    assert.deepEqual(
      issues.map((i) => i.path),
      ["assets.1"],
    );
    assert.match(issues[0]!.message, /BTC/);
  });

  test("an empty addresses array is rejected", () => {
    assert.deepEqual(paths(SessionTokenRequestSchema, { addresses: [] }), ["addresses"]);
  });

  test("an entry without networks, an unknown network and unknown extra fields are rejected", () => {
    assert.deepEqual(
      paths(SessionTokenRequestSchema, { addresses: [{ address: EVM, blockchains: [] }] }),
      ["addresses.0.blockchains"],
    );
    assert.deepEqual(
      paths(SessionTokenRequestSchema, {
        addresses: [{ address: EVM, blockchains: ["dogechain"] }],
      }),
      ["addresses.0.blockchains.0"],
    );
    assert.deepEqual(
      paths(SessionTokenRequestSchema, {
        addresses: [{ address: EVM, blockchains: ["base"] }],
        clientIp: "8.8.8.8",
      }),
      ["(body)"],
    );
  });
});

describe("fields shared by the mint, quote and options inputs", () => {
  const onramp = { address: EVM, network: "base", asset: "USDC" };
  const quote = {
    side: "buy",
    asset: "USDC",
    network: "base",
    amount: "25",
    amountIn: "fiat",
    fiatCurrency: "USD",
    method: "CARD",
    country: "FR",
  };
  const options = { side: "buy", country: "FR" };
  const message = (schema: z.ZodType, input: unknown, path: string) =>
    issuesOf(schema, input).find((i) => i.path === path)?.message;

  test("a quote's amount goes on as checked, without the spaces around it", () => {
    const parsed = QuoteRequestSchema.parse({ ...quote, amount: " 25.5 " });
    assert.equal(parsed.amount, "25.5");
    assert.match(
      message(QuoteRequestSchema, { ...quote, amount: 30 }, "amount") ?? "",
      /not a JSON number/,
    );
  });

  test("a bad country, state or missing state reads the same on all three", () => {
    for (const [field, value] of [
      ["country", "france"],
      ["country", "ZZ"],
      ["subdivision", "ZZ"],
    ] as const) {
      const region = { country: "US", subdivision: "NY", [field]: value };
      const said = [
        message(OnrampRequestSchema, { ...onramp, ...region }, field),
        message(QuoteRequestSchema, { ...quote, ...region }, field),
        message(OptionsQuerySchema, { ...options, ...region }, field),
      ];
      assert.ok(said[0], `no ${field} issue`);
      assert.deepEqual(said, [said[0], said[0], said[0]], field);
    }
    const noState = [
      message(OnrampRequestSchema, { ...onramp, country: "US" }, "subdivision"),
      message(QuoteRequestSchema, { ...quote, country: "US" }, "subdivision"),
      message(OptionsQuerySchema, { ...options, country: "US" }, "subdivision"),
    ];
    assert.deepEqual(noState, ["Choose a state", "Choose a state", "Choose a state"]);
    const stateAbroad = "A state applies only to the United States: leave it out";
    const abroad = { country: "FR", subdivision: "NY" };
    assert.deepEqual(
      [
        message(OnrampRequestSchema, { ...onramp, ...abroad }, "subdivision"),
        message(QuoteRequestSchema, { ...quote, ...abroad }, "subdivision"),
        message(OptionsQuerySchema, { ...options, ...abroad }, "subdivision"),
      ],
      [stateAbroad, stateAbroad, stateAbroad],
    );
  });

  test("a quote's unknown asset, network or currency reads as on the forms", () => {
    for (const [field, value] of [
      ["asset", "DOGE"],
      ["network", "dogechain"],
      ["fiatCurrency", "XXX"],
    ] as const) {
      assert.equal(
        message(QuoteRequestSchema, { ...quote, [field]: value }, field),
        message(OnrampRequestSchema, { ...onramp, [field]: value }, field),
        field,
      );
    }
  });
});

describe("decimals compared", () => {
  test("by their digits, to the last decimal, whatever zeros pad them", () => {
    for (const [a, b, order] of [
      ["1000000000.000000000000000001", "1000000000", 1],
      ["999999999.999999999999999999", "1000000000", -1],
      ["1000000000.000000000000000000", "1000000000", 0],
      ["0001.50", "1.5", 0],
      ["0.000000000000000001", "0", 1],
      ["9", "10", -1],
      ["0.10", "0.09", 1],
    ] as const)
      assert.equal(compareDecimals(a, b), order, `${a} vs ${b}`);
  });
});
