import { saveSessionDraft } from "@/components/shared/session-draft";

/** Where this tab keeps the guest purchase as typed (guest-draft.ts reads it back). */
export const GUEST_DRAFT_KEY = "guest-draft";

/**
 * /buy's way into guest checkout: the purchase is kept in this tab for the link it opens
 * (`search`, as `location.search` will read there), so the wallet address never travels in
 * the link. The guest page takes no address from a link: anyone can write one.
 */
export function handOverToGuest(
  search: string,
  values: { asset: string; network: string; address: string; amount: string },
): void {
  saveSessionDraft(GUEST_DRAFT_KEY, { link: search, values });
}
