-- Decisions are stored one row per request (a single decision, or a whole batch), not one row per
-- decision: a batch of 1,000 is one insert. A decision's id is its group's id, or the group's id, a
-- dot and its index for batches (`indexed` = 1). `records` is a JSON array with one array per decision:
-- [segment, band, action, queue, threshold, score, route, missing, attributes].
CREATE TABLE decision_group (
  id       TEXT    PRIMARY KEY,
  at       INTEGER NOT NULL,
  policy   TEXT    NOT NULL,
  version  INTEGER NOT NULL,
  size     INTEGER NOT NULL CHECK (size >= 1),
  indexed  INTEGER NOT NULL CHECK (indexed IN (0, 1)),
  records  TEXT    NOT NULL
);
CREATE INDEX decision_group_policy_at ON decision_group (policy, at);

INSERT INTO decision_group (id, at, policy, version, size, indexed, records)
  SELECT id, at, policy, version, 1, 0,
         json_array(json_array(segment, band, action, queue, threshold, score, route, missing,
                               json(attributes)))
  FROM decision;

-- Labels name a decision id and its group; the foreign key to the old table goes with it.
CREATE TABLE label_v2 (
  decision_id  TEXT    PRIMARY KEY,
  group_id     TEXT    NOT NULL REFERENCES decision_group (id),
  positive     INTEGER NOT NULL CHECK (positive IN (0, 1)),
  at           INTEGER NOT NULL,
  by_whom      TEXT    NOT NULL
);
INSERT INTO label_v2 (decision_id, group_id, positive, at, by_whom)
  SELECT decision_id, decision_id, positive, at, by_whom FROM label;
DROP TABLE label;
ALTER TABLE label_v2 RENAME TO label;
CREATE INDEX label_group ON label (group_id);
DROP TABLE decision;
