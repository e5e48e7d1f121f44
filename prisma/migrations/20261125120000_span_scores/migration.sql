-- Each span's current scores, denormalised onto the span row (docs/performance.md, docs/data-model.md
-- "Scores on a row"): `scores` is name → value of the span's own scores plus its trace's trace-level
-- scores (span_id null), newest per name (ties broken by id); `scores_oldest_at` is the oldest
-- created_at among those newest-per-name scores (null when there are none). Readers use the column while
-- scores_oldest_at is inside the retention window and fall back to the exact lookup otherwise, so an
-- expired score is never shown or filtered on even before the retention job deletes it.
-- Triggers keep it right on every write path: a change to `score` recomputes the spans of the traces it
-- touches, and a new span picks up the scores its trace already has.

-- AlterTable
ALTER TABLE "span" ADD COLUMN "scores" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN "scores_oldest_at" TIMESTAMPTZ(6);

-- The one definition of a span's scores (the same rule as the exact lookup in lib/core/export/scores-sql.ts,
-- without the retention cutoff, which readers apply through scores_oldest_at).
CREATE FUNCTION "flywheel_span_scores"(p_app_id TEXT, p_trace_id TEXT, p_span_id TEXT, OUT scores JSONB, OUT oldest_at TIMESTAMPTZ)
LANGUAGE plpgsql STABLE AS $$
BEGIN
  -- plpgsql, not sql: a plpgsql function keeps its plan for the session, while a sql function called
  -- once per row is planned again on every call (~0.1 ms, which dominated a bulk insert).
  SELECT coalesce(jsonb_object_agg(l.name, l.value), '{}'::jsonb), min(l.created_at)
  INTO scores, oldest_at
  FROM (
    SELECT DISTINCT ON (x.name) x.name, x.value, x.created_at
    FROM "score" x
    WHERE x.app_id = p_app_id AND x.trace_id = p_trace_id AND (x.span_id IS NULL OR x.span_id = p_span_id)
    ORDER BY x.name, x.created_at DESC, x.id DESC
  ) l;
END
$$;

-- A span's exact scores at a retention cutoff, read from `score` (docs/data-model.md): what readers use
-- for a row whose stored scores include an expired one. A function rather than a correlated subquery in
-- the reader's SQL, so the rest of that query stays parallel-safe (a count can use parallel workers)
-- and is cheaper to plan; plpgsql so it is never inlined back into a subquery.
CREATE FUNCTION "flywheel_exact_scores"(p_app_id TEXT, p_trace_id TEXT, p_span_id TEXT, p_cutoff TIMESTAMPTZ)
RETURNS JSONB LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
BEGIN
  RETURN (
    SELECT coalesce(jsonb_object_agg(l.name, l.value), '{}'::jsonb)
    FROM (
      SELECT DISTINCT ON (x.name) x.name, x.value
      FROM "score" x
      WHERE x.app_id = p_app_id AND x.trace_id = p_trace_id AND (x.span_id IS NULL OR x.span_id = p_span_id)
        AND x.created_at > p_cutoff
      ORDER BY x.name, x.created_at DESC, x.id DESC
    ) l
  );
END
$$;

-- Writers of scores take this lock exclusively, statements inserting spans take it shared, so a span
-- inserted while its trace is being scored is never missed by both: whichever commits second sees the
-- other's rows (in READ COMMITTED each statement run by a trigger after the lock takes a new snapshot).
-- Span inserts run concurrently with each other; a score write waits for the span statements in flight,
-- which are short (an ingest batch is one statement).
CREATE FUNCTION "flywheel_refresh_trace_scores"(p_app_ids TEXT[], p_trace_ids TEXT[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7231996);
  UPDATE "span" s
  SET ("scores", "scores_oldest_at") = (SELECT f.scores, f.oldest_at FROM "flywheel_span_scores"(s.app_id, s.trace_id, s.span_id) f)
  WHERE (s.app_id, s.trace_id) IN (SELECT DISTINCT t.a, t.t FROM unnest(p_app_ids, p_trace_ids) AS t(a, t));
END
$$;

CREATE FUNCTION "flywheel_scores_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "flywheel_refresh_trace_scores"(array_agg(c.app_id), array_agg(c.trace_id))
  FROM (SELECT DISTINCT app_id, trace_id FROM changed) c HAVING count(*) > 0;
  RETURN NULL;
END
$$;

CREATE FUNCTION "flywheel_scores_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "flywheel_refresh_trace_scores"(array_agg(c.app_id), array_agg(c.trace_id))
  FROM (SELECT app_id, trace_id FROM before_change UNION SELECT app_id, trace_id FROM changed) c HAVING count(*) > 0;
  RETURN NULL;
END
$$;

CREATE FUNCTION "flywheel_spans_inserting"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7231996);
  RETURN NULL;
