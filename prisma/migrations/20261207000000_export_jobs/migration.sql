-- Bulk export jobs (SPEC §7, docs/bulk-exports.md). One row per job: its state, progress and resume
-- point. The queue library (pg-boss, its own schema "pgboss") only wakes workers; this row is the truth.
CREATE TABLE "export_job" (
    "id" TEXT NOT NULL,
    "tenant_id" TEXT NOT NULL,
    "app_id" TEXT NOT NULL,
    -- queued | running | succeeded | failed | cancelled
    "status" TEXT NOT NULL DEFAULT 'queued',
    "format" TEXT NOT NULL,
    -- The body as the client sent it (re-read with the same schema and created_at when the job runs)
    -- and the normalised body with resolved dates (what the API answers as `params`).
    "request" JSONB NOT NULL,
    "params" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(6),
    "finished_at" TIMESTAMPTZ(6),
    "total" BIGINT,
    "rows_read" BIGINT NOT NULL DEFAULT 0,
    "exported" BIGINT NOT NULL DEFAULT 0,
    "skipped" BIGINT NOT NULL DEFAULT 0,
    "skip_reasons" JSONB NOT NULL DEFAULT '{}',
    "tokens" BIGINT,
    "redactions" JSONB,
    "bytes" BIGINT NOT NULL DEFAULT 0,
    "files" JSONB NOT NULL DEFAULT '[]',
    "error" JSONB,
    -- The resume point, written with the progress it describes: the part (file) being written, the
    -- cursor after the last row written, each file's byte offset and row count.
    "checkpoint" JSONB,
    -- Who runs it and when it last proved alive: a running job whose heartbeat is stale is re-queued.
    "worker" TEXT,
    "heartbeat_at" TIMESTAMPTZ(6),
    -- When its files were deleted (DELETE of a finished job, or expiry after FLYWHEEL_EXPORT_FILE_DAYS).
    "files_deleted_at" TIMESTAMPTZ(6),

    CONSTRAINT "export_job_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "export_job_app_idx" ON "export_job"("tenant_id", "app_id", "created_at" DESC);
CREATE INDEX "export_job_active_idx" ON "export_job"("status", "tenant_id") WHERE "status" IN ('queued', 'running');

ALTER TABLE "export_job" ADD CONSTRAINT "export_job_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- dedupe=true across a whole job: the keys of the examples written so far, so memory stays flat and a
-- resumed job still knows them.
CREATE TABLE "export_job_seen" (
    "job_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,

    CONSTRAINT "export_job_seen_pkey" PRIMARY KEY ("job_id", "key")
);

ALTER TABLE "export_job_seen" ADD CONSTRAINT "export_job_seen_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "export_job"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Claims a job for a worker: a queued job, or a running one whose worker stopped proving it is alive
-- (heartbeat older than p_stale_seconds: killed mid-job), unless another job of the same tenant is
-- running — one running job per tenant. The per-tenant advisory lock serialises claims of one tenant
-- (on any number of workers), and each statement below sees the others' committed claims.
CREATE FUNCTION flywheel_claim_export_job(p_id TEXT, p_worker TEXT, p_stale_seconds INT)
RETURNS TEXT AS $$
DECLARE
  v_tenant TEXT;
  v_claimed TEXT;
BEGIN
  SELECT tenant_id INTO v_tenant FROM export_job WHERE id = p_id;
  IF v_tenant IS NULL THEN RETURN 'gone'; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('flywheel_export_job:' || v_tenant));
  IF EXISTS (SELECT 1 FROM export_job o WHERE o.tenant_id = v_tenant AND o.id <> p_id AND o.status = 'running'
      AND o.heartbeat_at >= now() - make_interval(secs => p_stale_seconds)) THEN
    RETURN 'busy';
  END IF;
  UPDATE export_job SET status = 'running', worker = p_worker, heartbeat_at = now(), started_at = coalesce(started_at, now())
  WHERE id = p_id AND (status = 'queued' OR (status = 'running' AND (heartbeat_at IS NULL OR heartbeat_at < now() - make_interval(secs => p_stale_seconds))))
  RETURNING id INTO v_claimed;
  IF v_claimed IS NULL THEN RETURN 'taken'; END IF;
  RETURN 'claimed';
END;
$$ LANGUAGE plpgsql;
