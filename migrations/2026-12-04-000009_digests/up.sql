-- Email digests for community councils (src/digest/): who subscribed, the community councils an
-- analyst imported, the keyed hashes of addresses that unsubscribed, and the outbox of emails to
-- send. An address is kept only while its subscription exists (pending confirmation or
-- confirmed); unsubscribing deletes the subscription and, by cascade, every email to it.

-- The community councils an analyst imported (Improvement Service Spatial Hub columns), offered as
-- choices on the sign-up page. No personal data.
CREATE TABLE community_councils (
    id BIGSERIAL PRIMARY KEY,
    council_area_code TEXT NOT NULL REFERENCES council_areas (code),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    url TEXT CHECK (length(url) <= 500),
    UNIQUE (council_area_code, name)
);

CREATE TABLE digest_subscriptions (
    id BIGSERIAL PRIMARY KEY,
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    -- HMAC of the normalised address (key `email-hash` in signing_keys): one subscription per
    -- address and area, found without comparing addresses in clear.
    email_hash BYTEA NOT NULL,
    council_area_code TEXT NOT NULL REFERENCES council_areas (code),
    community_council TEXT CHECK (length(community_council) <= 200),
    postcode_districts TEXT[] NOT NULL DEFAULT '{}',
    frequency TEXT NOT NULL DEFAULT 'monthly' CHECK (frequency IN ('weekly', 'monthly')),
    source TEXT NOT NULL CHECK (source IN ('sign-up', 'import')),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- SHA-256 of the single-use confirmation token; NULL once confirmed.
    confirm_token_hash BYTEA UNIQUE,
    confirm_expires_at TIMESTAMPTZ,
    confirmed_at TIMESTAMPTZ,
    UNIQUE (email_hash, council_area_code),
    -- Pending until confirmed: a pending subscription always has its token.
    CHECK (confirmed_at IS NOT NULL OR confirm_token_hash IS NOT NULL)
);
CREATE INDEX digest_subscriptions_confirmed ON digest_subscriptions (council_area_code) WHERE confirmed_at IS NOT NULL;

-- Addresses that unsubscribed, as keyed hashes only: an import cannot silently subscribe them again.
CREATE TABLE digest_unsubscribed (
    email_hash BYTEA PRIMARY KEY,
    unsubscribed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Emails to send, written in the same transaction as what caused them. A sender claims rows with
-- FOR UPDATE SKIP LOCKED and a lease (`locked_until`), sends, and marks them sent after the
-- server's 250; a crash between the two sends the row again with the same Message-ID.
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('confirmation', 'digest')),
    subscription_id BIGINT NOT NULL REFERENCES digest_subscriptions (id) ON DELETE CASCADE,
    -- For digests: the consultation and the period ('2026-12', '2026-W49' or 'final').
    consultation_id TEXT,
    period TEXT,
    recipient TEXT NOT NULL,
    message_id TEXT NOT NULL UNIQUE,
    subject TEXT NOT NULL,
    body_text TEXT NOT NULL,
    body_html TEXT NOT NULL,
    unsubscribe_url TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    locked_until TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at TIMESTAMPTZ,
    -- At most one digest per subscription, consultation and period (NULLs, for confirmation
    -- emails, never collide).
    UNIQUE (subscription_id, consultation_id, period),
    CHECK ((kind = 'digest') = (consultation_id IS NOT NULL AND period IS NOT NULL))
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
-- The builder asks which digests of the periods due now exist already.
CREATE INDEX outbox_digest_period ON outbox (period) WHERE kind = 'digest';
