-- The dashboard's aggregates, kept at write time (issue 12): triggers on sessions and feedback keep
-- them equal to what the dashboard would count from the rows, statement by statement, so that a
-- dashboard reads a few hundred rows instead of every session and answer of the program.
--
-- dashboard_facets: sessions and answers counted per week, direction and rating, each with the
-- number of distinct people the figure is about (the privacy rule needs it). The people are
-- counted through dashboard_facet_people: how many of a figure's rows each person is in, so that
-- a person counts once while any row holds them, whatever order rows come and go in.
-- dashboard_pairs: each pair's sessions so far (held, settled, still planned, the latest settled
-- ones) and the ratings each side gave, recomputed from the pair's own rows when they change.
-- What depends on the time of reading (what is due now) is taken from these at read time, with the
-- few sessions whose status is not what their time suggests read live (partial indexes below).

CREATE TABLE dashboard_facets (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  -- 'week' / 'direction': sessions by week of their start (Monday, UTC) and by the direction of their topic;
  -- 'rating' / 'rating_week' / 'rating_direction': feedback answers with a rating, by rating, week and direction.
  facet text NOT NULL CHECK (facet IN ('week', 'direction', 'rating', 'rating_week', 'rating_direction')),
  key text NOT NULL,
  planned integer NOT NULL DEFAULT 0, -- sessions not cancelled
  held integer NOT NULL DEFAULT 0, -- held or partly held
  answers integer NOT NULL DEFAULT 0,
  rating_sum integer NOT NULL DEFAULT 0,
  people integer NOT NULL DEFAULT 0, -- distinct mentees + distinct mentors (sessions), distinct authors (answers)
  PRIMARY KEY (tenant_id, program_id, facet, key)
);

CREATE TABLE dashboard_facet_people (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  facet text NOT NULL,
  key text NOT NULL,
  -- 'e' a session's mentee, 'r' its mentor, 'u' an answer's author.
  role text NOT NULL,
  person_id uuid NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (tenant_id, program_id, facet, key, role, person_id)
);

CREATE TABLE dashboard_pairs (
  tenant_id uuid NOT NULL,
  program_id uuid NOT NULL,
  mentee_id uuid NOT NULL,
  mentor_id uuid NOT NULL,
  held integer NOT NULL, -- held or partly held
  settled integer NOT NULL, -- held, partly held or missed
  unsettled integer NOT NULL, -- planned or moved
  last_held boolean NOT NULL, -- the last session of its series (n = of) held
  last_held_at timestamptz, -- the latest start of a session held
  -- The five latest settled sessions, newest first.
  recent_starts timestamptz[] NOT NULL,
  recent_ends timestamptz[] NOT NULL,
  recent_status text[] NOT NULL,
  mentor_rating_sum integer NOT NULL,
  mentor_ratings integer NOT NULL,
  mentee_rating_sum integer NOT NULL,
  mentee_ratings integer NOT NULL,
  PRIMARY KEY (tenant_id, program_id, mentee_id, mentor_id)
);
CREATE INDEX dashboard_pairs_mentor ON dashboard_pairs (tenant_id, mentor_id);

-- Read live: sessions still planned after their end (attendance not read yet), and sessions settled
-- before their end (which attendance does not produce). Both are few.
CREATE INDEX sessions_unsettled_end ON sessions (tenant_id, program_id, ends_at) WHERE status IN ('planned', 'moved');
CREATE INDEX sessions_settled_end ON sessions (tenant_id, program_id, ends_at) WHERE status IN ('held', 'partly_held', 'missed');

-- One row's part in the figures: sign -1 (the row as it was) or +1 (as it is).
CREATE TYPE dashboard_part AS (
  tenant_id uuid,
  program_id uuid,
  facet text,
  key text,
  sign integer,
  planned integer,
  held integer,
  answers integer,
  rating_sum integer,
  role text,
  person_id uuid
);

