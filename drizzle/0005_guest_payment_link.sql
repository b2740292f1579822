ALTER TABLE "ramp_transaction" ADD COLUMN "payment_link_url" text;--> statement-breakpoint
ALTER TABLE "ramp_transaction" ADD COLUMN "payment_link_type" text;