-- Broad enterprise searches (over 10,000 matches) fill their page from the largest firms first
-- (src/db/queries/enterprises/enterprise-search-broad.ts): these partial indexes hold only the firms
-- with registered capital of at least 1亿 (100,000,000 yuan, the first tier; about 1 % of a registry),
-- so a common word's matches among them are found without reading its whole posting list.
CREATE INDEX "enterprises_top_search_words_idx" ON "enterprises" USING gin ("search_words") WHERE "registered_capital_yuan" >= 100000000;
--> statement-breakpoint
CREATE INDEX "enterprises_top_search_names_trgm_idx" ON "enterprises" USING gin ("search_names" gin_trgm_ops) WHERE "registered_capital_yuan" >= 100000000;
--> statement-breakpoint
CREATE INDEX "enterprises_top_search_pinyin_trgm_idx" ON "enterprises" USING gin ("search_pinyin" gin_trgm_ops) WHERE "registered_capital_yuan" >= 100000000;