-- A session as it was (-1) or is (+1).
CREATE TYPE dashboard_session AS (
  sign integer,
  tenant_id uuid,
  program_id uuid,
  id uuid,
  mentee_id uuid,
  mentor_id uuid,
  starts_at timestamptz,
  status text,
  title text
);

-- A feedback answer as it was (-1) or is (+1).
CREATE TYPE dashboard_answer AS (
  sign integer,
  tenant_id uuid,
  session_id uuid,
  user_id uuid,
  usefulness integer
);

CREATE FUNCTION dashboard_week(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('week', t AT TIME ZONE 'UTC')::date::text
$$;

-- A session's direction: its topic's (by the curriculum step's title), 'together' when the program
-- has no such topic.
CREATE FUNCTION dashboard_direction(p_tenant uuid, p_program uuid, p_title text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT CASE min(t->>'direction') WHEN 'teachesUp' THEN 'up' WHEN 'teachesDown' THEN 'back' ELSE 'together' END
    FROM programs p, jsonb_array_elements(p.topics) t
   WHERE p.tenant_id = p_tenant AND p.id = p_program AND t->>'name' = p_title
$$;

-- Adds parts to the figures: sums by facet and key; a person's count in a figure moving between 0
-- and more changes its people.
CREATE FUNCTION dashboard_apply(parts dashboard_part[]) RETURNS void LANGUAGE sql AS $$
  WITH x AS (SELECT * FROM unnest(parts)),
  deltas AS (
    SELECT tenant_id, program_id, facet, key, role, person_id, sum(sign)::int AS d
      FROM x GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(sign) <> 0
  ),
  counted AS (
    INSERT INTO dashboard_facet_people AS m (tenant_id, program_id, facet, key, role, person_id, n)
    SELECT tenant_id, program_id, facet, key, role, person_id, d FROM deltas ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (tenant_id, program_id, facet, key, role, person_id) DO UPDATE SET n = m.n + EXCLUDED.n
    RETURNING m.tenant_id, m.program_id, m.facet, m.key, m.role, m.person_id, m.n
  ),
  people AS (
    SELECT c.tenant_id, c.program_id, c.facet, c.key, sum((c.n > 0)::int - (c.n - d.d > 0)::int)::int AS people
      FROM counted c JOIN deltas d USING (tenant_id, program_id, facet, key, role, person_id) GROUP BY 1, 2, 3, 4
  ),
  sums AS (
    SELECT tenant_id, program_id, facet, key, sum(sign * planned)::int AS planned, sum(sign * held)::int AS held,
           sum(sign * answers)::int AS answers, sum(sign * rating_sum)::int AS rating_sum
      FROM x GROUP BY 1, 2, 3, 4
  )
  INSERT INTO dashboard_facets AS f (tenant_id, program_id, facet, key, planned, held, answers, rating_sum, people)
  SELECT s.tenant_id, s.program_id, s.facet, s.key, s.planned, s.held, s.answers, s.rating_sum, coalesce(p.people, 0)
    FROM sums s LEFT JOIN people p USING (tenant_id, program_id, facet, key) ORDER BY 1, 2, 3, 4
  ON CONFLICT (tenant_id, program_id, facet, key) DO UPDATE
     SET planned = f.planned + EXCLUDED.planned, held = f.held + EXCLUDED.held, answers = f.answers + EXCLUDED.answers,
         rating_sum = f.rating_sum + EXCLUDED.rating_sum, people = f.people + EXCLUDED.people;

  DELETE FROM dashboard_facet_people m USING (SELECT DISTINCT tenant_id, program_id, facet, key FROM unnest(parts)) k
   WHERE m.n = 0 AND m.tenant_id = k.tenant_id AND m.program_id = k.program_id AND m.facet = k.facet AND m.key = k.key;
  DELETE FROM dashboard_facets f USING (SELECT DISTINCT tenant_id, program_id, facet, key FROM unnest(parts)) k
   WHERE f.people = 0 AND f.tenant_id = k.tenant_id AND f.program_id = k.program_id AND f.facet = k.facet AND f.key = k.key;
$$;

-- Recomputes the pairs of these (tenant, program, mentee, mentor) from their sessions and answers.
-- Each pair is locked first (in one order), so two transactions writing one pair take turns and
-- the second counts what the first wrote.
CREATE FUNCTION dashboard_refresh_pairs(tenants uuid[], programs uuid[], mentees uuid[], mentors uuid[]) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock(hashtextextended(k.tenant_id::text || k.program_id::text || k.mentee_id::text || k.mentor_id::text, 16))
    FROM (SELECT DISTINCT * FROM unnest(tenants, programs, mentees, mentors) k(tenant_id, program_id, mentee_id, mentor_id)) k
   ORDER BY k.tenant_id, k.program_id, k.mentee_id, k.mentor_id;

  DELETE FROM dashboard_pairs d USING unnest(tenants, programs, mentees, mentors) k(tenant_id, program_id, mentee_id, mentor_id)
   WHERE d.tenant_id = k.tenant_id AND d.program_id = k.program_id AND d.mentee_id = k.mentee_id AND d.mentor_id = k.mentor_id;

  INSERT INTO dashboard_pairs (tenant_id, program_id, mentee_id, mentor_id, held, settled, unsettled, last_held, last_held_at,
                               recent_starts, recent_ends, recent_status, mentor_rating_sum, mentor_ratings, mentee_rating_sum, mentee_ratings)
  SELECT s.tenant_id, s.program_id, s.mentee_id, s.mentor_id,
         count(*) FILTER (WHERE s.status IN ('held', 'partly_held'))::int,
         count(*) FILTER (WHERE s.status IN ('held', 'partly_held', 'missed'))::int,
         count(*) FILTER (WHERE s.status IN ('planned', 'moved'))::int,
         coalesce(bool_or(s.n = s.of AND s.status IN ('held', 'partly_held')), false),
         max(s.starts_at) FILTER (WHERE s.status IN ('held', 'partly_held')),
         coalesce((array_agg(s.starts_at ORDER BY s.starts_at DESC, s.id) FILTER (WHERE s.status IN ('held', 'partly_held', 'missed')))[1:5], '{}'),
         coalesce((array_agg(s.ends_at ORDER BY s.starts_at DESC, s.id) FILTER (WHERE s.status IN ('held', 'partly_held', 'missed')))[1:5], '{}'),
         coalesce((array_agg(s.status ORDER BY s.starts_at DESC, s.id) FILTER (WHERE s.status IN ('held', 'partly_held', 'missed')))[1:5], '{}'),
         coalesce(sum(a.mentor_sum), 0)::int, coalesce(sum(a.mentor_n), 0)::int, coalesce(sum(a.mentee_sum), 0)::int, coalesce(sum(a.mentee_n), 0)::int
    FROM (SELECT DISTINCT * FROM unnest(tenants, programs, mentees, mentors) k(tenant_id, program_id, mentee_id, mentor_id)) k
    JOIN sessions s ON s.tenant_id = k.tenant_id AND s.program_id = k.program_id AND s.mentee_id = k.mentee_id AND s.mentor_id = k.mentor_id
    LEFT JOIN LATERAL (
      SELECT sum(f.usefulness) FILTER (WHERE f.user_id = s.mentor_id) AS mentor_sum, count(f.usefulness) FILTER (WHERE f.user_id = s.mentor_id) AS mentor_n,
             sum(f.usefulness) FILTER (WHERE f.user_id = s.mentee_id) AS mentee_sum, count(f.usefulness) FILTER (WHERE f.user_id = s.mentee_id) AS mentee_n
        FROM feedback f WHERE f.tenant_id = s.tenant_id AND f.session_id = s.id
    ) a ON true
   GROUP BY 1, 2, 3, 4;
$$;

-- Sessions as they were and are: their parts in the session figures, the parts of their answers
-- (an answer is counted in its session's week and direction), and their pairs recomputed.
CREATE FUNCTION dashboard_sessions_apply(changes dashboard_session[]) RETURNS void LANGUAGE sql AS $$
  WITH c AS (SELECT * FROM unnest(changes)),
  s AS (
    SELECT c.*, dashboard_week(c.starts_at) AS week, dashboard_direction(c.tenant_id, c.program_id, c.title) AS direction,
           (c.status <> 'cancelled')::int AS planned, (c.status IN ('held', 'partly_held'))::int AS held
      FROM c
  ),
  facets AS (SELECT s.*, f.facet, f.key FROM s, LATERAL (VALUES ('week', s.week), ('direction', s.direction)) f(facet, key)),
  answers AS (
    SELECT s.sign, s.tenant_id, s.program_id, f.user_id, f.usefulness, s.week, s.direction
      FROM s JOIN feedback f ON f.tenant_id = s.tenant_id AND f.session_id = s.id WHERE f.usefulness IS NOT NULL
  )
  SELECT dashboard_apply(array(
    SELECT ROW(tenant_id, program_id, facet, key, sign, planned, held, 0, 0, 'e', mentee_id)::dashboard_part FROM facets
    UNION ALL
    SELECT ROW(tenant_id, program_id, facet, key, sign, 0, 0, 0, 0, 'r', mentor_id)::dashboard_part FROM facets
    UNION ALL
    SELECT ROW(a.tenant_id, a.program_id, f.facet, f.key, a.sign, 0, 0, 1, a.usefulness, 'u', a.user_id)::dashboard_part
      FROM answers a, LATERAL (VALUES ('rating', a.usefulness::text), ('rating_week', a.week), ('rating_direction', a.direction)) f(facet, key)
  ));

  SELECT dashboard_refresh_pairs(array_agg(tenant_id), array_agg(program_id), array_agg(mentee_id), array_agg(mentor_id)) FROM unnest(changes);
$$;

-- Answers as they were and are, counted in their session's week and direction as it is now.
CREATE FUNCTION dashboard_answers_apply(changes dashboard_answer[]) RETURNS void LANGUAGE sql AS $$
  WITH a AS (
    SELECT c.*, s.program_id, s.mentee_id, s.mentor_id, s.starts_at, s.topic->>'title' AS title
      FROM unnest(changes) c JOIN sessions s ON s.tenant_id = c.tenant_id AND s.id = c.session_id
  ),
  d AS (
    SELECT a.*, dashboard_week(a.starts_at) AS week, dashboard_direction(a.tenant_id, a.program_id, a.title) AS direction
      FROM a WHERE a.usefulness IS NOT NULL
  )
  SELECT dashboard_apply(array(
    SELECT ROW(d.tenant_id, d.program_id, f.facet, f.key, d.sign, 0, 0, 1, d.usefulness, 'u', d.user_id)::dashboard_part
      FROM d, LATERAL (VALUES ('rating', d.usefulness::text), ('rating_week', d.week), ('rating_direction', d.direction)) f(facet, key)
  ));

  SELECT dashboard_refresh_pairs(array_agg(s.tenant_id), array_agg(s.program_id), array_agg(s.mentee_id), array_agg(s.mentor_id))
    FROM (SELECT DISTINCT tenant_id, session_id FROM unnest(changes)) c JOIN sessions s ON s.tenant_id = c.tenant_id AND s.id = c.session_id;
$$;

-- Statement triggers: the rows a statement changed, as they were and as they are. An update that
-- changes nothing the figures read costs one comparison.
CREATE FUNCTION dashboard_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dashboard_sessions_apply(array(
      SELECT ROW(1, tenant_id, program_id, id, mentee_id, mentor_id, starts_at, status, topic->>'title')::dashboard_session FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM dashboard_sessions_apply(array(
      SELECT ROW(-1, tenant_id, program_id, id, mentee_id, mentor_id, starts_at, status, topic->>'title')::dashboard_session FROM old_rows));
  ELSE
    PERFORM dashboard_sessions_apply(array(
      SELECT ROW(x.sign, x.tenant_id, x.program_id, x.id, x.mentee_id, x.mentor_id, x.starts_at, x.status, x.title)::dashboard_session
        FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.id = o.id,
             LATERAL (VALUES (-1, o.tenant_id, o.program_id, o.id, o.mentee_id, o.mentor_id, o.starts_at, o.status, o.topic->>'title'),
                             (1, n.tenant_id, n.program_id, n.id, n.mentee_id, n.mentor_id, n.starts_at, n.status, n.topic->>'title'))
               x(sign, tenant_id, program_id, id, mentee_id, mentor_id, starts_at, status, title)
       WHERE (o.program_id, o.mentee_id, o.mentor_id, o.starts_at, o.ends_at, o.status, o.topic->>'title', o.n, o.of)
             IS DISTINCT FROM (n.program_id, n.mentee_id, n.mentor_id, n.starts_at, n.ends_at, n.status, n.topic->>'title', n.n, n.of)));
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION dashboard_feedback_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM dashboard_answers_apply(array(SELECT ROW(1, tenant_id, session_id, user_id, usefulness)::dashboard_answer FROM new_rows));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM dashboard_answers_apply(array(SELECT ROW(-1, tenant_id, session_id, user_id, usefulness)::dashboard_answer FROM old_rows));
  ELSE
    PERFORM dashboard_answers_apply(array(
      SELECT ROW(x.sign, x.tenant_id, x.session_id, x.user_id, x.usefulness)::dashboard_answer
        FROM old_rows o JOIN new_rows n ON n.tenant_id = o.tenant_id AND n.session_id = o.session_id AND n.user_id = o.user_id,
             LATERAL (VALUES (-1, o.tenant_id, o.session_id, o.user_id, o.usefulness), (1, n.tenant_id, n.session_id, n.user_id, n.usefulness))
               x(sign, tenant_id, session_id, user_id, usefulness)
       WHERE o.usefulness IS DISTINCT FROM n.usefulness));
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER dashboard_sessions_inserted AFTER INSERT ON sessions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_sessions_changed();
CREATE TRIGGER dashboard_sessions_updated AFTER UPDATE ON sessions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_sessions_changed();
CREATE TRIGGER dashboard_sessions_deleted AFTER DELETE ON sessions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_sessions_changed();
CREATE TRIGGER dashboard_feedback_inserted AFTER INSERT ON feedback REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_feedback_changed();
CREATE TRIGGER dashboard_feedback_updated AFTER UPDATE ON feedback REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_feedback_changed();
CREATE TRIGGER dashboard_feedback_deleted AFTER DELETE ON feedback REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dashboard_feedback_changed();

-- Everything of one program counted again from its rows: when its topics change (a session's
-- direction is its topic's), and once here for what is already there.
CREATE FUNCTION dashboard_rebuild(p_tenant uuid, p_program uuid) RETURNS void LANGUAGE sql AS $$
  DELETE FROM dashboard_facets WHERE tenant_id = p_tenant AND program_id = p_program;
  DELETE FROM dashboard_facet_people WHERE tenant_id = p_tenant AND program_id = p_program;
  DELETE FROM dashboard_pairs WHERE tenant_id = p_tenant AND program_id = p_program;
  SELECT dashboard_sessions_apply(array(
    SELECT ROW(1, tenant_id, program_id, id, mentee_id, mentor_id, starts_at, status, topic->>'title')::dashboard_session
      FROM sessions WHERE tenant_id = p_tenant AND program_id = p_program));
$$;

CREATE FUNCTION dashboard_program_topics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM dashboard_rebuild(NEW.tenant_id, NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER dashboard_program_topics AFTER UPDATE OF topics ON programs
  FOR EACH ROW WHEN (OLD.topics IS DISTINCT FROM NEW.topics) EXECUTE FUNCTION dashboard_program_topics_changed();

SELECT dashboard_rebuild(tenant_id, id) FROM programs;
