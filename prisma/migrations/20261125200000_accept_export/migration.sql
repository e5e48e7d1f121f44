-- The export rate limit's check-and-record (lib/core/rate-limit.ts, SPEC §3) as one function, so an
-- export pays one round trip for it instead of five (BEGIN, lock, count, insert, COMMIT: ~7 ms of every
-- export; docs/performance.md). Same rule as before: a per-tenant advisory lock serialises the callers
-- of a tenant on every server instance, and the database clock is the only clock.
-- VOLATILE plpgsql: in READ COMMITTED each statement below takes a new snapshot, so the count, taken
-- after the lock, sees every request recorded by a caller that held the lock before.
CREATE FUNCTION "flywheel_accept_export"(
  p_id TEXT, p_tenant_id TEXT, p_app_id TEXT, p_actor TEXT, p_format TEXT, p_query TEXT,
  p_limit INTEGER, p_window_seconds INTEGER,
  OUT accepted BOOLEAN, OUT wait_ms FLOAT8)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  n BIGINT;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext(p_tenant_id));
  SELECT count(*) INTO n FROM "export_request"
  WHERE "tenant_id" = p_tenant_id AND "created_at" > clock_timestamp() - make_interval(secs => p_window_seconds);
  IF n >= p_limit THEN
    -- The request whose departure frees a slot: with n requests in the window, the (n - limit + 1)-th
    -- oldest. That is the oldest one when n = limit; later ones if the limit was lowered meanwhile.
    SELECT extract(epoch FROM ("created_at" + make_interval(secs => p_window_seconds) - clock_timestamp())) * 1000
    INTO wait_ms
    FROM "export_request"
    WHERE "tenant_id" = p_tenant_id AND "created_at" > clock_timestamp() - make_interval(secs => p_window_seconds)
    ORDER BY "created_at" ASC
    OFFSET n - p_limit LIMIT 1;
    accepted := false;
    RETURN;
  END IF;
  INSERT INTO "export_request" ("id", "tenant_id", "app_id", "actor", "format", "query", "created_at")
  VALUES (p_id, p_tenant_id, p_app_id, p_actor, p_format, p_query, clock_timestamp());
  accepted := true;
END
$$;
