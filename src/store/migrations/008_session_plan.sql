-- HR's own session plan for a program (one step per session, in order); null: the template's plan,
-- drawn from each pair's chosen topics.
ALTER TABLE programs ADD COLUMN session_plan jsonb;
