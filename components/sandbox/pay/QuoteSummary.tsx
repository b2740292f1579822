import type { StoredQuote } from "@/lib/sandbox/cdp/quote-store";
import type { Money } from "@/lib/sandbox/cdp/pricing";
import { moneyText } from "@/lib/ramp/money-text";

type Row = { label: string; key: "total" | "receive" | "coinbaseFee" | "networkFee"; money: Money };

function rowsOf(quote: StoredQuote): Row[] {
  if (quote.kind === "buy") {
    return [
      { label: "You pay", key: "total", money: quote.payment_total },
      { label: "You receive", key: "receive", money: quote.purchase_amount },
      { label: "Coinbase fee", key: "coinbaseFee", money: quote.coinbase_fee },
      { label: "Network fee", key: "networkFee", money: quote.network_fee },
    ];
  }
  return [
    { label: "You sell", key: "total", money: quote.sell_amount },
    { label: "You receive", key: "receive", money: quote.cashout_total },
    { label: "Coinbase fee", key: "coinbaseFee", money: quote.coinbase_fee },
  ];
}

/** The quoted figures, as the quote API returned them, shown as the app shows them (tests read `data-quote`). */
export function QuoteSummary({ quote }: { quote: StoredQuote }) {
  return (
    <FiguresBox
      title="Your quote"
      note={`${quote.asset} on ${quote.network}, quote ${quote.quote_id}`}
    >
      {rowsOf(quote).map((row) => (
        <div key={row.key} className="contents">
          <dt className="text-slate-600">{row.label}</dt>
          <dd className="font-mono" data-quote={row.key}>
            {moneyText(row.money)}
          </dd>
        </div>
      ))}
    </FiguresBox>
  );
}

/** An unquoted checkout's figures at today's price (`checkoutFigures`): what confirming makes. */
export function PriceSummary({ figures }: { figures: { label: string; money: Money }[] }) {
  return (
    <FiguresBox title="At today's price" note="No quote: these are the figures confirming makes.">
      {figures.map((row) => (
        <div key={row.label} className="contents">
          <dt className="text-slate-600">{row.label}</dt>
          <dd className="font-mono">{moneyText(row.money)}</dd>
        </div>
      ))}
    </FiguresBox>
  );
}

function FiguresBox({
  title,
  note,
  children,
}: {
  title: string;
  note: string;
  children: React.ReactNode;
}) {
  return (
    // One such box on a page: a region named by its heading.
    <section
      aria-labelledby="figures-title"
      className="surface rounded-lg border border-slate-300 bg-white p-4"
    >
      <h2 id="figures-title" className="font-medium">
        {title}
      </h2>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">{children}</dl>
      <p className="mt-2 text-xs text-slate-600">{note}</p>
    </section>
  );
}
