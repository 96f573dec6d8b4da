-- Session records and per-minute rollups of the counts. Both are partitioned by month so that
-- retention drops whole partitions; the service creates the partitions ahead of time
-- (see PartitionMaintenance) and on demand for late records.

CREATE TABLE session_records (
    session_id      varchar(128) NOT NULL,
    user_id         varchar(128) NOT NULL,
    organization_id varchar(128) NOT NULL,
    module_id       varchar(128) NOT NULL,
    user_agent      varchar(512),
    ip_address      varchar(64),
    started_at      timestamptz  NOT NULL,
    ended_at        timestamptz  NOT NULL,
    duration_ms     bigint       NOT NULL,
    end_reason      varchar(16)  NOT NULL,
    -- The same ended session written twice (a retry after a lost acknowledgement) is one row.
    PRIMARY KEY (session_id, ended_at)
) PARTITION BY RANGE (ended_at);

CREATE INDEX session_records_ended_at ON session_records (ended_at);
CREATE INDEX session_records_user ON session_records (user_id, ended_at);
CREATE INDEX session_records_organization ON session_records (organization_id, ended_at);

CREATE TABLE concurrency_rollups (
    scope           varchar(16)      NOT NULL,  -- 'all' or 'module'
    scope_id        varchar(128)     NOT NULL,  -- '*' for 'all', else the module id
    minute          timestamptz      NOT NULL,
    min_users       bigint           NOT NULL,
    avg_users       double precision NOT NULL,
    max_users       bigint           NOT NULL,
    covered_seconds integer          NOT NULL,
    samples         integer          NOT NULL,
    PRIMARY KEY (scope, scope_id, minute)
) PARTITION BY RANGE (minute);
