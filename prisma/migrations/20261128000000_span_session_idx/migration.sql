-- unit=session exports (docs/export.md "Whole conversations") read every trace of a session: the
-- spans naming a session, found by it. Partial, so apps that send no session ids pay nothing for it
-- on writes, and the index holds only the spans that do.
CREATE INDEX "span_app_session_idx" ON "span" ("app_id", "session_id") WHERE "session_id" IS NOT NULL;
