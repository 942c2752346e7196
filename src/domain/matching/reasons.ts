/**
 * Why two people were paired, as codes with ids and figures but no names: what is stored (pairs,
 * drafts), so that deleting a person really deletes them. Words are made when shown, with the
 * names of the day (or none, for a person who left).
 */
export type PairReason =
  /** How many of the topics the mentee wants the mentor teaches (topic ids, in the mentee's order). */
  | { code: 'topics'; taught: string[]; wanted: number }
  /** Topics the mentee teaches back (topic ids). */
  | { code: 'reciprocity'; topics: string[] }
  /** Different departments; the departments are the directory's, looked up when shown. */
  | { code: 'otherDepartment' }
  | { code: 'sharedHours'; minutes: number }
  | { code: 'levelGap'; gap: number };

/** What reasons need to be put in words: first names (null: a person who left), departments, topic names. */
export interface ReasonContext {
  mentor: string | null;
  mentee: string | null;
  mentorDepartment: string | null;
  menteeDepartment: string | null;
  topicNames: Record<string, string>;
}

const firstName = (name: string | null, fallback: string) => (name ? name.split(' ')[0]! : fallback);

function list(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** "Ana teaches both topics Raj wants: …", "… 3 of the 4 topics …", "Ana teaches neither of the topics Raj asked for". */
function topicWords(mentor: string, mentee: string, taught: string[], wanted: number): string {
  if (wanted === 0) return `${mentee} named no topics to learn`;
  if (taught.length === 0) return wanted === 1 ? `${mentor} does not teach the topic ${mentee} asked for` : `${mentor} teaches ${wanted === 2 ? 'neither' : 'none'} of the topics ${mentee} asked for`;
  const share =
    taught.length < wanted ? (wanted === 2 ? 'one of the two topics' : `${taught.length} of the ${wanted} topics`) : wanted === 1 ? 'the topic' : wanted === 2 ? 'both topics' : `all ${wanted} topics`;
  return `${mentor} teaches ${share} ${mentee} wants: ${list(taught)}`;
}

/** One reason in plain words. A stored reason from before codes (a string) is shown as it is. */
export function reasonWords(reason: PairReason | string, ctx: ReasonContext): string {
  if (typeof reason === 'string') return reason;
  const mentor = firstName(ctx.mentor, 'The mentor');
  const mentee = firstName(ctx.mentee, ctx.mentor ? 'the mentee' : 'The mentee');
  const topic = (id: string) => ctx.topicNames[id] ?? id;
  switch (reason.code) {
    case 'topics':
      return topicWords(mentor, mentee, reason.taught.map(topic), reason.wanted);
    case 'reciprocity':
      return `${mentee} teaches back ${list(reason.topics.map(topic))}`;
    case 'otherDepartment':
      return ctx.mentorDepartment && ctx.menteeDepartment ? `different departments (${ctx.mentorDepartment} ↔ ${ctx.menteeDepartment})` : 'different departments';
    case 'sharedHours':
      return reason.minutes >= 60
        ? `${Math.round(reason.minutes / 60)} h of shared working hours`
        : reason.minutes > 0
          ? `only ${reason.minutes} min of shared working hours`
          : 'no shared working hours';
    case 'levelGap':
      // A tenure rule can pair people on one level, or a mentor from a level above the mentee's.
      return reason.gap === 0 ? 'on the same level' : `${Math.abs(reason.gap)} level${Math.abs(reason.gap) === 1 ? '' : 's'} apart`;
  }
}

/** Every reason of a pair in words, in their order. */
export const reasonsInWords = (reasons: readonly (PairReason | string)[], ctx: ReasonContext): string[] => reasons.map((r) => reasonWords(r, ctx));
