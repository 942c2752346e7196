-- Each published pair's recurring meeting: the times offered in the pair's chat, the pick, the
-- Outlook series booked, and when it ended. One row per pair; a job drives it forward.
CREATE TABLE bookings (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  mentor_id uuid NOT NULL,
  organizer_id uuid NOT NULL,
  status text NOT NULL CHECK (status IN ('finding', 'choosing', 'booking', 'booked', 'unbookable', 'ending', 'ended')),
  -- Each search for times is one attempt; the Graph transactionId of the series derives from it.
  attempt integer NOT NULL DEFAULT 1,
  -- Bumped on every change: card actions carry it, so a stale click is recognised.
  version integer NOT NULL DEFAULT 1,
  chat_id text,
  -- Flipside is installed in the chat, so the bot may post there.
  chat_ready boolean NOT NULL DEFAULT false,
  -- Each person's IANA zone, from their calendar, for saying times in their own clock.
  zones jsonb NOT NULL DEFAULT '{}',
  offer jsonb NOT NULL DEFAULT '[]',
  chosen jsonb,
  picked_by uuid,
  event_id text,
  join_url text,
  problem text,
  -- Failed tries of the current step, for backoff; reset when the step succeeds.
  tries integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  ended_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, program_id, mentee_id),
  FOREIGN KEY (tenant_id, program_id, mentee_id) REFERENCES pairs (tenant_id, program_id, mentee_id)
);
CREATE INDEX bookings_due ON bookings (next_attempt_at) WHERE status IN ('finding', 'booking', 'ending');
CREATE INDEX bookings_mentor ON bookings (tenant_id, mentor_id);

-- Messages for a group chat (a pair's chat) rather than the recipient's 1:1 chat with Flipside.
ALTER TABLE outbox ADD COLUMN chat_id text;
