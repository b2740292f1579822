"use client";

import Link from "next/link";
import { handOverToGuest } from "./guest-hand-over";

/**
 * The way from /buy into guest checkout (Apple Pay / Google Pay without a Coinbase account),
 * offered in the US only, carrying what the user chose so far. One line on a phone: it sits in
 * the pinned action bar, under the form's own button.
 */
export function GuestCheckoutEntry(props: {
  country: string;
  asset: string;
  network: string;
  address: string;
  amount: string;
}) {
  if (props.country !== "US") return null;
  const query = new URLSearchParams({
    country: props.country,
    asset: props.asset,
    network: props.network,
    ...(props.amount ? { amount: props.amount } : {}),
  });
  const { country: _country, ...values } = props;
  return (
    <Link
      href={`/buy/guest?${query}`}
      // The wallet address goes by this tab, not the link (guest-hand-over.ts).
      onClick={() => handOverToGuest(`?${query}`, values)}
      className="inline-block w-full rounded-full border border-slate-900 px-5 py-3 text-center font-medium hover:bg-slate-100 sm:w-auto"
    >
      Pay with Apple Pay or Google Pay
    </Link>
  );
}
