-- Hourly span counts for exact totals without visiting every span (issue 17, docs/performance.md "Ninth
-- round"): per app, hour of the span timestamp (hours since the Unix epoch, UTC), type, model ('' for
-- none) and status, how many spans there are. A count without score conditions, filtered on type, model
-- or status at most, sums the window's whole hours here and scans only its partial first and last hours
-- (lib/core/export/span-hours.ts); any other filter is counted by the scan as before.
-- Unlike span_score_hour (recomputed per hour from the span rows), these counts are adjusted by the
-- statement triggers below: an ingest batch of new spans adds to the rows of its hours instead of
-- recounting them, which would cost an hour's spans per batch. Every statement that inserts, updates or
-- deletes spans goes through them (INSERT … ON CONFLICT DO UPDATE fires the insert trigger for the rows
-- it inserted and the update trigger for the rows it updated), so the counts stay exact; a test compares
-- them with count(*) after ingest, re-sent spans, score writes and deletes (test/export/span-hours.test.ts).
-- Concurrency: the increments are row upserts, so two batches touching one hour serialise on that row
-- until the first commits, and each adds to the committed count; rows are upserted in key order, so two
-- statements never wait on each other in a cycle. Rows whose count falls to 0 are kept (harmless to a sum).

-- CreateTable
CREATE TABLE "span_hour" (
    "app_id" TEXT NOT NULL,
    "hour" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "n" BIGINT NOT NULL,

    CONSTRAINT "span_hour_pkey" PRIMARY KEY ("app_id","hour","type","model","status")
);

-- Transition tables are visible only in the trigger function itself, so each function does its upsert.
CREATE FUNCTION "flywheel_span_count_inserted"() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  INSERT INTO "span_hour" AS h ("app_id", "hour", "type", "model", "status", "n")
  SELECT app_id, floor(extract(epoch FROM "timestamp") / 3600)::int, type, coalesce(model, ''), status, count(*)
  FROM changed GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("app_id", "hour", "type", "model", "status") DO UPDATE SET "n" = h."n" + excluded."n";
  RETURN NULL;
END
$$;

CREATE FUNCTION "flywheel_span_count_deleted"() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  INSERT INTO "span_hour" AS h ("app_id", "hour", "type", "model", "status", "n")
  SELECT app_id, floor(extract(epoch FROM "timestamp") / 3600)::int, type, coalesce(model, ''), status, -count(*)
  FROM changed GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("app_id", "hour", "type", "model", "status") DO UPDATE SET "n" = h."n" + excluded."n";
  RETURN NULL;
END
$$;

-- An update moves a span between rows only when its app, hour, type, model or status changed (a re-sent
-- span with another status, say); a score write changes none of them, and its rows net to zero here.
CREATE FUNCTION "flywheel_span_count_updated"() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
BEGIN
  INSERT INTO "span_hour" AS h ("app_id", "hour", "type", "model", "status", "n")
  SELECT c.app_id, c.h, c.type, c.model, c.status, sum(c.d)
  FROM (SELECT app_id, floor(extract(epoch FROM "timestamp") / 3600)::int AS h, type, coalesce(model, '') AS model, status, -1 AS d
        FROM before_change
        UNION ALL
        SELECT app_id, floor(extract(epoch FROM "timestamp") / 3600)::int, type, coalesce(model, ''), status, 1
        FROM changed) c
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(c.d) <> 0 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("app_id", "hour", "type", "model", "status") DO UPDATE SET "n" = h."n" + excluded."n";
  RETURN NULL;
END
$$;

-- TRUNCATE of span (test resets, an operator's wipe) empties the counts with it.
CREATE FUNCTION "flywheel_span_count_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "span_hour";
  RETURN NULL;
END
$$;

-- CreateTrigger
CREATE TRIGGER "span_count_inserted" AFTER INSERT ON "span"
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_span_count_inserted"();

CREATE TRIGGER "span_count_updated" AFTER UPDATE ON "span"
REFERENCING OLD TABLE AS before_change NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_span_count_updated"();

CREATE TRIGGER "span_count_deleted" AFTER DELETE ON "span"
REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_span_count_deleted"();

CREATE TRIGGER "span_count_truncated" AFTER TRUNCATE ON "span"
FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_span_count_truncated"();

-- Backfill.
INSERT INTO "span_hour" ("app_id", "hour", "type", "model", "status", "n")
SELECT app_id, floor(extract(epoch FROM "timestamp") / 3600)::int, type, coalesce(model, ''), status, count(*)
FROM "span" GROUP BY 1, 2, 3, 4, 5;
