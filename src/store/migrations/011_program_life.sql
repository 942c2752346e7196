-- A program's whole life after publishing: later matching rounds, changes to a running program,
-- skills before and after, the closing survey and recognition.

-- Archived programs are hidden from employees and kept for reports.
ALTER TABLE programs ADD COLUMN archived_at timestamptz;

-- A change HR saved to a running program, as it reaches each booked series: waiting for its job,
-- applied in Outlook (the pair told once), or not applicable (the pair offered "Find another time").
CREATE TABLE series_changes (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  -- One program edit: every series it changes carries the same id.
  change_id text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'applied', 'failed')),
  -- What changes, in words: ["45 → 60 minutes", "ends 30 June 2027 instead of 15 June 2027"].
  summary jsonb NOT NULL,
  -- The series as it is to become: { durationMinutes, cadence }.
  target jsonb NOT NULL,
  problem text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, program_id, mentee_id, change_id),
  FOREIGN KEY (tenant_id, program_id, mentee_id) REFERENCES bookings (tenant_id, program_id, mentee_id) ON DELETE CASCADE
);
CREATE INDEX series_changes_program ON series_changes (tenant_id, program_id, created_at);

-- Each person's self-rating (1–5) of a topic they chose to learn: at enrollment, at the mid-point
-- and at the end. One rating per person, topic and stage (a second answer replaces the first).
CREATE TABLE skill_ratings (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  user_id uuid NOT NULL,
  topic_id text NOT NULL,
  stage text NOT NULL CHECK (stage IN ('before', 'mid', 'end')),
  level integer NOT NULL CHECK (level BETWEEN 1 AND 5),
  rated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, program_id, user_id, topic_id, stage),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX skill_ratings_program ON skill_ratings (tenant_id, program_id, topic_id);

-- The end of a pair: when the closing surveys went out (once per pair).
CREATE TABLE pair_closings (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, program_id, mentee_id),
  FOREIGN KEY (tenant_id, program_id, mentee_id) REFERENCES bookings (tenant_id, program_id, mentee_id) ON DELETE CASCADE
);

-- Each person's closing survey. what_changed is private to its author.
CREATE TABLE closing_surveys (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  user_id uuid NOT NULL,
  overall integer NOT NULL CHECK (overall BETWEEN 1 AND 5),
  recommend boolean NOT NULL,
  what_changed text NOT NULL DEFAULT '',
  -- The junior mentor agreed that their manager gets a note of recognition.
  recognition_consent boolean NOT NULL DEFAULT false,
  keep_meeting boolean NOT NULL DEFAULT false,
  answered_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, program_id, mentee_id, user_id),
  FOREIGN KEY (tenant_id, program_id, mentee_id) REFERENCES bookings (tenant_id, program_id, mentee_id) ON DELETE CASCADE
);
