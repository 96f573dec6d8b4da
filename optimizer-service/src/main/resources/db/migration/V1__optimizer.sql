-- The optimizer's own facts: what it recommends, what it changed and how that went, what it learned,
-- and the settings an operator put at runtime.

CREATE TABLE settings (
    namespace  varchar(128) PRIMARY KEY,
    body       jsonb        NOT NULL,
    updated_at timestamptz  NOT NULL,
    updated_by varchar(160)
);

CREATE TABLE recommendations (
    id               uuid             PRIMARY KEY,
    target           varchar(128)     NOT NULL,
    knob             varchar(128)     NOT NULL,
    strategy         varchar(128)     NOT NULL,
    from_value       double precision NOT NULL,
    to_value         double precision NOT NULL,
    expected_impact  double precision NOT NULL,
    confidence       double precision NOT NULL,
    model_impact     double precision NOT NULL,
    model_confidence double precision NOT NULL,
    outcomes         integer          NOT NULL DEFAULT 0,
    risk             varchar(16)      NOT NULL,
    priority         integer          NOT NULL,
    rationale        text             NOT NULL,
    status           varchar(16)      NOT NULL,
    action_id        uuid,
    created_at       timestamptz      NOT NULL,
    updated_at       timestamptz      NOT NULL,
    closed_by        varchar(160)
);
-- One open recommendation per target, knob and strategy: a new proposal refreshes it.
CREATE UNIQUE INDEX recommendations_one_open ON recommendations (target, knob, strategy) WHERE status = 'open';
CREATE INDEX recommendations_by_time ON recommendations (updated_at DESC);

CREATE TABLE actions (
    id                uuid             PRIMARY KEY,
    recommendation_id uuid,
    origin            varchar(16)      NOT NULL,
    strategy          varchar(128)     NOT NULL,
    target            varchar(128)     NOT NULL,
    knob              varchar(128)     NOT NULL,
    from_value        double precision NOT NULL,
    to_value          double precision NOT NULL,
    expected_impact   double precision NOT NULL,
    confidence        double precision NOT NULL,
    measured_impact   double precision,
    state             varchar(16)      NOT NULL,
    actor             varchar(160)     NOT NULL,
    rationale         text,
    error             text,
    summary           text,
    before_figures    jsonb,
    after_figures     jsonb,
    changes           jsonb,
    created_at        timestamptz      NOT NULL,
    applied_at        timestamptz,
    verify_at         timestamptz,
    finished_at       timestamptz,
    updated_at        timestamptz      NOT NULL
);
-- At most one change per target in flight (being applied, or applied and not yet verified).
CREATE UNIQUE INDEX actions_one_pending ON actions (target) WHERE state IN ('applying', 'applied');
CREATE INDEX actions_due ON actions (verify_at) WHERE state = 'applied';
CREATE INDEX actions_by_time ON actions (created_at DESC);
CREATE INDEX actions_recent ON actions (target, knob, created_at DESC);

CREATE TABLE action_events (
    action_id uuid         NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    at        timestamptz  NOT NULL,
    state     varchar(16)  NOT NULL,
    detail    text,
    PRIMARY KEY (action_id, at, state)
);

-- Every verified or rolled-back action's measured effect, replayed into the impact learner at start.
CREATE TABLE outcomes (
    action_id       uuid             PRIMARY KEY,
    strategy        varchar(128)     NOT NULL,
    target          varchar(128)     NOT NULL,
    expected_impact double precision NOT NULL,
    measured_impact double precision NOT NULL,
    verdict         varchar(16)      NOT NULL,
    at              timestamptz      NOT NULL
);
CREATE INDEX outcomes_by_time ON outcomes (at);
