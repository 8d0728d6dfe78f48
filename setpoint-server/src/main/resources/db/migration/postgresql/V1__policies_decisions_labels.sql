-- Setpoint decision service, PostgreSQL store. Times are epoch milliseconds (UTC), as in the embedded
-- store, so both answer the same queries the same way.
CREATE TABLE policy_version (
  name        TEXT    NOT NULL,
  version     BIGINT  NOT NULL CHECK (version >= 1),
  document    TEXT    NOT NULL,
  sha256      TEXT    NOT NULL,
  created_at  BIGINT  NOT NULL,
  created_by  TEXT    NOT NULL,
  comment     TEXT,
  PRIMARY KEY (name, version)
);

CREATE TABLE policy_event (
  id                BIGSERIAL PRIMARY KEY,
  name              TEXT    NOT NULL,
  kind              TEXT    NOT NULL CHECK (kind IN ('activate', 'rollback')),
  version           BIGINT  NOT NULL,
  previous_version  BIGINT,
  at                BIGINT  NOT NULL,
  by_whom           TEXT    NOT NULL,
  reason            TEXT    NOT NULL,
  FOREIGN KEY (name, version) REFERENCES policy_version (name, version)
);

CREATE TABLE policy_active (
  name      TEXT    PRIMARY KEY,
  version   BIGINT  NOT NULL,
  event_id  BIGINT  NOT NULL REFERENCES policy_event (id)
);

CREATE TABLE decision (
  id          TEXT    PRIMARY KEY,
  at          BIGINT  NOT NULL,
  policy      TEXT    NOT NULL,
  version     BIGINT  NOT NULL,
  segment     TEXT    NOT NULL,
  band        INTEGER NOT NULL,
  action      TEXT    NOT NULL,
  queue       TEXT,
  threshold   DOUBLE PRECISION,
  score       DOUBLE PRECISION NOT NULL,
  route       TEXT    NOT NULL,
  missing     TEXT    NOT NULL,
  attributes  TEXT    NOT NULL
);
CREATE INDEX decision_policy_at ON decision (policy, at);

CREATE TABLE label (
  decision_id  TEXT    PRIMARY KEY REFERENCES decision (id),
  positive     BOOLEAN NOT NULL,
  at           BIGINT  NOT NULL,
  by_whom      TEXT    NOT NULL
);
