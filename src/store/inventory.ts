/**
 * The inventory of personal data: every table of the database, the columns that hold a person's
 * id, and how a person's rows are exported and erased. It is the one place that knows; the privacy
 * repository runs it, and a test reads the schema after migrating and fails for a table (or a
 * person column) that is not here, so a new table is covered before it ships.
 *
 * Erasure keeps what counts in aggregates (pairs, sessions held, enrollments in the funnel, the
 * audit log) with the person's id replaced by their pseudonym, deletes what is theirs alone (their
 * feedback, goals, notes, chat, cards), and redacts text that names them (cards queued for others).
 */
import type { ErasureSubject } from '../app/data-rights/ports.ts';
import type { SqlExecutor } from './sql-client.ts';

/** How one table is exported and erased for one person. */
export interface TableEntry {
  table: string;
  /** Columns holding a person's id (uuid). Empty: the table names people only inside text or JSON (said in `erase`). */
  personColumns: string[];
  /** Words for the README and reviewers: what the export gives. */
  exported: string;
  /** Words: what erasure does. */
  erased: string;
  /** The export's section and its query ($1 tenant, $2 person), or null when the table gives nothing to export (`exported` says why). */
  export: { section: string; sql: string } | null;
  /** Erases the person from this table (in the caller's transaction). */
  erase(db: SqlExecutor, s: ErasureSubject): Promise<void>;
}

/** Tables that hold nothing about any person, with why. */
export const NO_PERSONAL_DATA: Record<string, string> = {
  schema_migrations: 'which migrations ran',
  tenants: 'tenant ids, and how many people each directory holds',
  directory_sync_state: "Graph's delta link and sync times",
  care_settings: "a program's stall thresholds",
  dashboard_facets: 'counts of sessions and answers by week, direction and rating, with how many people each is about',
};

const T = '$1::uuid';
const U = '$2::uuid';

/** Replaces the person's id by the pseudonym inside a JSON column (keys and values). */
const pseudonymiseJson = (table: string, column: string) => async (db: SqlExecutor, s: ErasureSubject) => {
  await db.query(`UPDATE ${table} SET ${column} = replace(${column}::text, $2::text, $3::text)::jsonb WHERE tenant_id = $1::uuid AND ${column}::text LIKE '%' || $2::text || '%'`, [
    s.tenantId,
    s.userId,
    s.pseudonym,
  ]);
};

/** A regular expression for the person's first name as a word (never matching when there is none). */
function firstNameWord(s: ErasureSubject): string {
  const first = s.names[0]?.split(' ')[0] ?? '';
  return first.length >= 2 ? `\\m${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\M` : 'a^';
}

/** Clears a text column of others' rows in the person's pairs when it names them (full name, email or first name). */
const clearMentions = (table: string, column: string, empty: string) => async (db: SqlExecutor, s: ErasureSubject) => {
  const inPair =
    table === 'closing_surveys'
      ? `EXISTS (SELECT 1 FROM bookings b WHERE b.tenant_id = ${table}.tenant_id AND b.program_id = ${table}.program_id AND b.mentee_id = ${table}.mentee_id AND (b.mentor_id = $2::uuid OR b.mentee_id = $2::uuid))`
      : '(mentor_id = $2::uuid OR mentee_id = $2::uuid)';
  await db.query(`UPDATE ${table} SET ${column} = ${empty} WHERE tenant_id = $1::uuid AND ${inPair} AND (${column} ILIKE ANY($3::text[]) OR ${column} ~* $4::text)`, [
    s.tenantId,
    s.userId,
    mentionPatterns(s),
    firstNameWord(s),
  ]);
};

/** Replaces the person's id by the pseudonym in id columns. */
const pseudonymise = (table: string, columns: string[]) => async (db: SqlExecutor, s: ErasureSubject) => {
  for (const c of columns) await db.query(`UPDATE ${table} SET ${c} = $3::uuid WHERE tenant_id = ${T} AND ${c} = ${U}`, [s.tenantId, s.userId, s.pseudonym]);
};

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
/** LIKE patterns finding the person in JSON text: their id, and each name as JSON writes it. */
export function mentionPatterns(s: ErasureSubject): string[] {
  return [s.userId, ...s.names.filter((n) => n.trim().length >= 3)].map((n) => `%${likeEscape(JSON.stringify(n).slice(1, -1))}%`);
}

