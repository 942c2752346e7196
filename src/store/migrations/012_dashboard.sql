-- The dashboard: a program's smallest group HR may see figures about (never below 5), and what the
-- enrollee list and the dashboard's aggregates read quickly.
ALTER TABLE programs ADD COLUMN privacy_min_group integer NOT NULL DEFAULT 5 CHECK (privacy_min_group >= 5);

-- Approval reminders sent (the sweep's and HR's), counted per enrollment for the enrollee list.
CREATE INDEX outbox_approval_reminders ON outbox ((split_part(dedupe_key, ':', 2))) WHERE kind = 'send' AND dedupe_key LIKE 'approval:%:reminder%';
CREATE INDEX enrollments_program ON enrollments (tenant_id, program_id, user_id, created_at);
CREATE INDEX pairs_program ON pairs (tenant_id, program_id);
