-- The audit log, partitioned by UTC day so that retention drops whole days (DROP TABLE, no DELETE and
-- no vacuum of dead rows) and lookups by time read only the days they name.
--
-- decision_group is range-partitioned on `at` (epoch ms), one partition per UTC day named
-- decision_group_pYYYYMMDD covering [day 00:00, next day 00:00). A partitioned table's unique keys
-- must include the partition key, so the primary key is (id, at); ids stay unique because an id is
-- written once, with one time (the id is a UUIDv7 whose first 48 bits are that time).
--
-- label is partitioned the same way on its decision's time (group_at), label_pYYYYMMDD, so a day's
-- labels are dropped with the day's decisions, in one transaction, label partition first. There is
-- no foreign key from label to decision_group (PostgreSQL would need it on (group_id, group_at) and
-- would refuse to drop a referenced partition); the store checks that a labelled decision exists
-- before it inserts the label, as before.
--
-- No DEFAULT partition: rows in it could not be retired by dropping a day, and a new day's partition
-- could not be created while the default held rows of that day. Partitions are created ahead (the
-- store creates today's and the next 7 days' on open and at each maintenance run); a write whose day
-- has no partition yet fails inside its transaction, and the store then creates that day's
-- partitions and writes again, so a row is never lost or refused for want of a partition.
--
-- Existing data moves in this one transaction: a partition per day present, then one INSERT ..
-- SELECT per table. It costs about a copy of the two tables (time and disk, plus WAL), and the
-- tables are locked for the duration: plan it for a quiet period on a large log.
ALTER TABLE decision_group RENAME TO decision_group_v3;
ALTER INDEX decision_group_pkey RENAME TO decision_group_v3_pkey;
ALTER INDEX decision_group_policy_at RENAME TO decision_group_v3_policy_at;
ALTER TABLE label RENAME TO label_v3;
ALTER INDEX label_pkey RENAME TO label_v3_pkey;
ALTER INDEX label_group RENAME TO label_v3_group;

CREATE TABLE decision_group (
  id       TEXT    NOT NULL,
  at       BIGINT  NOT NULL,
  policy   TEXT    NOT NULL,
  version  BIGINT  NOT NULL,
  size     INTEGER NOT NULL CHECK (size >= 1),
  indexed  BOOLEAN NOT NULL,
  records  TEXT    NOT NULL,
  PRIMARY KEY (id, at)
) PARTITION BY RANGE (at);
CREATE INDEX decision_group_policy_at ON decision_group (policy, at);

CREATE TABLE label (
  decision_id  TEXT    NOT NULL,
  group_id     TEXT    NOT NULL,
  group_at     BIGINT  NOT NULL,
  positive     BOOLEAN NOT NULL,
  at           BIGINT  NOT NULL,
  by_whom      TEXT    NOT NULL,
  PRIMARY KEY (decision_id, group_at)
) PARTITION BY RANGE (group_at);
CREATE INDEX label_group ON label (group_id, group_at);

DO $$
DECLARE
  day BIGINT;
  name TEXT;
BEGIN
  FOR day IN SELECT DISTINCT floor(at / 86400000.0)::BIGINT FROM decision_group_v3 LOOP
    name := to_char(to_timestamp(day * 86400) AT TIME ZONE 'UTC', 'YYYYMMDD');
    EXECUTE format('CREATE TABLE decision_group_p%s PARTITION OF decision_group '
        'FOR VALUES FROM (%s) TO (%s)', name, day * 86400000, (day + 1) * 86400000);
    EXECUTE format('CREATE TABLE label_p%s PARTITION OF label FOR VALUES FROM (%s) TO (%s)',
        name, day * 86400000, (day + 1) * 86400000);
  END LOOP;
END $$;

INSERT INTO decision_group (id, at, policy, version, size, indexed, records)
  SELECT id, at, policy, version, size, indexed, records FROM decision_group_v3;
INSERT INTO label (decision_id, group_id, group_at, positive, at, by_whom)
  SELECT l.decision_id, l.group_id, g.at, l.positive, l.at, l.by_whom
  FROM label_v3 l JOIN decision_group_v3 g ON g.id = l.group_id;

DROP TABLE label_v3;
DROP TABLE decision_group_v3;
