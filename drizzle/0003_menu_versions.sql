CREATE TABLE `menu_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`menu` text NOT NULL,
	`author` text NOT NULL,
	`summary` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `order_lines` ADD `name_zh` text;--> statement-breakpoint
ALTER TABLE `order_lines` ADD `name_en` text;--> statement-breakpoint
ALTER TABLE `sessions` ADD `read_back` text;