-- Hourly score rollups for exact counts without visiting every matching span (docs/performance.md).
-- One row per app, score name, hour of the span timestamp (hours since the Unix epoch, UTC), type, model
-- ('' for none) and status, holding the sorted values of that score on the scored spans in it and the
-- oldest `scores_oldest_at` among them. A count with one score condition, filtered on type, model or
-- status at most, reads the window's whole hours here (a binary search per row: width_bucket) and scans
-- only its partial first and last hours; any other filter, or an hour whose spans carry an expired
-- score, is counted by the scan as before (lib/core/export/score-hours.ts).
-- The triggers below keep it exact: every statement that inserts, updates or deletes scored spans
-- recomputes the hours it touched from the span rows themselves, so the rollup is derived, never
-- adjusted, and cannot drift.

-- CreateTable
CREATE TABLE "span_score_hour" (
    "app_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "vals" DOUBLE PRECISION[],
    "oldest_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "span_score_hour_pkey" PRIMARY KEY ("app_id","name","hour","type","model","status")
);

-- Recomputes the rollup rows of the given (app, hour) pairs from the span rows.
-- Concurrency: statements inserting spans run side by side (they hold flywheel_spans_inserting's lock
-- shared). Two that touch one hour must not both compute it from a snapshot missing the other's spans,
-- so each takes an advisory lock per hour (hashed into 64 keys, taken in order: no deadlock, and a bulk
-- insert over a year of hours holds 64 locks, not thousands) before its DELETE and INSERT, which in
-- READ COMMITTED take their snapshots after the lock: the second sees the first's committed spans.
-- JIT off whatever the session says: the planner guesses ~100 scores per span and a default share of
-- the hour's spans, and that guess made a 1 ms recompute spend ~300 ms compiling (psql, migrations).
CREATE FUNCTION "flywheel_refresh_score_hours"(p_app_ids TEXT[], p_hours INTEGER[])
RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7231998, k.slot)
  FROM (SELECT DISTINCT ((hashtext(t.a) # t.h) & 63) AS slot FROM unnest(p_app_ids, p_hours) AS t(a, h)) k
  ORDER BY k.slot;
  DELETE FROM "span_score_hour" r
  USING unnest(p_app_ids, p_hours) AS t(a, h)
  WHERE r.app_id = t.a AND r.hour = t.h;
  INSERT INTO "span_score_hour" ("app_id", "name", "hour", "type", "model", "status", "vals", "oldest_at")
  SELECT s.app_id, e.key, t.h, s.type, coalesce(s.model, ''), s.status,
    array_agg(e.value::float8 ORDER BY e.value::float8), min(s.scores_oldest_at)
  FROM (SELECT DISTINCT a, h FROM unnest(p_app_ids, p_hours) AS u(a, h)) t
  JOIN "span" s ON s.app_id = t.a
    AND s."timestamp" >= to_timestamp(t.h * 3600.0) AND s."timestamp" < to_timestamp((t.h + 1) * 3600.0)
    AND s.scores_oldest_at IS NOT NULL
  CROSS JOIN LATERAL jsonb_each(s.scores) e
  GROUP BY s.app_id, e.key, t.h, s.type, coalesce(s.model, ''), s.status;
END
$$;

-- The hours a set of span rows lies in, counting only scored spans: spans without scores never enter
-- the rollup, so ingest of new (unscored) spans recomputes nothing.
CREATE FUNCTION "flywheel_span_hours_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "flywheel_refresh_score_hours"(array_agg(c.app_id), array_agg(c.h))
  FROM (SELECT DISTINCT app_id, floor(extract(epoch FROM "timestamp") / 3600)::int AS h
        FROM changed WHERE scores_oldest_at IS NOT NULL) c
  HAVING count(*) > 0;
  RETURN NULL;
END
$$;

CREATE FUNCTION "flywheel_span_hours_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "flywheel_refresh_score_hours"(array_agg(c.app_id), array_agg(c.h))
  FROM (SELECT app_id, floor(extract(epoch FROM "timestamp") / 3600)::int AS h
        FROM before_change WHERE scores_oldest_at IS NOT NULL
        UNION
        SELECT app_id, floor(extract(epoch FROM "timestamp") / 3600)::int
        FROM changed WHERE scores_oldest_at IS NOT NULL) c
  HAVING count(*) > 0;
  RETURN NULL;
END
$$;

-- CreateTrigger
CREATE TRIGGER "span_hours_inserted" AFTER INSERT ON "span"
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_span_hours_changed"();

CREATE TRIGGER "span_hours_updated" AFTER UPDATE ON "span"
REFERENCING OLD TABLE AS before_change NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_span_hours_updated"();

CREATE TRIGGER "span_hours_deleted" AFTER DELETE ON "span"
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_span_hours_changed"();

-- Backfill every hour that holds scored spans.
INSERT INTO "span_score_hour" ("app_id", "name", "hour", "type", "model", "status", "vals", "oldest_at")
SELECT s.app_id, e.key, floor(extract(epoch FROM s."timestamp") / 3600)::int, s.type, coalesce(s.model, ''), s.status,
  array_agg(e.value::float8 ORDER BY e.value::float8), min(s.scores_oldest_at)
FROM "span" s CROSS JOIN LATERAL jsonb_each(s.scores) e
WHERE s.scores_oldest_at IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6;
