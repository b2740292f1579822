import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

/**
 * The one schema of the app's database. Migrations in `drizzle/` are generated from it
 * (`npx drizzle-kit generate`) and applied at start and by `npm run db:migrate`.
 *
 * The first four tables are better-auth's (users, their sessions, sign-in methods and
 * one-time codes), with the column names it expects. The ledger and the sandbox inbox are ours.
 */

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const user = pgTable("user", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull().unique(),
  emailVerified: boolean("email_verified").notNull().default(false),
  image: text("image"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const session = pgTable(
  "session",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull().unique(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("session_user_id_idx").on(t.userId)],
);

export const account = pgTable(
  "account",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    scope: text("scope"),
    password: text("password"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("account_user_id_idx").on(t.userId)],
);

/** One-time sign-in codes, stored hashed, with their attempt count (better-auth's). */
export const verification = pgTable(
  "verification",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("verification_identifier_idx").on(t.identifier)],
);

/**
 * The ledger: one row per ramp a user started. Written when the Coinbase URL is minted
 * (`started`), then kept in step with Coinbase's transaction status API and its webhook
 * events (`lib/webhooks/`). Rows belong to a
 * `partnerUserRef`: a signed-in user's id, or the reference a partner's server passed.
 * Amounts are decimal strings, as Coinbase sends them.
 */
export const rampTransaction = pgTable(
  "ramp_transaction",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    partnerUserRef: text("partner_user_ref").notNull(),
    side: text("side", { enum: ["buy", "sell"] }).notNull(),
    status: text("status", {
      enum: [
        "started",
        "created",
        "awaiting_payment",
        "in_progress",
        "awaiting_deposit",
        "success",
        "failed",
      ],
    }).notNull(),
    asset: text("asset").notNull(),
    network: text("network").notNull(),
    /** The user's wallet: where a purchase goes, or where a sale's crypto comes from. */
    address: text("address"),
    /** Sell only: where the user must send the crypto. */
    depositAddress: text("deposit_address"),
    fiatAmount: text("fiat_amount"),
    fiatCurrency: text("fiat_currency"),
    cryptoAmount: text("crypto_amount"),
    feeAmount: text("fee_amount"),
    feeCurrency: text("fee_currency"),
    coinbaseTransactionId: text("coinbase_transaction_id").unique(),
    /**
     * A guest-checkout (headless) order's id, which its webhook events carry instead of a
     * transaction id: another of Coinbase's namespaces, so a column of its own.
     */
    coinbaseOrderId: text("coinbase_order_id").unique(),
    /**
     * A guest order's payment link (its button, with the session token it was made with):
     * Coinbase gives it once, at the order's creation, and a page reloaded before the payment
     * frames it again rather than ordering twice.
     */
    paymentLinkUrl: text("payment_link_url"),
    paymentLinkType: text("payment_link_type"),
    /**
     * A guest order the user changed before paying it ("Change the order"), or placed by a
     * second tab in place of an order the first had replaced already: the order id that
     * replaced it. Its payment link is dropped, and it is no longer offered to be paid.
     */
    replacedBy: text("replaced_by"),
    /** Coinbase's time of the last webhook event applied: an older event never overwrites it. */
    coinbaseUpdatedAt: timestamp("coinbase_updated_at", { withTimezone: true }),
    /**
     * When Coinbase says it made the transaction, once it reports on a row the app started (a
     * sale: when the user confirmed it on Coinbase's page, later than the start by as long as
     * they took there). A sale's deposit window (30 minutes) runs from it.
     */
    coinbaseCreatedAt: timestamp("coinbase_created_at", { withTimezone: true }),
    txHash: text("tx_hash"),
    failureReason: text("failure_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("ramp_transaction_user_idx").on(t.partnerUserRef, t.createdAt)],
);

/**
 * Every signed webhook event received, by id (Coinbase's `x-event-id`, else the body's
 * SHA-256): a repeat delivery finds its id here and changes nothing. `outcome` says what
 * it did to the ledger; it is written in the transaction that stores the event. Kept for
 * `WEBHOOK_EVENT_RETENTION_DAYS`, then deleted (lib/webhooks/prune-events.ts, oldest first
 * by `received_at`, hence its index): the payload holds wallets and user references.
 */
export const webhookEvent = pgTable(
  "webhook_event",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    payload: jsonb("payload").notNull(),
    outcome: text("outcome", {
      enum: ["applied", "duplicate", "ignored", "unmatched", "stale"],
    }),
  },
  (t) => [index("webhook_event_received_at_idx").on(t.receivedAt)],
);

/**
 * What guest checkout (Coinbase's v2 headless onramp) keeps per user: when their phone and
 * email were verified through Coinbase's verification API (and the ids it returned, which
 * orders carry), and when they accepted Coinbase's guest terms. A phone verification older
 * than 60 days must be done again. `pending*` hold a code sent but not yet entered.
 */
export const guestProfile = pgTable("guest_profile", {
  userId: text("user_id")
    .primaryKey()
    .references(() => user.id, { onDelete: "cascade" }),
  phoneNumber: text("phone_number"),
  phoneVerifiedAt: timestamp("phone_verified_at", { withTimezone: true }),
  phoneVerificationId: text("phone_verification_id"),
  // When Coinbase said each verification stops counting for orders (its verificationExpiresAt).
  phoneVerificationExpiresAt: timestamp("phone_verification_expires_at", { withTimezone: true }),
  emailVerifiedAt: timestamp("email_verified_at", { withTimezone: true }),
  emailVerificationId: text("email_verification_id"),
  emailVerificationExpiresAt: timestamp("email_verification_expires_at", { withTimezone: true }),
  agreementAcceptedAt: timestamp("agreement_accepted_at", { withTimezone: true }),
  pendingPhoneNumber: text("pending_phone_number"),
  pendingPhoneVerificationId: text("pending_phone_verification_id"),
  pendingEmailVerificationId: text("pending_email_verification_id"),
  // When Coinbase's code for each runs out (`otpExpiresAt`): past it, the page asks for a new one.
  pendingPhoneCodeExpiresAt: timestamp("pending_phone_code_expires_at", { withTimezone: true }),
  pendingEmailCodeExpiresAt: timestamp("pending_email_code_expires_at", { withTimezone: true }),
  updatedAt: updatedAt(),
});

/**
 * The sends this app made from users' Coinbase accounts (Connect), by their `idem` and, once
 * Coinbase answered, their transaction id: Coinbase's send limit is what this app may send, so
 * what is left of it counts these, not the sends the user made in Coinbase's own app from the
 * same accounts (lib/oauth/app-sends.ts). One row, written by the migration that made the
 * table, says since when the app has kept them.
 */
export const connectSend = pgTable(
  "connect_send",
  {
    idem: text("idem").primaryKey(),
    transactionId: text("transaction_id"),
    createdAt: createdAt(),
  },
  (t) => [index("connect_send_transaction_id_idx").on(t.transactionId)],
);

/** Sandbox only: what would have been emailed or texted, shown at /sandbox/inbox. */
export const sandboxMail = pgTable("sandbox_mail", {
  id: serial("id").primaryKey(),
  to: text("to").notNull(),
  subject: text("subject").notNull(),
  body: text("body").notNull(),
  createdAt: createdAt(),
});

/**
 * Whether this database holds sandbox or live data, written at its first start and checked at
 * every start after (lib/db/database-mode.ts). One row: `id` is always true.
 */
export const databaseMode = pgTable(
  "database_mode",
  {
    id: boolean("id").primaryKey().default(true),
    mode: text("mode", { enum: ["sandbox", "live"] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [check("database_mode_one_row", sql`${t.id}`)],
);

export type GuestProfileRow = typeof guestProfile.$inferSelect;
export type RampTransactionRow = typeof rampTransaction.$inferSelect;
export type WebhookOutcome = NonNullable<typeof webhookEvent.$inferSelect.outcome>;
