import { guardQuoteRequest, spendQuoteCeiling } from "@/lib/abuse/guard-quote";
import { fetchQuote } from "@/lib/cdp/quote-api";
import { handle, json } from "@/lib/http/handle";
import { readJsonBody } from "@/lib/http/read-json";
import { QuoteRequestSchema } from "@/lib/ramp/quote-schema";
import { rememberQuote } from "@/lib/ramp/recent-quotes";
import { refuseOtherMethods } from "@/lib/http/other-methods";

export async function POST(request: Request) {
  return handle(request, async () => {
    await guardQuoteRequest(request);
    const input = await readJsonBody(request, QuoteRequestSchema);
    await spendQuoteCeiling();
    const quote = await fetchQuote(input);
    // Its price, for the mint that may follow with an amount in the asset (crypto-limits.ts).
    rememberQuote(input, quote);
    return json(quote);
  });
}

export const { GET, PUT, PATCH, DELETE, OPTIONS } = refuseOtherMethods("POST");
