CREATE TABLE "database_mode" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"mode" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "database_mode_one_row" CHECK ("database_mode"."id")
);
--> statement-breakpoint
-- A database from before this table whose sandbox inbox holds the app's own sign-in codes
-- (mailed there only without SMTP_URL, so with nothing live) was used in sandbox mode. The
-- sandbox Coinbase's own codes (guest checkout, Connect's two-step) may land there beside a
-- live half: they do not count.
INSERT INTO "database_mode" ("mode") SELECT 'sandbox' WHERE EXISTS (SELECT 1 FROM "sandbox_mail" WHERE "subject" LIKE 'Your sign-in code:%');
