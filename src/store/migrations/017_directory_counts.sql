-- How many people each tenant's directory holds (rows not removed), kept by the database itself on
-- every write to directory_people, whoever makes it (sync, erasure, a test), so that /api/me reads
-- one row instead of counting the directory on every request. Statement triggers add what each
-- statement changed (its transition tables), so a sync page of 999 people is one update here.
ALTER TABLE tenants ADD COLUMN people integer NOT NULL DEFAULT 0;

UPDATE tenants t SET people = c.n
  FROM (SELECT tenant_id, count(*)::int AS n FROM directory_people WHERE removed_at IS NULL GROUP BY tenant_id) c
 WHERE t.tenant_id = c.tenant_id;

CREATE FUNCTION directory_people_counted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE tenants t SET people = t.people + d.n
      FROM (SELECT tenant_id, count(*)::int AS n FROM new_rows WHERE removed_at IS NULL GROUP BY tenant_id) d
     WHERE t.tenant_id = d.tenant_id;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE tenants t SET people = t.people - d.n
      FROM (SELECT tenant_id, count(*)::int AS n FROM old_rows WHERE removed_at IS NULL GROUP BY tenant_id) d
     WHERE t.tenant_id = d.tenant_id;
  ELSE
    -- Only rows whose presence changed move the count: most updates (chains, names) leave it alone.
    UPDATE tenants t SET people = t.people + d.n
      FROM (SELECT tenant_id, sum(n)::int AS n
              FROM (SELECT tenant_id, 1 AS n FROM new_rows WHERE removed_at IS NULL
                    UNION ALL SELECT tenant_id, -1 FROM old_rows WHERE removed_at IS NULL) x
             GROUP BY tenant_id HAVING sum(n) <> 0) d
     WHERE t.tenant_id = d.tenant_id;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER directory_people_counted_insert AFTER INSERT ON directory_people
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_people_counted();
CREATE TRIGGER directory_people_counted_update AFTER UPDATE ON directory_people
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_people_counted();
CREATE TRIGGER directory_people_counted_delete AFTER DELETE ON directory_people
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_people_counted();

-- The count was this index's only reader, and it misleads: PGlite never gathers statistics (it has
-- no autovacuum), so without them the planner took it for a person's lookup by id and scanned the
-- whole tenant (every directory read of a request: 2,000 rows where one was wanted).
DROP INDEX directory_people_present;

-- A person's enrollments (GET /api/enrollments, every tab load) without reading the tenant's.
CREATE INDEX enrollments_user ON enrollments (tenant_id, user_id, created_at DESC);

-- The approval cards sent for an enrollment (`approval:<id>:to:%`, read on each withdrawal and
-- edit) by their key's prefix instead of a scan of the whole outbox, in any collation.
CREATE INDEX outbox_sends_by_key ON outbox (dedupe_key text_pattern_ops) WHERE kind = 'send';
