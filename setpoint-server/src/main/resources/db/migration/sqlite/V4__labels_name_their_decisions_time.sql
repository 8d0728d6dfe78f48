-- Labels carry their decision's time (group_at), as on PostgreSQL, where the label table is
-- partitioned by it (migration V4 there): the two stores then share their label statements. The
-- embedded store's tables are not partitioned; it keeps every decision (no retention).
CREATE TABLE label_v5 (
  decision_id  TEXT    PRIMARY KEY,
  group_id     TEXT    NOT NULL REFERENCES decision_group (id),
  group_at     INTEGER NOT NULL,
  positive     INTEGER NOT NULL CHECK (positive IN (0, 1)),
  at           INTEGER NOT NULL,
  by_whom      TEXT    NOT NULL
);
INSERT INTO label_v5 (decision_id, group_id, group_at, positive, at, by_whom)
  SELECT l.decision_id, l.group_id, g.at, l.positive, l.at, l.by_whom
  FROM label l JOIN decision_group g ON g.id = l.group_id;
DROP TABLE label;
ALTER TABLE label_v5 RENAME TO label;
CREATE INDEX label_group ON label (group_id);
