-- HR's working copy of a program's matching: the proposal, locks, hand assignments, removals.
CREATE TABLE matching_drafts (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  proposal jsonb NOT NULL,
  removals jsonb NOT NULL DEFAULT '[]',
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, program_id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id)
);

-- Published pairs: who mentors whom in which program. Also "never paired before" for later programs.
CREATE TABLE pairs (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentor_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  score double precision NOT NULL,
  reasons jsonb NOT NULL,
  published_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, program_id, mentee_id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id)
);
CREATE INDEX pairs_mentor ON pairs (tenant_id, mentor_id);
