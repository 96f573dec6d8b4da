-- Notifications: receivers added over REST (those from configuration are not stored), the grouping
-- state per receiver and group (what was sent, when, and when to look again), and the outbox of
-- deliveries. Every replica reads and claims these rows; none keeps notification state in memory.

CREATE TABLE notification_receivers (
    name          varchar(128)  PRIMARY KEY,
    type          varchar(16)   NOT NULL,
    url           varchar(2048),
    severities    jsonb         NOT NULL DEFAULT '[]',
    match         jsonb         NOT NULL DEFAULT '{}',
    headers       jsonb         NOT NULL DEFAULT '{}',
    send_resolved boolean       NOT NULL DEFAULT true,
    created_at    timestamptz   NOT NULL DEFAULT now()
);

-- One row per receiver and group key. members: fingerprint -> the latest state of each alert of the
-- group; notified: fingerprints whose firing the receiver was told of. flush_at: when a dispatcher looks
-- at the group next (group wait, group interval or repeat interval); null while nothing is due.
CREATE TABLE notification_groups (
    receiver     varchar(128) NOT NULL,
    group_key    text         NOT NULL,
    group_id     uuid         NOT NULL,
    group_labels jsonb        NOT NULL DEFAULT '{}',
    members      jsonb        NOT NULL DEFAULT '{}',
    notified     jsonb        NOT NULL DEFAULT '[]',
    flush_at     timestamptz,
    last_sent_at timestamptz,
    sequence     bigint       NOT NULL DEFAULT 0,
    created_at   timestamptz  NOT NULL,
    updated_at   timestamptz  NOT NULL,
    PRIMARY KEY (receiver, group_key)
);

CREATE INDEX notification_groups_due ON notification_groups (flush_at) WHERE flush_at IS NOT NULL;

-- The outbox: one row per notification to one receiver. position orders the deliveries of a group, so
-- a resolved notification never overtakes the firing one it follows.
CREATE TABLE notification_deliveries (
    id              uuid         PRIMARY KEY,
    position        bigint       GENERATED ALWAYS AS IDENTITY,
    receiver        varchar(128) NOT NULL,
    group_key       text         NOT NULL,
    dedupe_key      varchar(256) NOT NULL,
    status          varchar(16)  NOT NULL,
    alert_count     integer      NOT NULL,
    payload         jsonb        NOT NULL,
    state           varchar(16)  NOT NULL,
    attempts        integer      NOT NULL DEFAULT 0,
    next_attempt_at timestamptz  NOT NULL,
    claimed_at      timestamptz,
    claim_token     uuid,
    last_error      text,
    created_at      timestamptz  NOT NULL,
    delivered_at    timestamptz,
    CONSTRAINT notification_deliveries_dedupe UNIQUE (dedupe_key),
    CONSTRAINT notification_deliveries_state CHECK (state IN ('pending', 'sending', 'delivered', 'retrying', 'dead'))
);

CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at)
    WHERE state IN ('pending', 'retrying');
CREATE INDEX notification_deliveries_claimed ON notification_deliveries (claimed_at) WHERE state = 'sending';
CREATE INDEX notification_deliveries_open ON notification_deliveries (receiver, group_key, position)
    WHERE state IN ('pending', 'retrying', 'sending');
CREATE INDEX notification_deliveries_created ON notification_deliveries (created_at DESC);
