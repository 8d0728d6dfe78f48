-- Decisions are stored one row per request (a single decision, or a whole batch), not one row per
-- decision: a batch of 1,000 is one insert. See the SQLite migration of the same version.
CREATE TABLE decision_group (
  id       TEXT    PRIMARY KEY,
  at       BIGINT  NOT NULL,
  policy   TEXT    NOT NULL,
  version  BIGINT  NOT NULL,
  size     INTEGER NOT NULL CHECK (size >= 1),
  indexed  BOOLEAN NOT NULL,
  records  TEXT    NOT NULL
);
CREATE INDEX decision_group_policy_at ON decision_group (policy, at);

INSERT INTO decision_group (id, at, policy, version, size, indexed, records)
  SELECT id, at, policy, version, 1, FALSE,
         json_build_array(json_build_array(segment, band, action, queue, threshold, score, route,
                                           missing, attributes::json))::text
  FROM decision;

ALTER TABLE label ADD COLUMN group_id TEXT;
UPDATE label SET group_id = decision_id;
ALTER TABLE label ALTER COLUMN group_id SET NOT NULL;
ALTER TABLE label DROP CONSTRAINT label_decision_id_fkey;
ALTER TABLE label ADD CONSTRAINT label_group_fkey FOREIGN KEY (group_id) REFERENCES decision_group (id);
CREATE INDEX label_group ON label (group_id);
DROP TABLE decision;
