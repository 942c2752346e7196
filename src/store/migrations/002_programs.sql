-- Programs HR runs, employees' enrollments in them, and the approval each needs.
CREATE TABLE programs (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  id uuid NOT NULL,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  enrollment_opens_on date NOT NULL,
  enrollment_closes_on date NOT NULL,
  cadences text[] NOT NULL,
  session_minutes integer NOT NULL CHECK (session_minutes IN (30, 45, 60)),
  topics jsonb NOT NULL,
  seniority jsonb NOT NULL,
  mentor_capacity integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CHECK (ends_on > starts_on)
);

CREATE TABLE enrollments (
  tenant_id uuid NOT NULL,
  id uuid NOT NULL,
  program_id uuid NOT NULL,
  user_id uuid NOT NULL,
  role text NOT NULL CHECK (role IN ('mentor', 'mentee', 'both')),
  teach jsonb NOT NULL,
  learn jsonb NOT NULL,
  goals jsonb NOT NULL,
  cadence text NOT NULL CHECK (cadence IN ('weekly', 'biweekly', 'monthly')),
  status text NOT NULL CHECK (status IN ('pending', 'approved', 'declined', 'expired', 'withdrawn')),
  approver_id uuid,
  approver_kind text CHECK (approver_kind IN ('manager', 'programAdmin')),
  approver_unreachable boolean NOT NULL DEFAULT false,
  decided_by uuid,
  decided_at timestamptz,
  decision_note text,
  -- Bumped on every change: card actions carry it, so a stale click is recognised.
  version integer NOT NULL DEFAULT 1,
  reminded_at timestamptz,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, program_id) REFERENCES programs (tenant_id, id)
);
-- One live enrollment per person and program.
CREATE UNIQUE INDEX enrollments_one_live ON enrollments (tenant_id, program_id, user_id) WHERE status IN ('pending', 'approved');
CREATE INDEX enrollments_pending ON enrollments (status, expires_at) WHERE status = 'pending';

-- Where Flipside can reach a person in Teams (learnt from conversationUpdate or through Graph).
CREATE TABLE conversations (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  conversation_id text NOT NULL,
  service_url text NOT NULL,
  blocked_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);

-- Messages to send through the Bot Connector: durable, rate-limited, retried, sent once.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  tenant_id uuid NOT NULL,
  dedupe_key text NOT NULL UNIQUE,
  recipient_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('send', 'update')),
  -- For updates: the outbox row whose sent activity is replaced.
  updates_key text,
  activity jsonb NOT NULL,
  purpose jsonb,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'blocked', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  last_error text,
  conversation_id text,
  activity_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';

-- People seen holding the Program.Admin app role (from their tokens): they approve for people without a manager.
CREATE TABLE program_admins (
  tenant_id uuid NOT NULL,
  user_id uuid NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, user_id)
);
