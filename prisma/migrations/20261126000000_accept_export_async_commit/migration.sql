-- flywheel_accept_export (20261125200000_accept_export) commits without waiting for its WAL to be
-- flushed: every export waited for one disk flush (~0.3 ms here, 1-5 ms on network disks) before its
-- first byte. What that risks: after a database crash, the requests of its last ~0.2 s
-- (wal_writer_delay) may be missing from export_request, so a tenant could export that many more times
-- that hour, and the audit log would miss them. Visibility is unchanged: the row is seen by the next
-- caller as soon as this one commits, so the limit holds across server instances as before.
CREATE OR REPLACE FUNCTION "flywheel_accept_export"(
  p_id TEXT, p_tenant_id TEXT, p_app_id TEXT, p_actor TEXT, p_format TEXT, p_query TEXT,
  p_limit INTEGER, p_window_seconds INTEGER,
  OUT accepted BOOLEAN, OUT wait_ms FLOAT8)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  n BIGINT;
BEGIN
  -- Until this transaction ends (is_local): its COMMIT does not wait for the WAL to reach the disk.
  PERFORM set_config('synchronous_commit', 'off', true);
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
