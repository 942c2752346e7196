-- Sessions: every occurrence of a pair's series, what Flipside prepared for it, what Teams saw of
-- it and what each person said about it afterwards.

-- Program settings for the session loop: when the agenda goes out, and how long both must have
-- been in the meeting together for it to count as held.
ALTER TABLE programs ADD COLUMN agenda_lead_hours integer NOT NULL DEFAULT 24 CHECK (agenda_lead_hours BETWEEN 1 AND 168);
ALTER TABLE programs ADD COLUMN held_minutes integer NOT NULL DEFAULT 10 CHECK (held_minutes BETWEEN 1 AND 60);

-- The booking version whose series the sessions were last written from; the online meeting's id
-- (found once per series by its join URL); whether Outlook may have changed the series (a change
-- notification came) and when its occurrences were last read.
ALTER TABLE bookings ADD COLUMN sessions_version integer NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN meeting_id text;
ALTER TABLE bookings ADD COLUMN series_dirty boolean NOT NULL DEFAULT false;
ALTER TABLE bookings ADD COLUMN series_checked_at timestamptz;
CREATE INDEX bookings_sessions_stale ON bookings (tenant_id) WHERE status IN ('booked', 'ending', 'ended');

CREATE TABLE sessions (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  mentor_id uuid NOT NULL,
  n integer NOT NULL CHECK (n >= 1),
  of integer NOT NULL CHECK (of >= n),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
  original_start timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('planned', 'held', 'partly_held', 'missed', 'cancelled', 'moved')),
  source text NOT NULL CHECK (source IN ('plan', 'outlook', 'attendance', 'feedback', 'flipside')),
  -- The curriculum step suggested for it: { title, description }.
  topic jsonb NOT NULL,
  agenda_sent_at timestamptz,
  -- Attendance: read once when due; retried with backoff while Graph fails; given up with a reason.
  attendance_due_at timestamptz,
  attendance_tries integer NOT NULL DEFAULT 0,
  attendance_problem text,
  minutes_together integer,
  feedback_sent_at timestamptz,
  locked_until timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, program_id, mentee_id) REFERENCES bookings (tenant_id, program_id, mentee_id)
);
-- One live session per occurrence of a pair's series.
CREATE UNIQUE INDEX sessions_occurrence ON sessions (tenant_id, program_id, mentee_id, original_start) WHERE status <> 'cancelled';
CREATE INDEX sessions_pair ON sessions (tenant_id, program_id, mentee_id, starts_at);
CREATE INDEX sessions_agenda_due ON sessions (starts_at) WHERE agenda_sent_at IS NULL AND status IN ('planned', 'moved');
CREATE INDEX sessions_attendance_due ON sessions (attendance_due_at) WHERE attendance_due_at IS NOT NULL;
CREATE INDEX sessions_feedback_due ON sessions (ends_at) WHERE feedback_sent_at IS NULL AND status <> 'cancelled';

-- Shared action items of a pair: raised on an agenda or in feedback, ticked done by either.
CREATE TABLE action_items (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  -- The session it was raised at (an agenda's "Add an item", or feedback after it).
  session_id uuid NOT NULL,
  text text NOT NULL,
  created_by uuid NOT NULL,
  -- Raised in this person's feedback on session_id: replaced when they edit that feedback.
  from_feedback boolean NOT NULL DEFAULT false,
  done_at timestamptz,
  done_by uuid,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id)
);
-- The same item raised twice by one person at one session (a double click, a replay) is one item.
CREATE UNIQUE INDEX action_items_once ON action_items (tenant_id, session_id, created_by, text);
CREATE INDEX action_items_pair ON action_items (tenant_id, program_id, mentee_id, created_at);

-- One answer per person per session. learned / taught are private to their author.
CREATE TABLE feedback (
  tenant_id uuid NOT NULL,
  session_id uuid NOT NULL,
  user_id uuid NOT NULL,
  happened boolean,
  usefulness integer CHECK (usefulness BETWEEN 1 AND 5),
  learned text NOT NULL DEFAULT '',
  taught text NOT NULL DEFAULT '',
  goal_steps jsonb NOT NULL DEFAULT '[]',
  another_time boolean,
  answered_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, session_id, user_id),
  FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id)
);

-- Graph change-notification subscriptions on organizers' calendars; clientState is checked on every notification.
CREATE TABLE graph_subscriptions (
  tenant_id uuid NOT NULL,
  organizer_id uuid NOT NULL,
  subscription_id text,
  client_state text NOT NULL,
  expires_at timestamptz,
  problem text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, organizer_id)
);
CREATE UNIQUE INDEX graph_subscriptions_id ON graph_subscriptions (subscription_id) WHERE subscription_id IS NOT NULL;
