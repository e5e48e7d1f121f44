-- The tool definitions a span's model was offered (docs/ingest.md "Tool definitions"), normalised at
-- ingest to [{"type":"function","function":{"name","description","parameters"}}]; exported as the
-- jsonl/csv field `tools` and on `openai` examples. Nullable without a default: existing rows read
-- null, and the column is added without rewriting the table. No trigger or rollup lists span columns
-- (20261125120000_span_scores, 20261125300000_score_hours name theirs), so none needs changing.

-- AlterTable
ALTER TABLE "span" ADD COLUMN     "tools" JSONB;
