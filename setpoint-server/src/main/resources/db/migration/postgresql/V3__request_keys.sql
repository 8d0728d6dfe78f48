-- Idempotency: a client's request id (Idempotency-Key, or requestId) names the decision it got, per
-- principal (the token's name), so that a retry gets that decision again instead of a new one. A key
-- is inserted in the same transaction as its decisions; the primary key makes a second insert of the
-- same key lose, on any instance. Rows older than the retention are deleted (docs/operations.md).
CREATE TABLE request_key (
  principal    TEXT    NOT NULL,
  key          TEXT    NOT NULL,
  fingerprint  TEXT    NOT NULL,
  decision_id  TEXT    NOT NULL,
  at           BIGINT  NOT NULL,
  PRIMARY KEY (principal, key)
);
CREATE INDEX request_key_at ON request_key (at);
