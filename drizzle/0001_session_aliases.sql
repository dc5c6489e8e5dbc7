CREATE TABLE `session_aliases` (
	`alias` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `session_aliases_updated_idx` ON `session_aliases` (`updated_at`);