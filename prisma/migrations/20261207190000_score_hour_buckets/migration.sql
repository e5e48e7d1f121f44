-- The score rollup's rows split by value bucket (issue 17, docs/performance.md "Ninth round"). A row held
-- all the values of its hour, type, model and status, so a count read (and decompressed, once the array
-- passed PostgreSQL's ~2 KB TOAST threshold) every value of the window: at 2M spans the Traces table's
-- count took 15–20 ms against 6.6 ms at 1M. Now a row holds the values of one bucket (an eighth of a unit:
-- floor(value × 8), clamped) and their number `n`, so a count with one condition reads the values of the
-- threshold's bucket only and takes `n` for the buckets wholly on either side of it.
-- Measured on the 2M bench database (docs/performance.md "Ninth round").
CREATE FUNCTION "flywheel_score_bucket"(v float8) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(greatest(floor(v * 8), -1000000000), 1000000000)::int
$$;

DELETE FROM "span_score_hour";
ALTER TABLE "span_score_hour" DROP CONSTRAINT "span_score_hour_pkey";
ALTER TABLE "span_score_hour" ADD COLUMN "bucket" INTEGER NOT NULL, ADD COLUMN "n" INTEGER NOT NULL;
-- The key INCLUDEs n and oldest_at, so the rows of the buckets on either side of a threshold (seven in
-- eight, for scores in [0, 1)) are summed by an index-only scan, without visiting the rows' arrays.
ALTER TABLE "span_score_hour" ADD CONSTRAINT "span_score_hour_pkey" PRIMARY KEY ("app_id","name","hour","type","model","status","bucket") INCLUDE ("n", "oldest_at");

-- As in 20261125300000_score_hours, with the bucket and the count.
CREATE OR REPLACE FUNCTION "flywheel_refresh_score_hours"(p_app_ids TEXT[], p_hours INTEGER[])
RETURNS void LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7231998, k.slot)
  FROM (SELECT DISTINCT ((hashtext(t.a) # t.h) & 63) AS slot FROM unnest(p_app_ids, p_hours) AS t(a, h)) k
  ORDER BY k.slot;
  DELETE FROM "span_score_hour" r
  USING unnest(p_app_ids, p_hours) AS t(a, h)
  WHERE r.app_id = t.a AND r.hour = t.h;
  INSERT INTO "span_score_hour" ("app_id", "name", "hour", "type", "model", "status", "bucket", "vals", "n", "oldest_at")
  SELECT s.app_id, e.key, t.h, s.type, coalesce(s.model, ''), s.status, "flywheel_score_bucket"(e.value::float8),
    array_agg(e.value::float8 ORDER BY e.value::float8), count(*), min(s.scores_oldest_at)
  FROM (SELECT DISTINCT a, h FROM unnest(p_app_ids, p_hours) AS u(a, h)) t
  JOIN "span" s ON s.app_id = t.a
    AND s."timestamp" >= to_timestamp(t.h * 3600.0) AND s."timestamp" < to_timestamp((t.h + 1) * 3600.0)
    AND s.scores_oldest_at IS NOT NULL
  CROSS JOIN LATERAL jsonb_each(s.scores) e
  GROUP BY s.app_id, e.key, t.h, s.type, coalesce(s.model, ''), s.status, "flywheel_score_bucket"(e.value::float8);
END
$$;

-- Backfill every hour that holds scored spans.
INSERT INTO "span_score_hour" ("app_id", "name", "hour", "type", "model", "status", "bucket", "vals", "n", "oldest_at")
SELECT s.app_id, e.key, floor(extract(epoch FROM s."timestamp") / 3600)::int, s.type, coalesce(s.model, ''), s.status,
  "flywheel_score_bucket"(e.value::float8), array_agg(e.value::float8 ORDER BY e.value::float8), count(*), min(s.scores_oldest_at)
FROM "span" s CROSS JOIN LATERAL jsonb_each(s.scores) e
WHERE s.scores_oldest_at IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;
