CREATE TABLE "connect_send" (
	"idem" text PRIMARY KEY NOT NULL,
	"transaction_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "connect_send_transaction_id_idx" ON "connect_send" USING btree ("transaction_id");--> statement-breakpoint
-- Since when this app keeps its sends (lib/oauth/app-sends.ts): one it made before, listed with an
-- idem, still counts toward the send limit.
INSERT INTO "connect_send" ("idem") VALUES ('(kept since)');
