-- Login throttling (SPEC §8 "Logins", docs/security.md "Login throttling"): failed sign-ins per account
-- and per (account, client address), counted in the database so every server instance shares them.
-- `account` is the email as typed (trimmed, lower-cased), whether or not a user has it, so a throttled
-- unknown email looks exactly like a throttled real one.
CREATE TABLE "login_failure" (
    "id" BIGSERIAL NOT NULL,
    "account" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_failure_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "login_failure_account_created_at_idx" ON "login_failure"("account", "created_at");
CREATE INDEX "login_failure_created_at_idx" ON "login_failure"("created_at");

-- When one scope's lockout ends: `n` failures remembered in the scope, a lockout earned by each full
-- `p_limit` of them, the k-th lockout lasting p_lock_seconds * 2^(k-1) (capped at p_max_lock_seconds)
-- from the failure that earned it. NULL when the scope has not earned one.
CREATE FUNCTION "flywheel_login_lock_end"(
  p_account TEXT, p_address TEXT, p_limit INTEGER, p_lock_seconds INTEGER, p_max_lock_seconds INTEGER,
  p_since TIMESTAMPTZ)
RETURNS TIMESTAMPTZ
LANGUAGE plpgsql STABLE AS $$
DECLARE
  n INTEGER;
  k INTEGER;
  earned_at TIMESTAMPTZ;
BEGIN
  SELECT count(*) INTO n FROM "login_failure"
  WHERE "account" = p_account AND (p_address IS NULL OR "address" = p_address) AND "created_at" > p_since;
  k := n / p_limit;
  IF k = 0 THEN
    RETURN NULL;
  END IF;
  SELECT "created_at" INTO earned_at FROM "login_failure"
  WHERE "account" = p_account AND (p_address IS NULL OR "address" = p_address) AND "created_at" > p_since
  ORDER BY "created_at", "id"
  OFFSET k * p_limit - 1 LIMIT 1;
  RETURN earned_at + make_interval(secs => least(p_lock_seconds * power(2, least(k - 1, 30)), p_max_lock_seconds));
END
$$;

-- One sign-in attempt, in one round trip (lib/core/login-throttle.ts): takes a per-account lock, then
-- either refuses (allowed = false, wait_ms until the longer of the two lockouts ends) or records the
-- attempt as a failure before the password is even checked. A success deletes the account's failures
-- afterwards; a wrong password leaves its row. Recording first is what makes the limit hold under
-- concurrency: fifty parallel guesses cannot all pass a count taken before any of them is recorded.
-- Like flywheel_accept_export (20261126000000_accept_export_async_commit), the transaction commits
-- without waiting for a WAL flush: a database crash may forget the last ~0.2 s of failures.
CREATE FUNCTION "flywheel_login_attempt"(
  p_account TEXT, p_address TEXT, p_pair_limit INTEGER, p_account_limit INTEGER,
  p_lock_seconds INTEGER, p_max_lock_seconds INTEGER, p_memory_seconds INTEGER,
  OUT allowed BOOLEAN, OUT wait_ms FLOAT8)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  now_ts TIMESTAMPTZ;
  since TIMESTAMPTZ;
  lock_end TIMESTAMPTZ;
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  -- Two-key advisory locks are a key space apart from flywheel_accept_export's one-key locks;
  -- 1819045746 is 'login' hashed once, so no other caller of two-key locks meets it by chance.
  PERFORM pg_advisory_xact_lock(1819045746, hashtext(p_account));
  now_ts := clock_timestamp();
  since := now_ts - make_interval(secs => p_memory_seconds);
  -- Forget failures past the memory, a bounded batch per call, so the table stays about a day of attempts.
  DELETE FROM "login_failure" WHERE "id" IN (
    SELECT "id" FROM "login_failure" WHERE "created_at" <= since ORDER BY "created_at" LIMIT 100);
  lock_end := greatest(
    flywheel_login_lock_end(p_account, p_address, p_pair_limit, p_lock_seconds, p_max_lock_seconds, since),
    flywheel_login_lock_end(p_account, NULL, p_account_limit, p_lock_seconds, p_max_lock_seconds, since));
  IF lock_end IS NOT NULL AND lock_end > now_ts THEN
    allowed := false;
    wait_ms := extract(epoch FROM (lock_end - now_ts)) * 1000;
    RETURN;
  END IF;
  INSERT INTO "login_failure" ("account", "address", "created_at") VALUES (p_account, p_address, now_ts);
  allowed := true;
END
$$;
