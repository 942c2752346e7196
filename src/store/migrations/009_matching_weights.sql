-- How much each matching preference counts for a program ({ topics, reciprocity, otherDepartment,
-- sharedHours, idealGap }); null: the defaults.
ALTER TABLE programs ADD COLUMN matching_weights jsonb;
