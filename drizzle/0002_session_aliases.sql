CREATE TABLE `session_aliases` (
	`alias` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`updated_at` text NOT NULL
);
