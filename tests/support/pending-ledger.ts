/**
 * Why some tests are `test.fixme` for now: completion pages, /account, /h/<id> and
 * /api/transactions are moving to the ledger (rows per signed-in user) on another branch.
 * Signed-in mints no longer set the anonymous `ramp_user` cookie those pages read, so their
 * assertions wait for that merge; it removes this file and the fixmes that name it.
 */
export const PENDING_LEDGER =
  "waits for the ledger merge: completion pages and /api/transactions read the signed-in user's rows";
