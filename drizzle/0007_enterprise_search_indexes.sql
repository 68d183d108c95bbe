-- Enterprise search (issue 5): pg_trgm for substrings of names and pinyin, GIN for words and tags,
-- a C-collated btree for credit-code prefixes. Existing enterprises get their name as search text
-- until the next import or edit rebuilds the keys with the segmenter and pinyin.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
UPDATE "enterprises" SET "search_names" = "name" WHERE "search_names" = '';
--> statement-breakpoint
CREATE INDEX "enterprises_search_words_idx" ON "enterprises" USING gin ("search_words");
--> statement-breakpoint
CREATE INDEX "enterprises_search_names_trgm_idx" ON "enterprises" USING gin ("search_names" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "enterprises_search_pinyin_trgm_idx" ON "enterprises" USING gin ("search_pinyin" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX "enterprises_tags_idx" ON "enterprises" USING gin ("tags");
--> statement-breakpoint
CREATE INDEX "enterprises_credit_code_prefix_idx" ON "enterprises" ("credit_code" text_pattern_ops);
--> statement-breakpoint
CREATE INDEX "enterprises_contact_regions_idx" ON "enterprises" USING gin ("contact_region_codes");
