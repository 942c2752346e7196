-- Data rights: the audit log of admin actions, and people's requests to leave and be deleted.

-- Every admin action, who took it and when. Kept when people are deleted: their id is replaced by
-- the stable pseudonym of their erasure. `details` holds ids and codes only, never names.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL,
  program_id uuid,
  actor_id uuid NOT NULL,
  action text NOT NULL,
  -- The person the action was about (a pair's mentee, a check-in's author), when there is one.
  subject_id uuid,
  details jsonb NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL
);
CREATE INDEX audit_log_program ON audit_log (tenant_id, program_id, id DESC);
CREATE INDEX audit_log_actor ON audit_log (tenant_id, actor_id);

-- A person's erasure, from "leave and delete" or from leaving the directory. user_id is cleared
-- once everything is erased; the pseudonym stays, as the audit log's name for them.
CREATE TABLE erasure_requests (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL,
  user_id uuid,
  pseudonym uuid NOT NULL UNIQUE,
  reason text NOT NULL CHECK (reason IN ('asked', 'left_directory')),
  -- waiting: their meetings are being cancelled; erased: everything but the card saying so; done.
  state text NOT NULL CHECK (state IN ('waiting', 'erased', 'done')),
  requested_at timestamptz NOT NULL,
  erased_at timestamptz,
  done_at timestamptz,
  CHECK (state = 'done' OR user_id IS NOT NULL)
);
CREATE UNIQUE INDEX erasure_requests_open ON erasure_requests (tenant_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX erasure_requests_pending ON erasure_requests (state) WHERE state <> 'done';

-- Erasure replaces a person's id by their pseudonym in the rows that stay (counts in aggregates):
-- a pair's mentee id is its key, so the booking and sessions follow it.
ALTER TABLE bookings DROP CONSTRAINT bookings_tenant_id_program_id_mentee_id_fkey;
ALTER TABLE bookings ADD CONSTRAINT bookings_tenant_id_program_id_mentee_id_fkey
  FOREIGN KEY (tenant_id, program_id, mentee_id) REFERENCES pairs (tenant_id, program_id, mentee_id) ON UPDATE CASCADE;
ALTER TABLE sessions DROP CONSTRAINT sessions_tenant_id_program_id_mentee_id_fkey;
ALTER TABLE sessions ADD CONSTRAINT sessions_tenant_id_program_id_mentee_id_fkey
  FOREIGN KEY (tenant_id, program_id, mentee_id) REFERENCES bookings (tenant_id, program_id, mentee_id) ON UPDATE CASCADE;
