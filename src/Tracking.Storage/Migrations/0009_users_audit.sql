-- Users who sign in with a password (users signing in through an OpenID Connect provider are not stored: their
-- provider vouches for them and names their roles on every sign-in).
CREATE TABLE users (
    name          text PRIMARY KEY CHECK (name ~ '^[A-Za-z0-9_.@-]{1,100}$'),
    display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
    -- ASP.NET Core Identity's PasswordHasher format (PBKDF2, salted, versioned); null: no password sign-in.
    password_hash text,
    roles         text[] NOT NULL DEFAULT '{}'
                  CHECK (roles <@ ARRAY['dispatcher', 'supervisor', 'analyst', 'administrator']::text[]),
    disabled      boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now(),
    changed_at    timestamptz NOT NULL DEFAULT now());

-- Bearer tokens for machine clients (a CAD integration, scripts). Only a SHA-256 hash of the token is kept: the token
-- is 256 random bits, so a fast hash is as safe as a slow one, and it lets a request find its token by index.
CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY,
    owner        text NOT NULL REFERENCES users (name),
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    token_hash   bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz);
CREATE INDEX api_tokens_owner_idx ON api_tokens (owner);

-- Who saw whose movements, and every sign-in, user and token change. Append-only: the trigger below refuses to change
-- or remove a row, whoever asks (the table's owner included); only dropping the table would, and that is not the
-- application's business. Kept whatever the retention of fixes.
CREATE TABLE audit_log (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL DEFAULT clock_timestamp(),
    user_name      text NOT NULL,
    action         text NOT NULL,
    -- What was looked at or changed: a device, unit, officer, user or token id (null: a report over everyone).
    subject        text,
    purpose        text,
    path           text NOT NULL,
    query          text,
    client_address text);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_user_idx ON audit_log (user_name, at DESC);
CREATE INDEX audit_log_subject_idx ON audit_log (subject, at DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
