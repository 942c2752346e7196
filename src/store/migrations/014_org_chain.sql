-- The org chart's reporting lines, kept: each person's managers (ids, nearest first, as far up as
-- the chart goes, removed people included so that a chain skips them as before), so that reading a
-- person's level, chain or reporting line is one indexed lookup instead of a walk up the chart.
-- Directory sync (applyChanges) keeps it current for the people it changes and everyone below them.
ALTER TABLE directory_people ADD COLUMN chain uuid[] NOT NULL DEFAULT '{}';

WITH RECURSIVE walk AS (
  SELECT p.tenant_id, p.id AS person, p.manager_id AS id, 1 AS depth FROM directory_people p
  UNION ALL
  SELECT w.tenant_id, w.person, p.manager_id, w.depth + 1 FROM walk w
    JOIN directory_people p ON p.tenant_id = w.tenant_id AND p.id = w.id
   WHERE w.depth < 64
), firsts AS (
  SELECT tenant_id, person, id, min(depth) AS depth FROM walk WHERE id IS NOT NULL AND id <> person GROUP BY tenant_id, person, id
)
UPDATE directory_people d SET chain = c.chain
  FROM (SELECT tenant_id, person, array_agg(id ORDER BY depth) AS chain FROM firsts GROUP BY tenant_id, person) c
 WHERE d.tenant_id = c.tenant_id AND d.id = c.person;

-- A tenant's people, counted by /api/me and health without reading the table.
CREATE INDEX directory_people_present ON directory_people (tenant_id) WHERE removed_at IS NULL;
