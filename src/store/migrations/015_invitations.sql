-- HR's invitations to a program: one row per person and program, so nobody is invited twice to
-- the same program however often a request is retried. `declined_at`: the person answered "Not
-- for me" on the card; `undeliverable_at`: Teams could not reach them (blocked, not installable).
CREATE TABLE program_invitations (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  user_id uuid NOT NULL,
  invited_by uuid NOT NULL,
  source text NOT NULL CHECK (source IN ('department', 'organisation', 'list')),
  invited_at timestamptz NOT NULL,
  declined_at timestamptz,
  undeliverable_at timestamptz,
  PRIMARY KEY (tenant_id, program_id, user_id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id)
);

-- Resolving pasted addresses against the directory, case-insensitively.
CREATE INDEX directory_people_mail_lower ON directory_people (tenant_id, lower(mail));
CREATE INDEX directory_people_upn_lower ON directory_people (tenant_id, lower(user_principal_name));
CREATE INDEX directory_people_department_lower ON directory_people (tenant_id, lower(department));
