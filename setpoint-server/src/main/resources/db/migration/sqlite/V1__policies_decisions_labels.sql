-- Setpoint decision service, embedded store (SQLite). Times are epoch milliseconds (UTC).
CREATE TABLE policy_version (
  name        TEXT    NOT NULL,
  version     INTEGER NOT NULL CHECK (version >= 1),
  document    TEXT    NOT NULL,
  sha256      TEXT    NOT NULL,
  created_at  INTEGER NOT NULL,
  created_by  TEXT    NOT NULL,
  comment     TEXT,
  PRIMARY KEY (name, version)
);

CREATE TABLE policy_event (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,
  name              TEXT    NOT NULL,
  kind              TEXT    NOT NULL CHECK (kind IN ('activate', 'rollback')),
  version           INTEGER NOT NULL,
  previous_version  INTEGER,
  at                INTEGER NOT NULL,
  by_whom           TEXT    NOT NULL,
  reason            TEXT    NOT NULL,
  FOREIGN KEY (name, version) REFERENCES policy_version (name, version)
);

CREATE TABLE policy_active (
  name      TEXT    PRIMARY KEY,
  version   INTEGER NOT NULL,
  event_id  INTEGER NOT NULL REFERENCES policy_event (id)
);

CREATE TABLE decision (
  id          TEXT    PRIMARY KEY,
  at          INTEGER NOT NULL,
  policy      TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  segment     TEXT    NOT NULL,
  band        INTEGER NOT NULL,
  action      TEXT    NOT NULL,
  queue       TEXT,
  threshold   REAL,
  score       REAL    NOT NULL,
  route       TEXT    NOT NULL,
  missing     TEXT    NOT NULL,
  attributes  TEXT    NOT NULL
);
CREATE INDEX decision_policy_at ON decision (policy, at);

CREATE TABLE label (
  decision_id  TEXT    PRIMARY KEY REFERENCES decision (id),
  positive     INTEGER NOT NULL CHECK (positive IN (0, 1)),
  at           INTEGER NOT NULL,
  by_whom      TEXT    NOT NULL
);
