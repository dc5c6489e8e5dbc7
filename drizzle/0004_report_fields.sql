CREATE TABLE `chat_turns` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` text NOT NULL,
	`business_day` text NOT NULL,
	`at` text NOT NULL,
	`provider` text NOT NULL,
	`input` text NOT NULL,
	`source` text NOT NULL,
	`cart_lines` integer NOT NULL,
	`placed_order_id` text
);
--> statement-breakpoint
CREATE INDEX `chat_turns_day_idx` ON `chat_turns` (`business_day`);--> statement-breakpoint
CREATE INDEX `chat_turns_session_day_idx` ON `chat_turns` (`session_id`,`business_day`);--> statement-breakpoint
ALTER TABLE `order_lines` ADD `topping_prices` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `channel` text;