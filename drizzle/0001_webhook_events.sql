CREATE TABLE "webhook_event" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"payload" jsonb NOT NULL,
	"outcome" text
);
--> statement-breakpoint
ALTER TABLE "ramp_transaction" ADD COLUMN "coinbase_order_id" text;--> statement-breakpoint
ALTER TABLE "ramp_transaction" ADD COLUMN "coinbase_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ramp_transaction" ADD CONSTRAINT "ramp_transaction_coinbase_order_id_unique" UNIQUE("coinbase_order_id");