END
$$;

-- The lookup is written out here rather than calling flywheel_span_scores: this runs once per inserted
-- row, and a nested function call per row doubled the cost of a bulk insert. Most new spans belong to
-- traces without scores yet; the LIMIT 1 probe answers those at half the cost of the full lookup.
CREATE FUNCTION "flywheel_span_inserting"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM FROM "score" x WHERE x.app_id = NEW.app_id AND x.trace_id = NEW.trace_id LIMIT 1;
  IF NOT FOUND THEN
    NEW.scores := '{}'::jsonb;
    NEW.scores_oldest_at := NULL;
    RETURN NEW;
  END IF;
  SELECT coalesce(jsonb_object_agg(l.name, l.value), '{}'::jsonb), min(l.created_at)
  INTO NEW.scores, NEW.scores_oldest_at
  FROM (
    SELECT DISTINCT ON (x.name) x.name, x.value, x.created_at
    FROM "score" x
    WHERE x.app_id = NEW.app_id AND x.trace_id = NEW.trace_id AND (x.span_id IS NULL OR x.span_id = NEW.span_id)
    ORDER BY x.name, x.created_at DESC, x.id DESC
  ) l;
  RETURN NEW;
END
$$;

-- CreateTrigger
CREATE TRIGGER "score_inserted" AFTER INSERT ON "score"
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_scores_changed"();

CREATE TRIGGER "score_updated" AFTER UPDATE ON "score"
REFERENCING OLD TABLE AS before_change NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_scores_updated"();

CREATE TRIGGER "score_deleted" AFTER DELETE ON "score"
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_scores_changed"();

CREATE TRIGGER "spans_inserting" BEFORE INSERT ON "span"
FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_spans_inserting"();

CREATE TRIGGER "span_inserting" BEFORE INSERT ON "span"
FOR EACH ROW EXECUTE FUNCTION "flywheel_span_inserting"();

-- Backfill the spans of every trace that already has scores.
UPDATE "span" s
SET ("scores", "scores_oldest_at") = (SELECT f.scores, f.oldest_at FROM "flywheel_span_scores"(s.app_id, s.trace_id, s.span_id) f)
WHERE EXISTS (SELECT 1 FROM "score" x WHERE x.app_id = s.app_id AND x.trace_id = s.trace_id);

-- Counts (`total` of every export page and of the Traces table) as index-only scans: the indexes carry
-- the columns the usual filters and the scores read, so counting a week of spans with a score condition
-- touches no table rows (it was one `score` lookup per span: 2.5–6 s at 1M spans).
-- - span_app_order_idx also carries type, model and status, for counts filtered on those.
-- - span_app_scored_idx holds only spans that have scores: a score condition never matches any other
--   (the filter SQL says so with `scores_oldest_at IS NOT NULL`), so such counts and pages read only it.
-- - span_app_model_idx carries what a model + type + score count reads (the Traces table's usual view);
--   trace_id and span_id are there for the exact-lookup fallback of rows with expired scores.
-- DropIndex
DROP INDEX "span_app_order_idx";

-- CreateIndex
CREATE INDEX "span_app_order_idx" ON "span"("app_id", "timestamp" DESC, "span_id" DESC, "trace_id" DESC)
INCLUDE ("type", "model", "status");

-- CreateIndex
CREATE INDEX "span_app_scored_idx" ON "span"("app_id", "timestamp" DESC, "span_id" DESC, "trace_id" DESC)
INCLUDE ("type", "model", "status", "scores", "scores_oldest_at") WHERE "scores_oldest_at" IS NOT NULL;

-- DropIndex
DROP INDEX "span_app_model_idx";

-- CreateIndex
CREATE INDEX "span_app_model_idx" ON "span"("app_id", "model", "timestamp" DESC)
INCLUDE ("type", "status", "trace_id", "span_id", "scores", "scores_oldest_at");
