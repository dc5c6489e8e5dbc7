CREATE INDEX `orders_status_updated_idx` ON `orders` (`status`,`updated_at`);--> statement-breakpoint
CREATE INDEX `orders_created_idx` ON `orders` (`created_at`);