const REDACTED = JSON.stringify({ type: 'message', redacted: 'Someone in this message left Flipside and asked for their data to be deleted.' });

export const INVENTORY: TableEntry[] = [
  {
    table: 'directory_people',
    personColumns: ['id', 'manager_id'],
    exported: 'their profile as synced from the directory',
    erased: 'their row deleted; as the manager of others (manager_id, and in the reporting chains kept for them), the pseudonym (so the reporting-line rule still holds)',
    export: {
      section: 'profile',
      sql: `SELECT id, display_name, mail, user_principal_name, job_title, department, office_location, hire_date, account_enabled, manager_id, removed_at, synced_at
              FROM directory_people WHERE tenant_id = ${T} AND id = ${U}`,
    },
    async erase(db, s) {
      await pseudonymise('directory_people', ['manager_id'])(db, s);
      await db.query(`UPDATE directory_people SET chain = array_replace(chain, ${U}, $3::uuid) WHERE tenant_id = ${T} AND ${U} = ANY (chain)`, [s.tenantId, s.userId, s.pseudonym]);
      // Deleted last: the row's delete also updates the tenant's count of people (migration 017), a
      // lock held to the end of the erasure, so the erasure takes it after every directory row it
      // changes, as a sync statement does, and the two never wait for each other in a circle.
      await db.query(`DELETE FROM directory_people WHERE tenant_id = ${T} AND id = ${U}`, [s.tenantId, s.userId]);
    },
  },
  {
    table: 'program_admins',
    personColumns: ['user_id'],
    exported: 'when they were seen holding the Program.Admin role',
    erased: 'deleted',
    export: { section: 'programAdmin', sql: `SELECT seen_at FROM program_admins WHERE tenant_id = ${T} AND user_id = ${U}` },
    async erase(db, s) {
      await db.query(`DELETE FROM program_admins WHERE tenant_id = ${T} AND user_id = ${U}`, [s.tenantId, s.userId]);
    },
  },
  {
    table: 'programs',
    personColumns: ['created_by'],
    exported: 'the programs they created (id, name, when)',
    erased: 'the creator becomes the pseudonym; the program stays',
    export: { section: 'programsCreated', sql: `SELECT id, name, created_at FROM programs WHERE tenant_id = ${T} AND created_by = ${U} ORDER BY created_at` },
    erase: pseudonymise('programs', ['created_by']),
  },
  {
    table: 'enrollments',
    personColumns: ['user_id', 'approver_id', 'decided_by'],
    exported: 'their enrollments with goals, topics and the decision; the decisions they made on others (status and time only)',
    erased: 'their enrollments keep status and topics under the pseudonym (the funnel counts), goals and notes deleted; as approver, the pseudonym and their note deleted',
    export: {
      section: 'enrollments',
      sql: `SELECT e.id, e.program_id, p.name AS program_name, e.role, e.teach, e.learn, e.goals, e.cadence, e.status, e.approver_id, e.approver_kind,
                   e.decided_by, e.decided_at, e.decision_note, e.reminded_at, e.expires_at, e.created_at, e.updated_at
              FROM enrollments e JOIN programs p ON p.tenant_id = e.tenant_id AND p.id = e.program_id
             WHERE e.tenant_id = ${T} AND e.user_id = ${U} ORDER BY e.created_at`,
    },
    async erase(db, s) {
      await db.query(`UPDATE enrollments SET user_id = $3::uuid, goals = '[]', decision_note = NULL WHERE tenant_id = ${T} AND user_id = ${U}`, [s.tenantId, s.userId, s.pseudonym]);
      await db.query(`UPDATE enrollments SET decision_note = NULL WHERE tenant_id = ${T} AND decided_by = ${U}`, [s.tenantId, s.userId]);
      await pseudonymise('enrollments', ['approver_id', 'decided_by'])(db, s);
    },
  },
  {
    table: 'conversations',
    personColumns: ['user_id'],
    exported: 'their 1:1 conversation with Flipside (ids)',
    erased: 'deleted last, once the card saying the deletion is done has gone',
    export: { section: 'conversation', sql: `SELECT conversation_id, service_url, blocked_at, updated_at FROM conversations WHERE tenant_id = ${T} AND user_id = ${U}` },
    async erase() {
      // forgetPerson deletes it, after the last card.
    },
  },
  {
    table: 'outbox',
    personColumns: ['recipient_id'],
    exported: 'every card Flipside sent or queued for them',
    erased: 'cards to them deleted (the last one once sent); cards to others that name them redacted, and not sent if still queued',
    export: {
      section: 'cardsSentToMe',
      sql: `SELECT dedupe_key, kind, chat_id, activity, status, created_at, sent_at FROM outbox WHERE tenant_id = ${T} AND recipient_id = ${U} ORDER BY id`,
    },
    async erase(db, s) {
      await db.query(`DELETE FROM outbox WHERE tenant_id = ${T} AND recipient_id = ${U}`, [s.tenantId, s.userId]);
      const patterns = mentionPatterns(s);
      await db.query(
        `UPDATE outbox SET activity = $3::jsonb,
                status = CASE WHEN status = 'pending' THEN 'failed' ELSE status END,
                last_error = CASE WHEN status = 'pending' THEN 'not sent: someone it names asked for their data to be deleted' ELSE last_error END,
                locked_until = NULL
          WHERE tenant_id = ${T} AND activity::text ILIKE ANY($2::text[])`,
        [s.tenantId, patterns, REDACTED],
      );
      // Sent cards are never read again (updates replace them by activity id): their first-name mentions go too.
      const first = s.names[0]?.split(' ')[0];
      if (first && first.length >= 2) {
        await db.query(`UPDATE outbox SET activity = $3::jsonb WHERE tenant_id = ${T} AND status <> 'pending' AND activity::text ~* $2::text`, [
          s.tenantId,
          `\\m${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\M`,
          REDACTED,
        ]);
      }
      await pseudonymiseJson('outbox', 'purpose')(db, s);
    },
  },
  {
    table: 'matching_drafts',
    personColumns: [],
    exported: 'their proposed pairs, unmatched entries and removals in HR’s drafts',
    erased: 'removed from every draft (their pairs, unmatched entry and removals)',
    export: {
      section: 'matchingDrafts',
      sql: `SELECT d.program_id,
                   (SELECT coalesce(jsonb_agg(x), '[]') FROM jsonb_array_elements(d.proposal->'pairs') x WHERE x->>'mentorId' = $2::text OR x->>'menteeId' = $2::text) AS pairs,
                   (SELECT coalesce(jsonb_agg(x), '[]') FROM jsonb_array_elements(d.proposal->'unmatched') x WHERE x->>'menteeId' = $2::text) AS unmatched,
                   (SELECT coalesce(jsonb_agg(x), '[]') FROM jsonb_array_elements(d.removals) x WHERE x->>'mentorId' = $2::text OR x->>'menteeId' = $2::text) AS removals
              FROM matching_drafts d WHERE d.tenant_id = $1::uuid AND (d.proposal::text LIKE '%' || $2::text || '%' OR d.removals::text LIKE '%' || $2::text || '%')`,
    },
    async erase(db, s) {
      const rows = await db.query<{ program_id: string; proposal: DraftJson; removals: Ends[] }>(
        `SELECT program_id, proposal, removals FROM matching_drafts WHERE tenant_id = ${T} AND (proposal::text LIKE '%' || $2::text || '%' OR removals::text LIKE '%' || $2::text || '%') FOR UPDATE`,
        [s.tenantId, s.userId],
      );
      for (const r of rows) {
        const { proposal, removals } = withoutPerson(r.proposal, r.removals, s.userId);
        await db.query(`UPDATE matching_drafts SET proposal = $3, removals = $4 WHERE tenant_id = ${T} AND program_id = $2::uuid`, [
          s.tenantId,
          r.program_id,
          JSON.stringify(proposal).replaceAll(s.userId, s.pseudonym),
          JSON.stringify(removals),
        ]);
      }
    },
  },
  {
    table: 'pairs',
    personColumns: ['mentor_id', 'mentee_id'],
    exported: 'their published pairs (partner id, score, reason codes)',
    erased: 'the pseudonym (pairs count, and "never paired before" holds); reasons from before codes (words with names) deleted',
    export: {
      section: 'matches',
      sql: `SELECT program_id, mentor_id, mentee_id, score, reasons, published_at FROM pairs WHERE tenant_id = ${T} AND (mentor_id = ${U} OR mentee_id = ${U}) ORDER BY published_at`,
    },
    async erase(db, s) {
      await db.query(
        `UPDATE pairs SET reasons = '[]' WHERE tenant_id = ${T} AND (mentor_id = ${U} OR mentee_id = ${U}) AND EXISTS (SELECT 1 FROM jsonb_array_elements(reasons) r WHERE jsonb_typeof(r) = 'string')`,
        [s.tenantId, s.userId],
      );
      // The mentee id is the pair's key: the booking and its sessions follow it (ON UPDATE CASCADE).
      // Rows keyed on the booking without ON UPDATE CASCADE are lifted out and put back under the pseudonym.
      const lifted: { table: string; rows: unknown[] }[] = [];
      for (const table of BOOKING_DEPENDENTS) {
        const rows = await db.query<{ r: unknown }>(`DELETE FROM ${table} t WHERE tenant_id = ${T} AND mentee_id = ${U} RETURNING to_jsonb(t.*) AS r`, [s.tenantId, s.userId]);
        lifted.push({ table, rows: rows.map((x) => x.r) });
      }
      await pseudonymise('pairs', ['mentor_id', 'mentee_id'])(db, s);
      for (const { table, rows } of lifted) {
        for (const r of rows) {
          await db.query(`INSERT INTO ${table} SELECT * FROM jsonb_populate_record(NULL::${table}, jsonb_set($1::jsonb, '{mentee_id}', to_jsonb($2::text)))`, [JSON.stringify(r), s.pseudonym]);
        }
      }
    },
  },
  {
    table: 'bookings',
    personColumns: ['mentee_id', 'mentor_id', 'organizer_id', 'picked_by'],
    exported: 'their pairs’ meeting series: status, times offered and chosen, join link',
    erased: 'the pseudonym (the series stays counted); its note replaced by a neutral one; their time zone key renamed',
    export: {
      section: 'meetings',
      sql: `SELECT program_id, mentee_id, mentor_id, organizer_id, status, offer, chosen, picked_by, join_url, problem, created_at, ended_at
              FROM bookings WHERE tenant_id = ${T} AND (mentor_id = ${U} OR mentee_id = ${U}) ORDER BY created_at`,
    },
    async erase(db, s) {
      await db.query(`UPDATE bookings SET problem = 'One of you left Flipside.' WHERE tenant_id = ${T} AND (mentor_id = ${U} OR mentee_id = ${U} OR mentee_id = $3::uuid) AND problem IS NOT NULL`, [
        s.tenantId,
        s.userId,
        s.pseudonym,
      ]);
      await pseudonymise('bookings', ['mentee_id', 'mentor_id', 'organizer_id', 'picked_by'])(db, s);
      await pseudonymiseJson('bookings', 'zones')(db, s);
    },
  },
  {
    table: 'sessions',
    personColumns: ['mentee_id', 'mentor_id'],
    exported: 'the sessions of their pairs (times, status, topic, minutes together)',
    erased: 'the pseudonym (sessions held stay counted)',
    export: {
      section: 'sessions',
      sql: `SELECT id, program_id, mentee_id, mentor_id, n, of, starts_at, ends_at, status, topic, minutes_together FROM sessions
             WHERE tenant_id = ${T} AND (mentor_id = ${U} OR mentee_id = ${U}) ORDER BY starts_at`,
    },
    erase: pseudonymise('sessions', ['mentee_id', 'mentor_id']),
  },
  {
    table: 'action_items',
    personColumns: ['mentee_id', 'created_by', 'done_by'],
    exported: 'the action items they wrote',
    erased: 'the items they wrote deleted (their free text); ticked by them or in their pair: the pseudonym',
    export: {
      section: 'actionItems',
      sql: `SELECT id, program_id, session_id, text, from_feedback, done_at, created_at FROM action_items WHERE tenant_id = ${T} AND created_by = ${U} ORDER BY created_at`,
    },
    async erase(db, s) {
      await db.query(`DELETE FROM action_items WHERE tenant_id = ${T} AND created_by = ${U}`, [s.tenantId, s.userId]);
      await pseudonymise('action_items', ['mentee_id', 'done_by'])(db, s);
    },
  },
  {
    table: 'feedback',
    personColumns: ['user_id'],
    exported: 'their own feedback on each session (never their partner’s)',
    erased: 'deleted; their partner’s words about a session cleared where they name them',
    export: {
      section: 'feedback',
      sql: `SELECT session_id, happened, usefulness, learned, taught, goal_steps, another_time, answered_at, updated_at FROM feedback WHERE tenant_id = ${T} AND user_id = ${U} ORDER BY answered_at`,
    },
    async erase(db, s) {
      await db.query(`DELETE FROM feedback WHERE tenant_id = ${T} AND user_id = ${U}`, [s.tenantId, s.userId]);
      // The partner's "what I learned / taught" naming them. The pair's sessions may carry the pseudonym already.
      const names = `ILIKE ANY($4::text[])`;
      await db.query(
        `UPDATE feedback f
            SET learned = CASE WHEN f.learned ${names} OR f.learned ~* $5::text THEN '' ELSE f.learned END,
                taught = CASE WHEN f.taught ${names} OR f.taught ~* $5::text THEN '' ELSE f.taught END
           FROM sessions x
          WHERE f.tenant_id = ${T} AND x.tenant_id = f.tenant_id AND x.id = f.session_id
            AND (x.mentor_id IN (${U}, $3::uuid) OR x.mentee_id IN (${U}, $3::uuid))
            AND (f.learned ${names} OR f.learned ~* $5::text OR f.taught ${names} OR f.taught ~* $5::text)`,
        [s.tenantId, s.userId, s.pseudonym, mentionPatterns(s), firstNameWord(s)],
      );
    },
  },
  {
    table: 'graph_subscriptions',
    personColumns: ['organizer_id'],
    exported: 'that Flipside watches their calendar for changes to the series they organise (when it expires)',
    erased: 'deleted (Graph drops the subscription when it expires, within three days)',
    export: { section: 'calendarSubscription', sql: `SELECT expires_at, created_at FROM graph_subscriptions WHERE tenant_id = ${T} AND organizer_id = ${U}` },
    async erase(db, s) {
      await db.query(`DELETE FROM graph_subscriptions WHERE tenant_id = ${T} AND organizer_id = ${U}`, [s.tenantId, s.userId]);
    },
  },
  {
    table: 'jobs',
    personColumns: [],
    exported: 'nothing: scheduling only',
    erased: 'their id in a job’s key or payload becomes the pseudonym',
    export: null,
    async erase(db, s) {
      await db.query(`UPDATE jobs SET payload = replace(payload::text, $1::text, $2::text)::jsonb WHERE payload::text LIKE '%' || $1::text || '%'`, [s.userId, s.pseudonym]);
      await db.query(`UPDATE jobs SET key = replace(key, $1::text, $2::text) WHERE key LIKE '%' || $1::text || '%'`, [s.userId, s.pseudonym]);
    },
  },
  {
    table: 'fit_checks',
    personColumns: ['mentee_id', 'mentor_id', 'user_id', 'decided_by'],
    exported: 'their own answers to "Is this pairing working for you?" (with their note) and HR’s decision on them',
    erased: 'their answers kept under the pseudonym (the fit-check figures count), their note deleted; their partner’s note deleted if it names them; in their pair and as HR deciding: the pseudonym',
    export: {
      section: 'fitChecks',
      sql: `SELECT program_id, mentee_id, mentor_id, asked_at, answer, note, share_note, answered_at, decision, decided_at FROM fit_checks
             WHERE tenant_id = ${T} AND user_id = ${U} ORDER BY asked_at`,
    },
    async erase(db, s) {
      await db.query(`UPDATE fit_checks SET note = '', share_note = false WHERE tenant_id = ${T} AND user_id = ${U}`, [s.tenantId, s.userId]);
      await clearMentions('fit_checks', 'note', "''")(db, s);
      await pseudonymise('fit_checks', ['mentee_id', 'mentor_id', 'user_id', 'decided_by'])(db, s);
    },
  },
  {
    table: 'check_ins',
    personColumns: ['mentee_id', 'mentor_id'],
    exported: 'as the junior mentor, their confidential check-in answers',
    erased: 'as the junior mentor, their check-ins deleted (confidential answers); as the senior mentee, the pseudonym, and words naming them deleted',
    export: {
      section: 'checkIns',
      sql: `SELECT program_id, mentee_id, occasion, asked_at, speak_openly, respectful, for_hr, contact_me, answered_at FROM check_ins
             WHERE tenant_id = ${T} AND mentor_id = ${U} ORDER BY asked_at`,
    },
    async erase(db, s) {
      await db.query(`DELETE FROM check_ins WHERE tenant_id = ${T} AND mentor_id = ${U}`, [s.tenantId, s.userId]);
      await clearMentions('check_ins', 'for_hr', "''")(db, s);
      await pseudonymise('check_ins', ['mentee_id'])(db, s);
    },
  },
  {
    table: 'care_pairs',
    personColumns: ['mentee_id', 'mentor_id'],
    exported: 'the care state of their pairs (stalled since, nudged, closed)',
    erased: 'the pseudonym (the pair’s history stays counted)',
    export: {
      section: 'carePairs',
      sql: `SELECT program_id, mentee_id, mentor_id, stalled_since, stall_reason, nudged_at, close_asked_at, closed_at FROM care_pairs
             WHERE tenant_id = ${T} AND (mentor_id = ${U} OR mentee_id = ${U}) ORDER BY updated_at`,
    },
    erase: pseudonymise('care_pairs', ['mentee_id', 'mentor_id']),
  },
  {
    table: 'pauses',
    personColumns: ['mentee_id', 'mentor_id', 'paused_by'],
    exported: 'the pauses of their pairs (until when, who paused)',
    erased: 'the pseudonym; a pause’s note replaced by a neutral one',
    export: {
      section: 'pauses',
      sql: `SELECT program_id, mentee_id, mentor_id, paused_by, until_date, status, created_at FROM pauses
             WHERE tenant_id = ${T} AND (mentor_id = ${U} OR mentee_id = ${U} OR paused_by = ${U}) ORDER BY created_at`,
    },
    async erase(db, s) {
      await db.query(`UPDATE pauses SET problem = 'One of you left Flipside.' WHERE tenant_id = ${T} AND (mentor_id = ${U} OR mentee_id = ${U} OR paused_by = ${U}) AND problem IS NOT NULL`, [
        s.tenantId,
        s.userId,
      ]);
      await pseudonymise('pauses', ['mentee_id', 'mentor_id', 'paused_by'])(db, s);
    },
  },
  {
    table: 'ended_pairs',
    personColumns: ['mentor_id', 'mentee_id'],
    exported: 'their pairs that ended early (re-paired or closed)',
    erased: 'the pseudonym (never paired again holds)',
    export: {
      section: 'endedPairs',
      sql: `SELECT program_id, mentor_id, mentee_id, reason, ended_at FROM ended_pairs WHERE tenant_id = ${T} AND (mentor_id = ${U} OR mentee_id = ${U}) ORDER BY ended_at`,
    },
    erase: pseudonymise('ended_pairs', ['mentor_id', 'mentee_id']),
  },
  {
    table: 'series_changes',
    personColumns: ['mentee_id'],
    exported: 'the program changes that reached their pairs’ meeting series',
    erased: 'the pseudonym (moved with the pair); a change’s note replaced by a neutral one',
    export: {
      section: 'seriesChanges',
      sql: `SELECT c.program_id, c.mentee_id, c.change_id, c.status, c.summary, c.created_at FROM series_changes c
              JOIN bookings b ON b.tenant_id = c.tenant_id AND b.program_id = c.program_id AND b.mentee_id = c.mentee_id
             WHERE c.tenant_id = ${T} AND (b.mentor_id = ${U} OR b.mentee_id = ${U}) ORDER BY c.created_at`,
    },
    async erase(db, s) {
      // The pairs entry moved the rows to the pseudonym already (as mentee); as mentor, the booking says.
      await db.query(
        `UPDATE series_changes c SET problem = 'One of you left Flipside.' FROM bookings b
          WHERE c.tenant_id = ${T} AND b.tenant_id = c.tenant_id AND b.program_id = c.program_id AND b.mentee_id = c.mentee_id
            AND (b.mentor_id = $2::uuid OR b.mentee_id = $2::uuid) AND c.problem IS NOT NULL`,
        [s.tenantId, s.pseudonym],
      );
    },
  },
  {
    table: 'skill_ratings',
    personColumns: ['user_id'],
    exported: 'their self-ratings of the topics they learn (before, mid-point, end)',
    erased: 'kept under the pseudonym (skills before and after count)',
    export: {
      section: 'skillRatings',
      sql: `SELECT program_id, topic_id, stage, level, rated_at FROM skill_ratings WHERE tenant_id = ${T} AND user_id = ${U} ORDER BY rated_at`,
    },
    erase: pseudonymise('skill_ratings', ['user_id']),
  },
  {
    table: 'pair_closings',
    personColumns: ['mentee_id'],
    exported: 'when the closing surveys of their pairs went out',
    erased: 'the pseudonym (moved with the pair)',
    export: {
      section: 'pairClosings',
      sql: `SELECT c.program_id, c.mentee_id, c.sent_at FROM pair_closings c
              JOIN bookings b ON b.tenant_id = c.tenant_id AND b.program_id = c.program_id AND b.mentee_id = c.mentee_id
             WHERE c.tenant_id = ${T} AND (b.mentor_id = ${U} OR b.mentee_id = ${U}) ORDER BY c.sent_at`,
    },
    async erase() {
      // The pairs entry moves the rows to the pseudonym.
    },
  },
  {
    table: 'closing_surveys',
    personColumns: ['mentee_id', 'user_id'],
    exported: 'their own closing surveys (never their partner’s)',
    erased: 'their ratings kept under the pseudonym (the survey figures count), what changed for them deleted, recognition consent withdrawn',
    export: {
      section: 'closingSurveys',
      sql: `SELECT program_id, mentee_id, overall, recommend, what_changed, recognition_consent, keep_meeting, answered_at FROM closing_surveys
             WHERE tenant_id = ${T} AND user_id = ${U} ORDER BY answered_at`,
    },
    async erase(db, s) {
      // The pairs entry moved the rows to the pseudonym as mentee; the partner's words naming them go.
      // Bookings carry the pseudonym by now.
      await clearMentions('closing_surveys', 'what_changed', "''")(db, { ...s, userId: s.pseudonym });
      await db.query(`UPDATE closing_surveys SET what_changed = '', recognition_consent = false, user_id = $3::uuid WHERE tenant_id = ${T} AND user_id = ${U}`, [s.tenantId, s.userId, s.pseudonym]);
    },
  },
  {
    table: 'program_invitations',
    personColumns: ['user_id', 'invited_by'],
    exported: 'the invitations they received, and whom they invited (ids and times)',
    erased: 'kept under the pseudonym (the invitation funnel counts, and nobody is invited twice)',
    export: {
      section: 'invitations',
      sql: `SELECT program_id, user_id, invited_by, source, invited_at, declined_at, undeliverable_at FROM program_invitations
             WHERE tenant_id = ${T} AND (user_id = ${U} OR invited_by = ${U}) ORDER BY invited_at`,
    },
    erase: pseudonymise('program_invitations', ['user_id', 'invited_by']),
  },
  {
    table: 'audit_log',
    personColumns: ['actor_id', 'subject_id'],
    exported: 'the admin actions they took or that were about them',
    erased: 'kept, with the pseudonym for them (in details too)',
    export: {
      section: 'auditLog',
      sql: `SELECT id, program_id, actor_id, action, subject_id, details, at FROM audit_log WHERE tenant_id = ${T} AND (actor_id = ${U} OR subject_id = ${U}) ORDER BY id`,
    },
    async erase(db, s) {
      await pseudonymise('audit_log', ['actor_id', 'subject_id'])(db, s);
      await pseudonymiseJson('audit_log', 'details')(db, s);
    },
  },
  // The dashboard's counts (migration 016): triggers on sessions and feedback keep them, so they
  // follow those tables' erasure (the pseudonym in place of the sessions' ids; the person's answers
  // no longer counted). They come after sessions and feedback, and are checked, not changed, here.
  ...(
    [
      ['dashboard_pairs', ['mentee_id', 'mentor_id'], 'each pair’s session and rating counts'],
      ['dashboard_facet_people', ['person_id'], 'how many sessions and answers of each week, direction and rating each person is in'],
    ] as const
  ).map(([table, columns, what]): TableEntry => ({
    table,
    personColumns: [...columns],
    exported: `nothing of their own: ${what}, counted from the sessions and feedback the export gives`,
    erased: 'follows the sessions (the pseudonym) and their feedback (no longer counted), by trigger',
    export: null,
    async erase(db, s) {
      const left = await db.query(`SELECT 1 FROM ${table} WHERE tenant_id = ${T} AND ${U} IN (${columns.join(', ')}) LIMIT 1`, [s.tenantId, s.userId]);
      if (left.length > 0) throw new Error(`${table} still counts a person being erased: the dashboard triggers missed a change`);
    },
  })),
  {
    table: 'erasure_requests',
    personColumns: ['user_id'],
    exported: 'their request to leave and be deleted, while it runs',
    erased: 'their id cleared once done; the pseudonym stays (the audit log’s name for them)',
    export: { section: 'erasureRequest', sql: `SELECT state, requested_at FROM erasure_requests WHERE tenant_id = ${T} AND user_id = ${U}` },
    async erase() {
      // The erasure itself clears it when done.
    },
  },
];

/** Tables keyed on a booking without ON UPDATE CASCADE: the pairs entry moves their rows with the pair. */
const BOOKING_DEPENDENTS = ['series_changes', 'pair_closings', 'closing_surveys'];

type Ends = { mentorId?: string; menteeId: string };
type DraftJson = { pairs?: Ends[]; unmatched?: Ends[]; stats?: { matched?: number } } & Record<string, unknown>;

/** A draft without a person: their pairs, their unmatched entry and removals naming them go. */
export function withoutPerson(proposal: DraftJson, removals: Ends[], userId: string): { proposal: DraftJson; removals: Ends[] } {
  const other = (e: Ends) => e.mentorId !== userId && e.menteeId !== userId;
  const pairs = (proposal.pairs ?? []).filter(other);
  return {
    proposal: { ...proposal, pairs, unmatched: (proposal.unmatched ?? []).filter(other), ...(proposal.stats ? { stats: { ...proposal.stats, matched: pairs.length } } : {}) },
    removals: removals.filter(other),
  };
}
