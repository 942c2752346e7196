-- Durable jobs, shared by every instance: one-off jobs (one row per dedupe key, run once) and
-- recurring ones (one row per kind, put back after each run). Due times come from the app's clock,
-- never from now(), so that tests and the sandbox can move time.
CREATE TABLE jobs (
  id bigserial PRIMARY KEY,
  tenant_id text,
  kind text NOT NULL,
  -- Dedupe key: a key once used is never scheduled again, even after its job is done.
  key text NOT NULL UNIQUE,
  payload jsonb NOT NULL DEFAULT 'null',
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
  -- Attempts made so far, the one running included; a recurring job's go back to 0 after each run.
  attempts integer NOT NULL DEFAULT 0,
  -- NULL: the job definition's.
  max_attempts integer CHECK (max_attempts > 0),
  run_at timestamptz NOT NULL,
  -- A claim: the worker holding the lease token may finish the job until locked_until; after
  -- that another worker may claim it, and the first one's outcome is refused.
  locked_until timestamptz,
  lease text,
  -- Asked to run again (a kick) while claimed: due at this time once the running attempt ends.
  rerun_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'pending';
