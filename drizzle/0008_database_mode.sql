CREATE TABLE "database_mode" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"mode" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "database_mode_one_row" CHECK ("database_mode"."id")
);
--> statement-breakpoint
-- A database from before this table whose sandbox inbox holds mail was used in sandbox mode.
INSERT INTO "database_mode" ("mode") SELECT 'sandbox' WHERE EXISTS (SELECT 1 FROM "sandbox_mail");
