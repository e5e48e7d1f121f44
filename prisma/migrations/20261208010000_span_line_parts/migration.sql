-- Each span's jsonl line parts that depend only on the span's own columns, written once when the span is
-- (issue 17, docs/performance.md "Twelfth round"). An export built every line's small fields on every
-- read: to_json of seven texts and the tags, to_char of the timestamp, the floats' text — ~7 ms of
-- PostgreSQL's CPU a 2,000-row page, a third of the page's statement. Now `line_head` holds the line's
-- text from `{"trace_id":` up to the timestamp, and `line_mid` the part from `,"user_id":` to the cost, byte
-- for byte what the export wrote (row-lines.ts, lineOf); the export joins them with the values that
-- change or are large (input, output, tool calls, metadata, scores, tools).
-- - Written by the ingest statement itself (upsert-spans.ts), and by the BEFORE INSERT trigger below for
--   any other writer that leaves them null; rewritten by the BEFORE UPDATE trigger whenever a statement
--   sets any column they are made of, so they cannot go stale.
-- - Rows written before this migration keep null parts: readers fall back to the same functions at read
--   time (coalesce), so their output is unchanged and costs what it did. No backfill here: rewriting every
--   span in one statement would hold the table for minutes at tens of millions of rows.
-- - The functions are the one definition of the parts; changing what they write needs a migration that
--   also nulls the stored parts (readers then fall back until they are written again).
ALTER TABLE "span" ADD COLUMN "line_head" TEXT, ADD COLUMN "line_mid" TEXT;

-- A float as row_to_json writes it: its text when that is a JSON number, quoted when it is not (NaN, ±Infinity).
CREATE FUNCTION "flywheel_json_float"(v float8) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN v IS NULL THEN 'null' WHEN v > '-Infinity'::float8 AND v < 'Infinity'::float8
    THEN v::text ELSE '"' || v::text || '"' END
$$;

CREATE FUNCTION "flywheel_line_head"(trace_id text, span_id text, span_name text, type text, model text,
  status text, latency_ms float8, ts timestamptz) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT '{"trace_id":' || coalesce(to_json(trace_id)::text, 'null') || ',"span_id":' || coalesce(to_json(span_id)::text, 'null')
    || ',"span_name":' || coalesce(to_json(span_name)::text, 'null') || ',"type":' || coalesce(to_json(type)::text, 'null')
    || ',"model":' || coalesce(to_json(model)::text, 'null') || ',"status":' || coalesce(to_json(status)::text, 'null')
    || ',"latency_ms":' || flywheel_json_float(latency_ms)
    || ',"timestamp":"' || to_char(ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '"'
$$;

CREATE FUNCTION "flywheel_line_mid"(user_id text, tags text[], input_tokens integer, output_tokens integer,
  cost float8) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT ',"user_id":' || coalesce(to_json(user_id)::text, 'null')
    || ',"tags":' || to_json(coalesce(tags, ARRAY[]::text[]))::text
    || ',"input_tokens":' || coalesce(input_tokens::text, 'null') || ',"output_tokens":' || coalesce(output_tokens::text, 'null')
    || ',"cost":' || flywheel_json_float(cost)
$$;

CREATE FUNCTION "flywheel_span_line_parts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.line_head := flywheel_line_head(NEW.trace_id, NEW.span_id, NEW.span_name, NEW.type, NEW.model, NEW.status,
    NEW.latency_ms, NEW."timestamp");
  NEW.line_mid := flywheel_line_mid(NEW.user_id, NEW.tags, NEW.input_tokens, NEW.output_tokens, NEW.cost);
  RETURN NEW;
END
$$;

-- Only rows that arrive without their parts: the ingest statement writes them itself, and a WHEN
-- condition costs no PL/pgSQL call (a per-row trigger call cost ingest ~2 µs a span).
CREATE TRIGGER "span_line_parts_inserting" BEFORE INSERT ON "span"
  FOR EACH ROW WHEN (NEW."line_head" IS NULL OR NEW."line_mid" IS NULL) EXECUTE FUNCTION flywheel_span_line_parts();

-- Any statement that sets a column the parts are made of (a re-sent span's upsert among them).
CREATE TRIGGER "span_line_parts_updating" BEFORE UPDATE OF "trace_id", "span_id", "span_name", "type", "model",
  "status", "latency_ms", "timestamp", "user_id", "tags", "input_tokens", "output_tokens", "cost" ON "span"
  FOR EACH ROW EXECUTE FUNCTION flywheel_span_line_parts();
