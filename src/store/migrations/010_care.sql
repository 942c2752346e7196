-- The care loop of a running pair: the early fit check, the junior mentor's confidential
-- check-ins, nudges for stalled pairs, pauses, and pairs that ended before the program did.

-- Each program's care settings; a program without a row uses the defaults.
CREATE TABLE care_settings (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  -- A pair is stalled after this many missed sessions in a row…
  missed_in_row integer NOT NULL DEFAULT 2 CHECK (missed_in_row BETWEEN 1 AND 10),
  -- …or after this many days without a held session.
  idle_days integer NOT NULL DEFAULT 21 CHECK (idle_days BETWEEN 7 AND 90),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, program_id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id)
);

-- "Is this pairing working for you?": one per person per pair. The note is the author's; HR reads
-- it only when share_note is true.
CREATE TABLE fit_checks (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  mentor_id uuid NOT NULL,
  user_id uuid NOT NULL,
  asked_at timestamptz NOT NULL,
  answer text CHECK (answer IN ('yes', 'not_sure', 'no')),
  note text NOT NULL DEFAULT '',
  share_note boolean NOT NULL DEFAULT false,
  answered_at timestamptz,
  -- HR's decision on a "no": keep the pair, or pair both again with others.
  decision text CHECK (decision IN ('keep', 'repair')),
  decided_by uuid,
  decided_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, program_id, mentee_id, mentor_id, user_id)
);

-- The junior mentor's confidential check-ins (at the third session and at the mid-point). Read by
-- program admins only, one by one only when contact_me is set or a concern was flagged.
CREATE TABLE check_ins (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  mentor_id uuid NOT NULL,
  occasion text NOT NULL CHECK (occasion IN ('third', 'midpoint')),
  asked_at timestamptz NOT NULL,
  speak_openly text CHECK (speak_openly IN ('yes', 'mostly', 'no')),
  respectful text CHECK (respectful IN ('yes', 'mostly', 'no')),
  for_hr text NOT NULL DEFAULT '',
  contact_me boolean NOT NULL DEFAULT false,
  answered_at timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, program_id, mentee_id, mentor_id, occasion)
);

-- What the care loop keeps about a pair beside its booking: the stall it nudged (one nudge per
-- stretch without a held session), when HR was asked to close it, and when it was closed.
CREATE TABLE care_pairs (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  mentor_id uuid NOT NULL,
  stalled_since timestamptz,
  stall_reason text,
  nudged_at timestamptz,
  close_asked_at timestamptz,
  closed_at timestamptz,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, program_id, mentee_id, mentor_id)
);

-- A pause of a pair's sessions until a date (inclusive): the occurrences until then are cancelled in
-- Outlook by a job; the series goes on after. One open pause per pair.
CREATE TABLE pauses (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  mentor_id uuid NOT NULL,
  paused_by uuid NOT NULL,
  until_date date NOT NULL,
  status text NOT NULL CHECK (status IN ('cancelling', 'paused', 'resuming', 'over')),
  -- The original starts of the occurrences it cancelled in Outlook.
  cancelled jsonb NOT NULL DEFAULT '[]',
  problem text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX pauses_one_open ON pauses (tenant_id, program_id, mentee_id) WHERE status <> 'over';

-- Pairs that ended before the program did (a re-pair after the fit check, or closed by HR): never
-- paired again, in this program or any later one.
CREATE TABLE ended_pairs (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentor_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  reason text NOT NULL CHECK (reason IN ('repair', 'closed')),
  ended_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, program_id, mentor_id, mentee_id)
);
