-- Scrape targets added over REST (those from configuration are not stored), and detected anomalies,
-- partitioned by month so retention drops whole partitions (see AnomalyRepository).

CREATE TABLE targets (
    name       varchar(128)  PRIMARY KEY,
    url        varchar(2048) NOT NULL,
    created_at timestamptz   NOT NULL DEFAULT now()
);

CREATE TABLE anomalies (
    id          uuid             NOT NULL,
    detected_at timestamptz      NOT NULL,
    metric      varchar(128)     NOT NULL,
    target      varchar(128)     NOT NULL,
    labels      jsonb            NOT NULL DEFAULT '{}',
    value       double precision NOT NULL,
    expected    double precision NOT NULL,
    score       double precision NOT NULL,
    severity    varchar(16)      NOT NULL,
    detector    varchar(64)      NOT NULL,
    confidence  double precision NOT NULL,
    PRIMARY KEY (id, detected_at)
) PARTITION BY RANGE (detected_at);

CREATE INDEX anomalies_detected_at ON anomalies (detected_at DESC);
CREATE INDEX anomalies_series ON anomalies (metric, target, detected_at DESC);
