-- Rules added over REST (the default rules come from configuration), alerts with their timeline, and
-- silences. Alert events are the history: partitioned by month so retention drops whole partitions.

CREATE TABLE rules (
    name       varchar(128) PRIMARY KEY,
    definition jsonb        NOT NULL,
    enabled    boolean      NOT NULL DEFAULT true,
    created_at timestamptz  NOT NULL DEFAULT now(),
    updated_at timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE alerts (
    id              uuid             PRIMARY KEY,
    fingerprint     varchar(64)      NOT NULL,
    rule            varchar(128)     NOT NULL,
    severity        varchar(16)      NOT NULL,
    state           varchar(16)      NOT NULL,
    metric          varchar(128)     NOT NULL,
    target          varchar(128)     NOT NULL,
    labels          jsonb            NOT NULL DEFAULT '{}',
    value           double precision NOT NULL,
    threshold       double precision,
    summary         text,
    description     text,
    starts_at       timestamptz      NOT NULL,
    firing_at       timestamptz,
    ends_at         timestamptz,
    updated_at      timestamptz      NOT NULL,
    acknowledged_by varchar(128),
    acknowledged_at timestamptz,
    resolved_by     varchar(128),
    note            text,
    silenced        boolean          NOT NULL DEFAULT false,
    inhibited       boolean          NOT NULL DEFAULT false,
    flapping        boolean          NOT NULL DEFAULT false
);

-- One active alert per fingerprint, whichever replica writes it.
CREATE UNIQUE INDEX alerts_one_active_per_fingerprint ON alerts (fingerprint) WHERE state <> 'RESOLVED';
CREATE INDEX alerts_starts_at ON alerts (starts_at DESC);
CREATE INDEX alerts_rule ON alerts (rule, starts_at DESC);
CREATE INDEX alerts_target ON alerts (target, starts_at DESC);

CREATE TABLE alert_events (
    alert_id   uuid         NOT NULL,
    at         timestamptz  NOT NULL,
    state      varchar(16)  NOT NULL,
    value      double precision,
    actor      varchar(128),
    note       text,
    PRIMARY KEY (alert_id, at, state)
) PARTITION BY RANGE (at);

CREATE TABLE silences (
    id         uuid         PRIMARY KEY,
    matchers   jsonb        NOT NULL,
    starts_at  timestamptz  NOT NULL,
    ends_at    timestamptz  NOT NULL,
    created_by varchar(128) NOT NULL,
    comment    text,
    created_at timestamptz  NOT NULL DEFAULT now(),
    expired_at timestamptz
);
