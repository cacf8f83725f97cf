-- Accounts for a studio on a network (`serve --host` off loopback): people, their sessions and the API
-- tokens an admin issues. Secrets are never stored: sessions and tokens by SHA-256 of the random value the
-- browser or client holds, passwords as Argon2id PHC strings.

CREATE TABLE account (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 64),
    role          TEXT NOT NULL CHECK (role IN ('artist', 'reviewer', 'admin')),
    password_hash TEXT NOT NULL,                 -- $argon2id$v=19$m=...,t=...,p=...$salt$hash
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- A signed-in browser. Times are epoch milliseconds: expiry is compared on every request.
CREATE TABLE session (
    id_digest   TEXT PRIMARY KEY CHECK (length(id_digest) = 64),  -- SHA-256 (hex) of the cookie's value
    account_id  INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    csrf        TEXT NOT NULL,                   -- this session's form token
    created_at  INTEGER NOT NULL,
    seen_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL
);
CREATE INDEX session_by_account ON session (account_id);

-- A token for programs (Authorization: Bearer bdn_...), shown once when issued.
CREATE TABLE api_token (
    digest       TEXT PRIMARY KEY CHECK (length(digest) = 64),    -- SHA-256 (hex) of the whole token
    prefix       TEXT NOT NULL,                  -- its first characters, to tell tokens apart in a list
    account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    last_used_at TEXT
);
CREATE INDEX api_token_by_account ON api_token (account_id);
