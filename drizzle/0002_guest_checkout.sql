CREATE TABLE "guest_profile" (
	"user_id" text PRIMARY KEY NOT NULL,
	"phone_number" text,
	"phone_verified_at" timestamp with time zone,
	"phone_verification_id" text,
	"email_verified_at" timestamp with time zone,
	"email_verification_id" text,
	"agreement_accepted_at" timestamp with time zone,
	"pending_phone_number" text,
	"pending_phone_verification_id" text,
	"pending_email_verification_id" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "guest_profile" ADD CONSTRAINT "guest_profile_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;