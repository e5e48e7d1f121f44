-- A new span's scores set once per statement instead of once per row (issue 14's P4, docs/performance.md
-- "Tenth round"). The per-row BEFORE INSERT trigger probed `score` for every inserted span (2–4 ms of an
-- ingest batch of 512, nearly always finding nothing: spans are scored after they arrive). Now one
-- statement trigger asks the same question of all the statement's new rows at once and updates only the
-- rows whose trace already has scores, with the one definition of a span's scores (flywheel_span_scores),
-- so every row ends with the same `scores` and `scores_oldest_at` as before.
-- - Which rows: the transition table of an INSERT holds only the rows it inserted. A span re-sent through
--   INSERT … ON CONFLICT DO UPDATE keeps its row's scores, as before (the old trigger's values for such a
--   row were discarded: the upsert's SET leaves the score columns alone).
-- - Rollups: this trigger's UPDATE fires span_hours_updated, which adds the now-scored rows to the score
--   rollup (span_hours_inserted saw them unscored), and span_count_updated, which nets to zero.
-- - Concurrency is unchanged: spans_inserting still takes the shared advisory lock before the statement
--   inserts anything, and this trigger's statements take a new snapshot after it, as the row trigger's did.
DROP TRIGGER "span_inserting" ON "span";
DROP FUNCTION "flywheel_span_inserting"();

-- Both statements are written so that their plan, which PL/pgSQL keeps for the session, is index-driven
-- whatever the size of the statement it was first planned for: the probe is a LIMIT 1 subquery per new
-- row (never flattened into a join that could hash all of `score`), and the update reads the rows it was
-- given as arrays (estimated small) through the span's unique key.
CREATE FUNCTION "flywheel_span_scores_inserted"() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
DECLARE
  app_ids TEXT[];
  trace_ids TEXT[];
  span_ids TEXT[];
BEGIN
  SELECT array_agg(c.app_id), array_agg(c.trace_id), array_agg(c.span_id)
  INTO app_ids, trace_ids, span_ids
  FROM changed c
  CROSS JOIN LATERAL (SELECT FROM "score" x WHERE x.app_id = c.app_id AND x.trace_id = c.trace_id LIMIT 1) scored;
  -- The common case, a batch of spans whose traces have no scores yet, ends here.
  IF app_ids IS NULL THEN
    RETURN NULL;
  END IF;
  UPDATE "span" s
  SET ("scores", "scores_oldest_at") = (SELECT f.scores, f.oldest_at FROM "flywheel_span_scores"(s.app_id, s.trace_id, s.span_id) f)
  FROM unnest(app_ids, trace_ids, span_ids) AS k(app_id, trace_id, span_id)
  WHERE s.app_id = k.app_id AND s.trace_id = k.trace_id AND s.span_id = k.span_id;
  RETURN NULL;
END
$$;

CREATE TRIGGER "span_scores_inserted" AFTER INSERT ON "span"
REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION "flywheel_span_scores_inserted"();
