-- Who may connect to the MQTT broker and report over OsmAnd HTTP: a secret per device, and service accounts
-- (TETRA gateways, command and control) that are not devices. Only salted slow hashes are stored, in the
-- self-describing form 'pbkdf2-sha256$<iterations>$<salt, base64>$<hash, base64>', so the parameters can be
-- raised later without invalidating the hashes already stored.

CREATE TABLE device_credentials (
    device_id   text PRIMARY KEY REFERENCES devices (id) ON DELETE CASCADE,
    secret_hash text NOT NULL CHECK (length(secret_hash) BETWEEN 1 AND 400),
    set_at      timestamptz NOT NULL DEFAULT now()
);

-- A service account's username starts with '@', which no device id may contain, so a device id and an account
-- can never be confused, in this server's broker or in an external broker's password file.
CREATE TABLE broker_accounts (
    username    text PRIMARY KEY CHECK (username ~ '^@[A-Za-z0-9_.-]{1,64}$'),
    role        text NOT NULL CHECK (role IN ('gateway', 'cad')),
    secret_hash text NOT NULL CHECK (length(secret_hash) BETWEEN 1 AND 400),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
