/**
 * Which +1 numbers are US ones. Coinbase's guest checkout is for US users only (Headless Onramp
 * docs, "US users only; debit cards only"), and +1 is shared by the whole North American Numbering
 * Plan: Canada and many Caribbean countries too. A number outside the US would be texted a code we
 * pay for, then refused by Coinbase at the end. Browser-safe.
 */

/** NANP area codes that are not in the US: Canada's, then the Caribbean countries'. */
const NON_US_AREA_CODES = new Set(
  [
    // Canada (geographic, overlays and non-geographic)
    "204 226 236 249 250 257 263 289 306 343 354 365 367 368 382 403 416 418 428 431 437 438",
    "450 468 474 506 514 519 548 579 581 584 587 600 604 613 622 639 647 672 683 705 709 742",
    "753 778 780 782 807 819 825 867 873 879 902 905 942",
    // The Caribbean and Bermuda (US territories, such as Puerto Rico's 787, stay allowed)
    "242 246 264 268 284 345 441 473 649 658 664 721 758 767 784 809 829 849 868 869 876",
  ]
    .join(" ")
    .split(" "),
);

/** Why an E.164 number is not a US one, or null when it is. */
export function notUsNumber(e164: string): string | null {
  const nanp = /^\+1([2-9]\d{2})([2-9]\d{2})\d{4}$/.exec(e164);
  if (!e164.startsWith("+1"))
    return "Guest checkout takes US mobile numbers (+1) only. Elsewhere, buy with a Coinbase account.";
  const [, area, exchange] = nanp ?? [];
  // N11 codes (211, 411, 911…) are services, never an area or exchange.
  if (!area || !exchange || /^[2-9]11$/.test(area) || /^[2-9]11$/.test(exchange))
    return "That is not a valid US phone number: check the area code and the number";
  if (NON_US_AREA_CODES.has(area))
    return `Area code ${area} is outside the US, and guest checkout takes US mobile numbers only. Elsewhere, buy with a Coinbase account.`;
  return null;
}
