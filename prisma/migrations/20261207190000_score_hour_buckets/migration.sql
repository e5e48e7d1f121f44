-- The score rollup's rows split by value bucket (issue 17, docs/performance.md "Ninth round"). A row held
-- all the values of its hour, type, model and status, so a count read (and decompressed, once the array
-- passed PostgreSQL's ~2 KB TOAST threshold) every value of the window: on the 2M bench database the
-- Traces table's count took 15–20 ms against 6.6 ms at 1M. Now a row holds the values of one bucket (an
-- eighth of a unit: floor(value × 8), clamped) and their number `n`, and each hour, type, model and status
-- has one summary row (bucket = -2147483648, below every real bucket) with its buckets in order (`ids`)
-- and the running number of values up to each (`cum`). A count with one condition reads the values of
-- the threshold's bucket only, and takes the values on either side of that bucket from the summary rows
-- (a binary search in `ids`): two rows per hour, type, model and status, whatever the app's size.
CREATE FUNCTION "flywheel_score_bucket"(v float8) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT least(greatest(floor(v * 8), -1000000000), 1000000000)::int
$$;

DELETE FROM "span_score_hour";
ALTER TABLE "span_score_hour" DROP CONSTRAINT "span_score_hour_pkey";
ALTER TABLE "span_score_hour" ADD COLUMN "bucket" INTEGER NOT NULL, ADD COLUMN "n" INTEGER NOT NULL,
  ADD COLUMN "ids" INTEGER[], ADD COLUMN "cum" INTEGER[];
ALTER TABLE "span_score_hour" ADD CONSTRAINT "span_score_hour_pkey" PRIMARY KEY ("app_id","name","hour","type","model","status","bucket");

-- The summary rows of the given (app, hour) pairs, from their bucket rows.
CREATE FUNCTION "flywheel_summarise_score_hours"(p_app_ids TEXT[], p_hours INTEGER[])
RETURNS void LANGUAGE sql SET jit = off AS $$
  INSERT INTO "span_score_hour" ("app_id", "name", "hour", "type", "model", "status", "bucket", "n", "ids", "cum", "oldest_at")
  SELECT app_id, name, hour, type, model, status, -2147483648, sum(n), array_agg(bucket ORDER BY bucket),
    array_agg(c ORDER BY bucket), min(oldest_at)
  FROM (SELECT r.app_id, r.name, r.hour, r.type, r.model, r.status, r.bucket, r.n, r.oldest_at,
          sum(r.n) OVER (PARTITION BY r.app_id, r.name, r.hour, r.type, r.model, r.status ORDER BY r.bucket) AS c
        FROM "span_score_hour" r
        JOIN (SELECT DISTINCT a, h FROM unnest(p_app_ids, p_hours) AS u(a, h)) t ON r.app_id = t.a AND r.hour = t.h
        WHERE r.bucket > -2147483648) x
  GROUP BY 1, 2, 3, 4, 5, 6
$$;

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
  PERFORM "flywheel_summarise_score_hours"(p_app_ids, p_hours);
END
$$;

-- Backfill every hour that holds scored spans.
INSERT INTO "span_score_hour" ("app_id", "name", "hour", "type", "model", "status", "bucket", "vals", "n", "oldest_at")
SELECT s.app_id, e.key, floor(extract(epoch FROM s."timestamp") / 3600)::int, s.type, coalesce(s.model, ''), s.status,
  "flywheel_score_bucket"(e.value::float8), array_agg(e.value::float8 ORDER BY e.value::float8), count(*), min(s.scores_oldest_at)
FROM "span" s CROSS JOIN LATERAL jsonb_each(s.scores) e
WHERE s.scores_oldest_at IS NOT NULL
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO "span_score_hour" ("app_id", "name", "hour", "type", "model", "status", "bucket", "n", "ids", "cum", "oldest_at")
SELECT app_id, name, hour, type, model, status, -2147483648, sum(n), array_agg(bucket ORDER BY bucket),
  array_agg(c ORDER BY bucket), min(oldest_at)
FROM (SELECT r.*, sum(r.n) OVER (PARTITION BY r.app_id, r.name, r.hour, r.type, r.model, r.status ORDER BY r.bucket) AS c
      FROM "span_score_hour" r) x
GROUP BY 1, 2, 3, 4, 5, 6;
