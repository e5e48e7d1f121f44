-- Sessions end (SPEC §8, docs/security.md "Sessions and how they end"): every dashboard session and
-- user access token carries the user's session version (`sv`) from when it was issued; sign-out,
-- "sign out everywhere", a password change and a removed membership advance it, and every check
-- refuses a credential whose version is not the current one.
ALTER TABLE "user" ADD COLUMN "session_version" INTEGER NOT NULL DEFAULT 0;
