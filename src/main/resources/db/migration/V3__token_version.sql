-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode.
-- Raised by POST /api/auth/logout-all. This server's tokens carry the version they were issued at; one older than
-- its user's current version is refused, so a logout from every device ends the tokens already handed out.
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
