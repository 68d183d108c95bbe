DROP INDEX "enterprises_capital_idx";--> statement-breakpoint
CREATE INDEX "enterprises_capital_order_idx" ON "enterprises" USING btree ("registered_capital_yuan" DESC NULLS LAST,"id");