import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { conform, initialValues, type RampFormValues } from "../../components/ramp/form-state";
import { keptUnlessTyped } from "../../components/ramp/draft";
import { regionLabel } from "../../lib/ramp/countries";
import { explorerTxUrl } from "../../lib/ramp/explorers";
import type { RampOptions } from "../../lib/ramp/options";
import {
  EXPIRED_REASON,
  chargedFee,
  failureText,
  shownReason,
  isSettled,
  outcomeOf,
  depositDueAt,
  recentlyAwaitingDeposit,
  replacingOrder,
  OUTCOME_LABELS,
  STATUS_LABELS,
  type TransactionStatus,
} from "../../lib/ramp/transactions";
import { typedDecimal } from "../../lib/ramp/typed-decimal";
import {
  aboutCrypto,
  aboutMoney,
  moneyAmount,
  moneyText,
  trimAmount,
} from "../../lib/ramp/money-text";
import { estimatedCost } from "../../lib/ramp/crypto-worth";
import { fixed } from "../../lib/sandbox/cdp/decimal";
import { priceBuyByCrypto, priceBuyByTotal, priceSell } from "../../lib/sandbox/cdp/pricing";
import { quoteRateText } from "../../lib/ramp/quote-rate";
import { timeText } from "../../lib/ramp/time-text";
import { estimatedSale, saleReferenceRequest } from "../../components/ramp/sale-estimate";
import { quoteHint } from "../../components/ramp/quote-hint";
import { amountForAsset, switchedAmount } from "../../components/ramp/unit-switch";
import { withoutConnectionError } from "../../components/ramp/form-errors";
import { LOAD_FAILED } from "../../components/shared/load-once";
import { OUTCOME_COPY } from "../../components/ramp/outcome-copy";
import { UNREACHABLE } from "../../components/shared/post-json";
import { outcomeCopy, receivedLabel, spentLabel } from "../../components/ramp/outcome-copy";

const options = (over: Partial<RampOptions> = {}): RampOptions => ({
  source: "coinbase",
  assets: [
    { symbol: "ETH", name: "Ethereum", networks: ["ethereum", "base"] },
    { symbol: "SOL", name: "Solana", networks: ["solana"] },
  ],
  fiatCurrencies: [{ code: "USD", limits: [] }],
  methods: ["CARD"],
  ...over,
});

const values = (over: Partial<RampFormValues> = {}): RampFormValues => ({
  asset: "ETH",
  network: "base",
  address: "",
  amountIn: "fiat",
  amount: "50",
  fiatCurrency: "USD",
  method: "CARD",
  ...over,
});

describe("the buy/sell form's values against a region's options", () => {
  test("values the options allow are kept, and nothing is reported", () => {
    assert.deepEqual(conform(values(), options()), { values: values(), changes: [] });
  });

  test("an asset the region does not offer is swapped, and the swap is said", () => {
    const ny = options({ assets: [{ symbol: "ETH", name: "Ethereum", networks: ["ethereum"] }] });
    const { values: next, changes } = conform(
      values({ asset: "SOL", network: "solana" }),
      ny,
      "United States · New York",
    );
    assert.equal(next.asset, "ETH");
    assert.equal(next.network, "ethereum");
    assert.deepEqual(changes, ["SOL is not offered in United States · New York: switched to ETH."]);
  });

  test("an amount in an asset the region does not offer is cleared, not relabelled", () => {
    const ny = options({ assets: [{ symbol: "ETH", name: "Ethereum", networks: ["ethereum"] }] });
    const tenSol = values({ asset: "SOL", network: "solana", amountIn: "crypto", amount: "10" });
    const { values: next, changes } = conform(tenSol, ny, "New York");
    assert.equal(next.asset, "ETH");
    assert.equal(next.amount, "");
    assert.deepEqual(changes, [
      "SOL is not offered in New York: switched to ETH.",
      "Amount cleared: enter how much ETH.",
    ]);
    // In money, the amount is the same money whichever the asset.
    assert.equal(conform({ ...tenSol, amountIn: "fiat" }, ny).values.amount, "10");
  });

  test("a fiat amount in a currency the region lacks is cleared, not relabelled", () => {
    const gb = options({
      fiatCurrencies: [
        { code: "GBP", limits: [] },
        { code: "EUR", limits: [] },
      ],
    });
    const { values: next, changes } = conform(values(), gb, "United Kingdom");
    assert.equal(next.fiatCurrency, "GBP");
    assert.equal(next.amount, "");
    assert.match(changes[0]!, /USD is not offered in United Kingdom: prices are in GBP/);
  });

  test("an amount typed for the region while its options loaded stays, in the currency they bring", () => {
    const de = options({ fiatCurrencies: [{ code: "EUR", limits: [] }] });
    const typed = values({ amount: "7000" });
    const { values: next, changes } = conform(typed, de, "Germany", { amountTypedHere: true });
    assert.deepEqual(next, { ...typed, fiatCurrency: "EUR" });
    assert.deepEqual(changes, ["USD is not offered in Germany: prices are in EUR."]);
    // Where the amount cannot be in money at all, it goes all the same, and that is said.
    const jp = options({ fiatCurrencies: [{ code: "JPY", limits: [] }] });
    const inJapan = conform(typed, jp, "Japan", { amountTypedHere: true });
    assert.equal(inJapan.values.amountIn, "crypto");
    assert.equal(inJapan.values.amount, "");
    assert.match(inJapan.changes.join(" "), /enter how much ETH instead/);
  });

  test("where Coinbase cannot preset the currency, the amount moves to crypto", () => {
    const jp = options({ fiatCurrencies: [{ code: "JPY", limits: [] }] });
    const { values: next } = conform(values(), jp, "Japan");
    assert.equal(next.amountIn, "crypto");
    assert.equal(next.amount, "");
    assert.equal(initialValues("buy", jp).amountIn, "crypto");
    assert.equal(initialValues("buy", options()).amountIn, "fiat");
  });
});

