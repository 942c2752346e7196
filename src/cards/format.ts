/** Pure text helpers shared by the card templates: dates, plain-words enums, levels, safe user text. */
import type { ApprovalCardVM } from './types.ts';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * "Tue 24 Nov 2026" from an ISO date ("2026-11-24") or timestamp ("2026-11-24T09:30:00Z").
 * Read in UTC, never in the process's zone, so a card renders the same on every server; a
 * date-only string is taken as that calendar day.
 * @throws RangeError when the string is not an ISO date: view-models carry validated dates.
 */
export function formatDate(iso: string): string {
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const ms = iso.length === 10 && ymd ? Date.UTC(Number(ymd[1]), Number(ymd[2]) - 1, Number(ymd[3])) : Date.parse(iso);
  const d = new Date(ms);
  // Date.UTC rolls "2026-02-30" over into March; a real date reads back the same.
  const valid = ymd && !Number.isNaN(ms) && (iso.length !== 10 || (d.getUTCMonth() + 1 === Number(ymd[2]) && d.getUTCDate() === Number(ymd[3])));
  if (!valid) throw new RangeError(`not an ISO date: "${iso}"`);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** "Tue 1 Dec 2026 – Mon 31 May 2027". */
export function formatDateRange(startIso: string, endIso: string): string {
  return `${formatDate(startIso)} – ${formatDate(endIso)}`;
}

/** "1 session", "12 sessions". */
/** The text with its first letter in upper case: for sentences built from lower-case parts. */
export function capitalized(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const CADENCE_WORDS: Record<ApprovalCardVM['cadence'], string> = {
  weekly: 'weekly',
  biweekly: 'every two weeks',
  monthly: 'monthly',
};

/** "weekly", "every two weeks", "monthly". */
export function cadenceWords(cadence: ApprovalCardVM['cadence']): string {
  return CADENCE_WORDS[cadence];
}

const ROLE_WORDS: Record<ApprovalCardVM['role'], string> = {
  mentor: 'Mentor',
  mentee: 'Mentee',
  both: 'Mentor and mentee',
};

/** "Mentor", "Mentee", "Mentor and mentee". */
export function roleWords(role: ApprovalCardVM['role']): string {
  return ROLE_WORDS[role];
}

/** A 1–5 self-rated level as dots and digits: "●●●○○ 3/5". Out-of-range values are clamped. */
export function levelText(level: number): string {
  const n = Math.min(5, Math.max(1, Math.round(level)));
  return `${'●'.repeat(n)}${'○'.repeat(5 - n)} ${n}/5`;
}

/** "9 hours", "7.5 hours", "1 hour", "45 min": rounded to the half hour, since the sentence says "roughly". */
export function hoursWords(hours: number): string {
  if (hours < 1) return `${Math.max(1, Math.round(hours * 60))} min`;
  const half = Math.round(hours * 2) / 2;
  return half === 1 ? '1 hour' : `${half} hours`;
}

/** "About 12 sessions of 45 min over 6 months — roughly 9 hours". */
export function timeAskWords(timeAsk: ApprovalCardVM['timeAsk'], sessionMinutes: number): string {
  return `About ${plural(timeAsk.sessions, 'session')} of ${sessionMinutes} min over ${plural(timeAsk.months, 'month')} — roughly ${hoursWords(timeAsk.hours)}`;
}

/**
 * The name to greet someone by: the first word of "Dana Kim", or the part after the comma of
 * "Kim, Dana" (tenants that store "Last, First"); the whole name when there is nothing to split.
 */
export function firstName(displayName: string): string {
  const name = displayName.trim();
  const comma = name.indexOf(',');
  const given = comma >= 0 ? name.slice(comma + 1).trim() : name;
  return given.split(/\s+/)[0] || name;
}

const ZWSP = '\u200B';

/*
 * Line starts that CommonMark reads as block syntax: headings, quotes, bullets, numbered items,
 * thematic breaks and setext underlines, fences, tables, and a "[" that could open a link
 * reference definition.
 */
const BLOCK_START = /^(?:[#>*+\-=_~`|[]|\d{1,9}[.)])/;

/**
 * Makes user-written text (goals, notes, names) safe to put in a TextBlock or Fact, which Teams
 * renders as markdown. A zero-width space is put after every "]" (so "[x](url)", "[x][ref]" and
 * "[ref]: url" are no longer links), after every "<" (no autolinks or tags), and before a line
 * that would start block syntax ("# ", "- ", "1. ", "> "...). The text reads the same, in any
 * renderer, with or without markdown; backslash escapes would show as backslashes where markdown
 * is off. Control characters and bidi overrides (which can disguise text) are dropped; runs of
 * blank lines shrink to one. Inline emphasis (*a*, _a_) is left alone: it cannot link or spoof
 * structure beyond its own TextBlock, and bare URLs stay visible for what they are.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
    .split('\n')
    .map((line) => {
      const trimmed = line.trim().replace(/\]/g, `]${ZWSP}`).replace(/</g, `<${ZWSP}`);
      return BLOCK_START.test(trimmed) ? `${ZWSP}${trimmed}` : trimmed;
    })
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Escaped and on one line, so a stray line break cannot split a bullet, an item or a person's line. */
export function oneLine(value: string): string {
  return escapeMarkdown(value).replace(/\s*\n\s*/g, ' ');
}

/** Button titles, labels, choices and error messages are plain text, not markdown: one line, without control or bidi characters. */
export function plainText(value: string): string {
  return value
    .replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