describe("outcomes as the completion pages show them", () => {
  const now = Date.parse("2026-12-01T12:00:00Z");
  const startedAt = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();

  test("a failure the user caused by cancelling is cancelled, any other stays failed", () => {
    const createdAt = startedAt(5);
    assert.equal(
      outcomeOf({ status: "failed", failureReason: "Cancelled by the user", createdAt }, now),
      "cancelled",
    );
    assert.equal(
      outcomeOf({ status: "failed", failureReason: "FAILURE_REASON_BUY_FAILED", createdAt }, now),
      "failed",
    );
    assert.equal(outcomeOf({ status: "success", createdAt }, now), "success");
  });

  test("a start Coinbase has said nothing of past its token's 5 minutes is not completed, and waited for until the hour", () => {
    const fresh = { status: "started" as const, createdAt: startedAt(4) };
    const pastToken = { status: "started" as const, createdAt: startedAt(6) };
    const withinHour = { status: "started" as const, createdAt: startedAt(59) };
    const old = { status: "started" as const, createdAt: startedAt(61) };
    assert.equal(outcomeOf(fresh, now), "started");
    assert.equal(isSettled(fresh, now), false);
    // Its pay URL can no longer be opened: most likely left, so not "waiting" but not failed.
    assert.equal(outcomeOf(pastToken, now), "not_completed");
    // A sale's deposit waited for past Coinbase's 30 minutes: not offered any more, said so
    // everywhere.
    const windowAgo = new Date(now - 31 * 60 * 1000).toISOString();
    assert.equal(
      outcomeOf({ status: "awaiting_deposit", createdAt: windowAgo }, now),
      "deposit_overdue",
    );
    assert.equal(
      outcomeOf({ status: "awaiting_deposit", createdAt: startedAt(29) }, now),
      "awaiting_deposit",
    );
    // An overdue sale is asked about for another hour (crypto sent just before the window
    // closed is reported late), then no more: a tab left open does not ask for ever.
    assert.equal(isSettled({ status: "awaiting_deposit", createdAt: startedAt(5) }, now), false);
    assert.equal(isSettled({ status: "awaiting_deposit", createdAt: windowAgo }, now), false);
    assert.equal(isSettled({ status: "awaiting_deposit", createdAt: startedAt(89) }, now), false);
    assert.equal(isSettled({ status: "awaiting_deposit", createdAt: startedAt(91) }, now), true);
    // The window runs from when Coinbase made the sale: a user who took a while on its page
    // before confirming still has their deposit over an hour after the start...
    const confirmedLate = { status: "awaiting_deposit" as const, createdAt: startedAt(130) };
    const madeAt = (minutesAgo: number) => ({ ...confirmedLate, madeAt: startedAt(minutesAgo) });
    assert.equal(outcomeOf(madeAt(20), now), "awaiting_deposit");
    assert.equal(recentlyAwaitingDeposit(madeAt(20), now), true);
    assert.equal(outcomeOf(madeAt(31), now), "deposit_overdue");
    assert.equal(recentlyAwaitingDeposit(madeAt(31), now), false);
    // The deposit box names that end: 30 minutes after Coinbase made the sale.
    assert.equal(depositDueAt(madeAt(20)), new Date(now + 10 * 60 * 1000).toISOString());
    assert.equal(
      depositDueAt({ createdAt: startedAt(10) }),
      new Date(now + 20 * 60 * 1000).toISOString(),
    );
    assert.equal(isSettled(madeAt(85), now), false);
    assert.equal(isSettled(madeAt(91), now), true);
    // ...never from before the app started it (a clock of Coinbase's behind ours).
    assert.equal(outcomeOf({ ...madeAt(20), createdAt: startedAt(10) }, now), "awaiting_deposit");
    assert.equal(outcomeOf({ ...madeAt(90), createdAt: startedAt(10) }, now), "awaiting_deposit");
    assert.equal(
      chargedFee({ ...pastToken, fee: { value: "1", currency: "USD" } }, now),
      undefined,
    );
    // Still asked about: a user still paying on a page opened in time is reported late.
    assert.equal(isSettled(pastToken, now), false);
    assert.equal(outcomeOf(withinHour, now), "not_completed");
    assert.equal(isSettled(withinHour, now), false);
    assert.equal(outcomeOf(old, now), "not_completed");
    assert.equal(isSettled(old, now), true);
    // Made at Coinbase (CREATED, its page opened) and never moved on: after the hour, as a start.
    assert.equal(outcomeOf({ status: "created", createdAt: startedAt(30) }, now), "created");
    assert.equal(isSettled({ status: "created", createdAt: startedAt(30) }, now), false);
    assert.equal(outcomeOf({ status: "created", createdAt: startedAt(61) }, now), "not_completed");
    assert.equal(isSettled({ status: "created", createdAt: startedAt(61) }, now), true);
    // So is a purchase Coinbase holds unpaid on its page (AWAITING_AUTH or AWAITING_PAYMENT)...
    const unpaid = { status: "awaiting_payment" as const };
    assert.equal(outcomeOf({ ...unpaid, createdAt: startedAt(30) }, now), "awaiting_payment");
    assert.equal(isSettled({ ...unpaid, createdAt: startedAt(30) }, now), false);
    assert.equal(outcomeOf({ ...unpaid, createdAt: startedAt(61) }, now), "not_completed");
    assert.equal(isSettled({ ...unpaid, createdAt: startedAt(61) }, now), true);
    // ...but not a guest order: its own page offers to pay it while Coinbase keeps it open.
    const guestOrder = { ...unpaid, guestOrderId: "order-1", createdAt: startedAt(600) };
    assert.equal(outcomeOf(guestOrder, now), "awaiting_payment");
    assert.equal(isSettled(guestOrder, now), false);
    // Otherwise, once Coinbase has reported, its status stands, however old.
    assert.equal(
      outcomeOf({ status: "in_progress", createdAt: startedAt(600) }, now),
      "in_progress",
    );
    assert.equal(isSettled({ status: "in_progress", createdAt: startedAt(600) }, now), false);
  });

  test("a guest order changed before its payment is replaced, settled and charged nothing, until Coinbase says otherwise", () => {
    const createdAt = startedAt(5);
    const changed = {
      status: "awaiting_payment" as const,
      createdAt,
      replacedBy: "order-2",
      fee: { value: "0.50", currency: "USD" },
    };
    assert.equal(outcomeOf(changed, now), "replaced");
    assert.equal(isSettled(changed, now), true);
    assert.equal(chargedFee(changed, now), undefined);
    // Paid after all (the old button was used): Coinbase's word stands.
    for (const status of ["in_progress", "success"] as const) {
      assert.equal(outcomeOf({ ...changed, status }, now), status);
      assert.deepEqual(chargedFee({ ...changed, status }, now), changed.fee);
    }
    assert.equal(outcomeOf({ status: "awaiting_payment", createdAt }, now), "awaiting_payment");
  });

  test("the order that took an unpaid order's place is named while it stays unpaid, never once Coinbase says it was paid", () => {
    // What a pay step left open on the old order (and its page) reads to stop offering to pay it.
    assert.equal(replacingOrder({ status: "awaiting_payment", replacedBy: "order-2" }), "order-2");
    assert.equal(replacingOrder({ status: "created", replacedBy: "order-2" }), "order-2");
    assert.equal(replacingOrder({ status: "awaiting_payment" }), undefined);
    // Its old button used after all: the payment is followed, not called off.
    for (const status of ["in_progress", "success", "failed"] as const)
      assert.equal(replacingOrder({ status, replacedBy: "order-2" }), undefined, status);
  });

  test("an order is shown replaced exactly when it names the order that took its place: one rule", () => {
    // The order's page reads `replacingOrder` for its link and its stage: the same as the outcome.
    const statuses = Object.keys(STATUS_LABELS) as TransactionStatus[];
    for (const status of statuses)
      for (const replacedBy of [undefined, "order-2"])
        for (const failureReason of [undefined, "Cancelled by the user", EXPIRED_REASON]) {
          const t = { status, replacedBy, failureReason, createdAt: startedAt(600) };
          assert.equal(
            outcomeOf(t, now) === "replaced",
            replacingOrder(t) !== undefined,
            JSON.stringify(t),
          );
        }
  });

  test("what the user gives is named in the past once it is given: a purchase once paid, a sale once done", () => {
    assert.equal(spentLabel("buy", "started"), "You pay");
    assert.equal(spentLabel("buy", "awaiting_payment"), "You pay");
    assert.equal(spentLabel("buy", "in_progress"), "You paid");
    assert.equal(spentLabel("buy", "success"), "You paid");
    assert.equal(spentLabel("sell", "awaiting_deposit"), "You sell");
    assert.equal(spentLabel("sell", "in_progress"), "You sell");
    assert.equal(spentLabel("sell", "success"), "You sold");
  });

  test("a sale Coinbase has not reported yet shows the worth asked as that, not as what the user receives", () => {
    assert.equal(receivedLabel("sell", "started"), "Worth, before fees");
    assert.equal(receivedLabel("sell", "awaiting_deposit"), "You receive");
    assert.equal(receivedLabel("sell", "success"), "You received");
    assert.equal(receivedLabel("buy", "started"), "You receive");
    assert.equal(receivedLabel("buy", "success"), "You received");
  });

  test("a fee is shown only once charged: not for an order not paid yet, nor one that ended unpaid", () => {
    const fee = { value: "0.75", currency: "USD" };
    const charged = (status: TransactionStatus, failureReason?: string) =>
      chargedFee({ status, failureReason, createdAt: startedAt(5), fee }, now);
    assert.equal(charged("awaiting_payment"), undefined);
    // Made at Coinbase, not paid; a sale whose crypto has not come: nothing taken yet.
    assert.equal(charged("created"), undefined);
    assert.equal(charged("awaiting_deposit"), undefined);
    assert.equal(charged("failed"), undefined);
    assert.equal(charged("failed", "Cancelled by the user"), undefined);
    assert.deepEqual(charged("in_progress"), fee);
    assert.deepEqual(charged("success"), fee);
    // Not final: the order's page keeps asking whether it was paid.
    const unpaidOrder = { status: "awaiting_payment" as const, guestOrderId: "order-1" };
    assert.equal(isSettled({ ...unpaidOrder, createdAt: startedAt(600) }, now), false);
  });

  test("a purchase Coinbase reports created is not said to be paid for: leaving before paying charged nothing", () => {
    // SPEC names CREATED without saying whether the payment was taken: the page claims neither.
    const { next } = OUTCOME_COPY.buy.created;
    assert.doesNotMatch(next, /processing the payment|paid/i);
    assert.match(next, /left Coinbase's page before paying, nothing was charged/);
  });

  test("a sale closed though the user sent crypto is not told to send nothing: Coinbase's support, with the hash", () => {
    for (const outcome of ["expired", "failed"] as const) {
      const sent = outcomeCopy("sell", outcome, "0xsent");
      assert.doesNotMatch(sent.next, /send nothing|do not send crypto for it|returns it/i, outcome);
      assert.match(sent.headline, /your crypto was sent/, outcome);
      assert.match(sent.next, /contact Coinbase support with the transaction hash/, outcome);
      assert.match(sent.next, /nothing has been paid out/, outcome);
      // Nothing sent: the copy it had.
      assert.deepEqual(outcomeCopy("sell", outcome, undefined), OUTCOME_COPY.sell[outcome]);
    }
    // A purchase's hash is the crypto it sent the user: its copy is its own.
    assert.deepEqual(outcomeCopy("buy", "failed", "0xbought"), OUTCOME_COPY.buy.failed);
  });

  test("why it failed is said in words: Coinbase's codes are translated, or left out", () => {
    assert.equal(
      failureText("FAILURE_REASON_BUY_FAILED"),
      "Coinbase could not complete the purchase.",
    );
    assert.equal(
      failureText("FAILURE_REASON_SEND_FAILED"),
      "Coinbase could not send the crypto to your wallet.",
    );
    assert.equal(failureText("FAILURE_REASON_SOMETHING_NEW"), undefined);
    assert.equal(failureText("FAILURE_REASON_UNSPECIFIED"), undefined);
    assert.equal(failureText(undefined), undefined);
    // Beside an outcome: only a failure's or an expiry's reason; a cancellation is the user's own.
    // An expiry's reason, stored as "Expired: …", does not say "Expired" again beside "Expired".
    const expiredText = `${OUTCOME_LABELS.expired} ${shownReason("expired", EXPIRED_REASON)}`;
    assert.equal(expiredText, "Expired The crypto did not arrive in time.");
    assert.equal(
      shownReason("failed", "FAILURE_REASON_SEND_FAILED"),
      failureText("FAILURE_REASON_SEND_FAILED"),
    );
    assert.equal(shownReason("cancelled", "Cancelled by the user"), undefined);
  });

  test("a transaction hash links to its network's explorer", () => {
    assert.equal(explorerTxUrl("base", "0xabc"), "https://basescan.org/tx/0xabc");
    assert.equal(explorerTxUrl("unknown", "0xabc"), undefined);
  });

  test("the region reads as people say it", () => {
    assert.equal(regionLabel({ country: "US", subdivision: "NY" }), "United States · New York");
    assert.equal(regionLabel({ country: "JP" }), "Japan");
  });
});

describe("an amount typed with a decimal comma", () => {
  test("is read as a decimal where the comma cannot be a thousands separator", () => {
    for (const [typed, read] of [
      ["0,05", "0.05"],
      ["12,5", "12.5"],
      [" 25,50 ", "25.50"],
      ["1,2345", "1.2345"],
      ["0,001", "0.001"],
    ] as const)
      assert.equal(typedDecimal(typed), read, typed);
  });

  test("a separator with digits on one side only is read as consumer apps read it", () => {
    for (const [typed, read] of [
      [".5", "0.5"],
      [",5", "0.5"],
      [" ,05 ", "0.05"],
      ["42.", "42"],
      ["42,", "42"],
    ] as const)
      assert.equal(typedDecimal(typed), read, typed);
  });

  test("is left as typed where it could be a thousand, or is no number", () => {
    for (const typed of [
      "1,000",
      "12,500",
      "1,000,000",
      "1.000,5",
      "1,5.0",
      ",",
      ".",
      ",,5",
      "5..",
    ])
      assert.equal(typedDecimal(typed), typed, typed);
    assert.equal(typedDecimal(" 0.05 "), "0.05");
  });

  test("spaces that group digits in threes go, whatever space it is; other text stays for the checks to refuse", () => {
    for (const [typed, read] of [
      ["1 000", "1000"],
      ["1\u00a0000", "1000"],
      ["1\u202f000,50", "1000.50"],
      ["2 500.25", "2500.25"],
    ] as const)
      assert.equal(typedDecimal(typed), read, JSON.stringify(typed));
    // Not groups of three: a slip of the thumb, refused rather than read as 2550.
    for (const typed of ["$50", "50 USD", "25 50", "1 0", "1 0000"])
      assert.equal(typedDecimal(typed), typed);
  });
});

describe("amounts as the pages show them", () => {
  test("zeros past the second decimal go; two decimals and every significant digit stay", () => {
    assert.equal(trimAmount("28.78000000"), "28.78");
    assert.equal(trimAmount("0.01550000"), "0.0155");
    assert.equal(trimAmount("1.00000000"), "1.00");
    assert.equal(trimAmount("30.00"), "30.00");
    assert.equal(trimAmount("0.00000001"), "0.00000001");
    assert.equal(trimAmount("0.5"), "0.5");
    assert.equal(trimAmount("100"), "100");
    assert.equal(trimAmount("1000.10"), "1000.10");
  });

  test("with the currency, or a stand-in while the amount is unknown", () => {
    assert.equal(moneyText({ value: "95.93000000", currency: "USDC" }), "95.93 USDC");
    assert.equal(moneyText(undefined, "–"), "–");
  });

  test("money with its symbol and cents, crypto grouped with its ticker: the same everywhere", () => {
    assert.equal(moneyAmount("1234.5", "USD"), "$1,234.50");
    assert.equal(moneyAmount("7500", "USD"), "$7,500.00");
    assert.equal(moneyAmount(2, "EUR"), "€2.00");
    assert.equal(moneyAmount("5000.00", "JPY"), "¥5,000");
    assert.equal(moneyAmount("1250.50000000", "USDC"), "1,250.50 USDC");
    assert.equal(moneyAmount("0.39458000", "ETH"), "0.39458 ETH");
  });

  test("no digit is rounded away, however many Coinbase sends", () => {
    assert.equal(moneyAmount("0.000000000000000001", "ETH"), "0.000000000000000001 ETH");
    assert.equal(
      moneyAmount("123456789012345.123456789", "ETH"),
      "123,456,789,012,345.123456789 ETH",
    );
    assert.equal(moneyAmount("10.005", "USD"), "$10.005");
    // A crypto ticker is never taken for a currency Intl would round to cents ("BTC 0.00").
    assert.equal(moneyAmount("0.001", "BTC"), "0.001 BTC");
  });

  test("a purchase typed in the asset is estimated at what it costs, its fixed network fee included", () => {
    // The sandbox prices as Coinbase does: a network fee of a fixed sum, Coinbase's fee a
    // share of the total. The form's reference quote is for $100.
    const terms = { asset: "ETH", network: "ethereum", currency: "USD", method: "CARD" } as const;
    const reference = priceBuyByTotal(terms, fixed("100"));
    const quote = {
      quoteId: "q",
      pay: reference.payment_total,
      receive: reference.purchase_amount,
      subtotal: reference.payment_subtotal,
      coinbaseFee: reference.coinbase_fee,
      networkFee: reference.network_fee,
    };
    assert.notEqual(Number(reference.network_fee.value), 0, "a network fee to account for");
    for (const amount of ["0.001", "0.01", "0.5", "2.37"]) {
      const charged = Number(priceBuyByCrypto(terms, fixed(amount)).payment_total.value);
      const estimate = estimatedCost(quote, amount);
      assert.ok(
        estimate !== null && Math.abs(estimate - charged) < 0.02,
        `${amount} ETH: ${estimate} vs ${charged}`,
      );
    }
  });

  test("an estimate worked out from a quote is rounded to the currency's own decimals", () => {
    // 0.01 ETH at a quote of 100 USD for 0.032333… ETH: a float with sixteen digits.
    const cost = estimatedCost(
      {
        quoteId: "q",
        pay: { value: "100.00", currency: "USD" },
        receive: { value: "0.03233333", currency: "ETH" },
        subtotal: { value: "96.50", currency: "USD" },
        coinbaseFee: { value: "3.50", currency: "USD" },
      },
      "0.01",
    );
    assert.ok(cost !== null && String(cost).length > 8, String(cost));
    assert.equal(aboutMoney(cost, "USD"), "$30.93");
    assert.equal(aboutMoney(4639.175735997499, "JPY"), "¥4,639");
    assert.equal(aboutMoney(0.0166666667, "ETH"), "0.0166667 ETH");
  });

  test("what is not a plain decimal is shown as it came", () => {
    assert.equal(moneyAmount("1e-7", "USD"), "1e-7 USD");
    assert.equal(moneyAmount("-5", "USD"), "-5 USD");
  });
});

describe("moments as the pages show them", () => {
  const iso = "2026-12-03T05:15:42.123Z";

  test("date and time with the zone named, in the zone asked for", () => {
    assert.equal(timeText(iso, "UTC"), "Dec 3, 2026, 5:15 AM UTC");
    assert.equal(timeText(iso, "America/New_York"), "Dec 3, 2026, 12:15 AM EST");
  });

  test("the time alone, for a moment within the hour", () => {
    assert.equal(timeText(iso, "UTC", "time"), "5:15 AM UTC");
  });

  test("what is not a moment is shown as it came", () => {
    assert.equal(timeText("soon", "UTC"), "soon");
  });
});

describe("a sale typed in the currency, estimated from a sell quote for a reference amount", () => {
  const region = { country: "US", subdivision: "NY" };
  const sale = values({ amountIn: "fiat", amount: "50", method: "FIAT_WALLET" });

  test("Coinbase quotes sales in the asset: one unit, then a thousandth, then a thousand", () => {
    const amounts = [0, 1, 2, 3].map((step) => saleReferenceRequest(sale, region, step)?.amount);
    assert.deepEqual(amounts, ["1", "0.001", "1000", undefined]);
    assert.deepEqual(saleReferenceRequest(sale, region, 0), {
      side: "sell",
      asset: "ETH",
      network: "base",
      amount: "1",
      amountIn: "crypto",
      fiatCurrency: "USD",
      method: "FIAT_WALLET",
      country: "US",
      subdivision: "NY",
    });
    // Nothing to estimate: no amount, or one already in the asset.
    assert.equal(saleReferenceRequest({ ...sale, amount: "" }, region, 0), null);
    assert.equal(saleReferenceRequest({ ...sale, amountIn: "crypto" }, region, 0), null);
  });

  test("the amount sold is the typed worth at the quote's rate, before Coinbase's fee", () => {
    const quote = {
      quoteId: "q",
      pay: { value: "1.00000000", currency: "ETH" },
      receive: { value: "2970.30", currency: "USD" },
      subtotal: { value: "3000.00", currency: "USD" },
      coinbaseFee: { value: "29.70", currency: "USD" },
    };
    assert.equal(aboutCrypto(estimatedSale(quote, "50") ?? 0), "0.0166667");
    assert.equal(aboutCrypto(estimatedSale(quote, "120") ?? 0), "0.04");
    assert.equal(estimatedSale(quote, "abc"), null);
  });

  test("the panel asks for an amount, or says Coinbase's page will tell when no reference was quoted", () => {
    assert.equal(
      quoteHint("sell", { ...sale, amount: "" }),
      "Enter an amount to see about how much ETH you sell.",
    );
    assert.match(quoteHint("sell", sale), /Coinbase shows how much ETH on its page/);
  });
});

describe("the exchange rate a quote implies", () => {
  // Quotes as the sandbox prices them (ETH 3,000 USD, BTC 60,000 USD, POL 0.50 USD).
  const buy = (
    asset: "ETH" | "BTC" | "POL",
    network: "ethereum" | "bitcoin" | "polygon",
    total: string,
  ) => {
    const f = priceBuyByTotal({ asset, network, currency: "USD", method: "CARD" }, fixed(total));
    return { pay: f.payment_total, receive: f.purchase_amount, subtotal: f.payment_subtotal };
  };
  const sell = (amount: string) => {
    const f = priceSell({ asset: "ETH", currency: "USD", method: "FIAT_WALLET" }, fixed(amount));
    return { pay: f.sell_amount, receive: f.cashout_total, subtotal: f.cashout_subtotal };
  };

  test("a sale finer than 8 decimals sells no more than typed (a whole balance, often)", () => {
    assert.equal(sell("0.123456789").pay.value, "0.12345678");
    assert.equal(sell("0.12345678").pay.value, "0.12345678");
  });

  test("the asset's price in the currency, fees apart, for a purchase and for a sale", () => {
    assert.equal(quoteRateText("buy", buy("ETH", "ethereum", "50")), "1 ETH ≈ $3,000.00");
    assert.equal(quoteRateText("buy", buy("ETH", "ethereum", "100")), "1 ETH ≈ $3,000.00");
    assert.equal(quoteRateText("sell", sell("1")), "1 ETH ≈ $3,000.00");
    assert.equal(quoteRateText("buy", buy("POL", "polygon", "50")), "1 POL ≈ $0.5000");
  });

  test("no finer than the rounded figure allows: never a price off by cents", () => {
    // 22.00 USD buys 0.00036667 BTC (8 decimals): 22 / 0.00036667 is $59,999.45.
    assert.equal(buy("BTC", "bitcoin", "25").receive.value, "0.00036667");
    assert.equal(quoteRateText("buy", buy("BTC", "bitcoin", "25")), "1 BTC ≈ $60,000");
    // 0.0001 ETH is worth $0.30, to the cent: the price is known to the dollar at best.
    assert.equal(quoteRateText("sell", sell("0.0001")), "1 ETH ≈ $3,000");
    // Known to a tenth of a dollar only: whole dollars, never a lone cents digit ("$3,096.8").
    const money = (value: string, currency: string) => ({ value, currency });
    const tenths = {
      pay: money("50.00", "USD"),
      receive: money("0.01550000", "ETH"),
      subtotal: money("48.00", "USD"),
    };
    assert.equal(quoteRateText("buy", tenths), "1 ETH ≈ $3,097");
  });

  test("no price from figures that give none", () => {
    const m = (value: string, currency: string) => ({ value, currency });
    const quote = { pay: m("50.00", "USD"), receive: m("0", "ETH"), subtotal: m("46.50", "USD") };
    assert.equal(quoteRateText("buy", quote), null);
    assert.equal(quoteRateText("buy", { ...quote, receive: m("1e-3", "ETH") }), null);
  });
});

describe("switching the amount between money and the asset", () => {
  const usd = (value: string) => ({ value, currency: "USD" });
  const eth = (value: string) => ({ value, currency: "ETH" });

  test("a sale switched to money is the crypto's worth before the fee, and back is the same crypto", () => {
    // 0.01 ETH is worth $30.00; Coinbase's fee leaves $29.10.
    const sale = {
      quoteId: "q",
      pay: eth("0.01"),
      subtotal: usd("30.00"),
      coinbaseFee: usd("0.90"),
      receive: usd("29.10"),
    };
    const inMoney = switchedAmount("sell", "fiat", "USD", sale, null);
    assert.equal(inMoney, "30.00");
    // Back: the crypto that much money is worth, at the same rate (the form's estimate).
    const back = switchedAmount("sell", "crypto", "ETH", null, estimatedSale(sale, inMoney)!);
    assert.equal(back, "0.01");
  });

  test("a purchase switched to the asset is the crypto it buys; back is what that crypto costs", () => {
    const purchase = {
      quoteId: "q",
      pay: usd("50.00"),
      subtotal: usd("48.50"),
      coinbaseFee: usd("1.50"),
      receive: eth("0.0161"),
    };
    assert.equal(switchedAmount("buy", "crypto", "ETH", purchase, null), "0.0161");
    assert.equal(switchedAmount("buy", "fiat", "USD", null, 50), "50.00");
  });

  test("a sale's estimate is the same figure in the quote panel and, switched, in the field", () => {
    // 50 USD of ETH at 3,000 USD; 50 USD of BTC at 60,000 USD (8 decimals at most).
    for (const [estimate, asset, shown] of [
      [50 / 3000, "ETH", "0.0166667"],
      [50 / 60000, "BTC", "0.00083333"],
      [120 / 3000, "ETH", "0.04"],
    ] as const) {
      assert.equal(aboutMoney(estimate, asset), `${shown} ${asset}`);
      assert.equal(switchedAmount("sell", "crypto", asset, null, estimate), shown);
    }
    assert.equal(aboutCrypto(1234567.89), "1234568");
    assert.equal(aboutCrypto(1234560), "1234560");
  });

  test("with neither a quote nor an estimate, the amount is cleared", () => {
    assert.equal(switchedAmount("buy", "fiat", "USD", null, null), "");
    assert.equal(switchedAmount("sell", "crypto", "ETH", null, null), "");
  });
});

describe("another asset picked", () => {
  const inEth = values({ amountIn: "crypto", amount: "0.5" });

  test("an amount in the old asset becomes its worth, in money, and that is said", () => {
    assert.deepEqual(amountForAsset(inEth, "BTC", "1500.00"), {
      patch: { amountIn: "fiat", amount: "1500.00" },
      note: "Amount now in USD: $1,500.00, what 0.5 ETH came to.",
    });
  });

  test("without its worth, or where money cannot be preset, it is emptied, not carried over", () => {
    const cleared = { patch: { amount: "" }, note: "Amount cleared: enter how much BTC." };
    assert.deepEqual(amountForAsset(inEth, "BTC", ""), cleared);
    assert.deepEqual(amountForAsset({ ...inEth, fiatCurrency: "JPY" }, "BTC", "225000"), cleared);
  });

  test("an amount in money, or none, stays as it is", () => {
    const unchanged = { patch: {}, note: null };
    assert.deepEqual(amountForAsset(values({ amount: "100" }), "BTC", "100.00"), unchanged);
    assert.deepEqual(amountForAsset({ ...inEth, amount: "" }, "BTC", ""), unchanged);
  });
});

describe("a kept form coming back after a reload", () => {
  const shown = initialValues("buy", options());
  const kept: RampFormValues = {
    ...shown,
    asset: "USDC",
    network: "base",
    address: "0x52908400098527886E0F7030069857D2E4169EE7",
    amountIn: "crypto",
    amount: "0.5",
  };

  test("with nothing typed since, is the kept form", () => {
    assert.deepEqual(keptUnlessTyped(kept, shown, shown), { values: kept, note: null });
  });

  test("an amount typed before the script ran stays, in the unit it was typed in", () => {
    const now = { ...shown, amount: "120" };
    assert.deepEqual(keptUnlessTyped(kept, now, shown), {
      values: { ...kept, amount: "120", amountIn: "fiat" },
      note: null,
    });
  });

  test("an amount kept in the asset is not carried to another asset picked before the script ran: emptied, and said", () => {
    const now = { ...shown, asset: "BTC", network: "bitcoin" };
    assert.notEqual(now.asset, kept.asset);
    assert.deepEqual(keptUnlessTyped(kept, now, shown), {
      values: { ...kept, asset: "BTC", network: "bitcoin", amount: "" },
      note: "Amount cleared: enter how much BTC.",
    });
    // The same asset picked again is no other asset: the amount stays.
    const same = { ...shown, asset: "USDC", network: "base" };
    assert.deepEqual(keptUnlessTyped(kept, same, shown), { values: kept, note: null });
  });

  test("an amount typed in the asset before the script ran comes with the asset it was typed beside", () => {
    const now: RampFormValues = { ...shown, amountIn: "crypto", amount: "2" };
    assert.notEqual(now.asset, kept.asset);
    assert.deepEqual(keptUnlessTyped(kept, now, shown), {
      values: { ...kept, asset: now.asset, network: now.network, amountIn: "crypto", amount: "2" },
      note: null,
    });
  });
});

describe("the form's own error once the form changes or the connection is back", () => {
  test("one saying the connection failed goes; any other error stays, as it was", () => {
    for (const form of [UNREACHABLE, LOAD_FAILED]) {
      assert.deepEqual(withoutConnectionError({ form, amount: "Too much" }), {
        form: undefined,
        amount: "Too much",
      });
    }
    const refused = { form: "Coinbase refused the request" };
    assert.equal(withoutConnectionError(refused), refused);
  });
});
