/**
 * Skills before and after: a person rates themselves 1–5 on the topics they chose to learn when
 * enrolling (the "before"), again on the feedback card of the program's mid-point session, and in
 * the closing survey (the "end"). Shared by those cards and by "My mentoring".
 */
import { MAX_RATED_SKILLS } from '../../cards/index.ts';
import type { Topic } from '../../domain/programs/program.ts';
import type { ProgramRecord } from '../programs/ports.ts';
import type { Store } from '../store.ts';
import type { SkillRating, SkillStage } from './ports.ts';

export interface LearnedSkill {
  topic: Topic;
  /** At enrollment; null when not rated. */
  before: number | null;
  mid: number | null;
  end: number | null;
}

/** The topics a person chose to learn, in the program's order, with what they rated at each stage so far. */
export async function learnedSkills(store: Store, tenantId: string, program: ProgramRecord, userId: string): Promise<LearnedSkill[]> {
  const e = (await store.enrollments.listForUser(tenantId, userId)).find((x) => x.programId === program.id && x.status === 'approved');
  const rated = await store.skills.forPerson(tenantId, program.id, userId);
  const at = (stage: SkillStage) => new Map(rated.filter((r) => r.stage === stage).map((r) => [r.topicId, r.level]));
  const [before, mid, end] = [at('before'), at('mid'), at('end')];
  const chosen = new Map((e?.learn ?? []).map((c) => [c.topicId, c.level]));
  return program.topics
    .filter((t) => chosen.has(t.id))
    .slice(0, MAX_RATED_SKILLS)
    .map((topic) => ({ topic, before: before.get(topic.id) ?? chosen.get(topic.id) ?? null, mid: mid.get(topic.id) ?? null, end: end.get(topic.id) ?? null }));
}

/** A level as a card sends it ("1"…"5"); null for anything else. */
export const skillLevel = (v: string | undefined): number | null => (v && /^[1-5]$/.test(v) ? Number(v) : null);

type SkillInputs = Partial<Record<`skill${number}`, string | undefined>>;

const inputOf = (input: SkillInputs, i: number) => input[`skill${i}`];

/** The first problem with the skill inputs of a card asking about `count` topics; null when they can be taken (empty ones are "not rated"). */
export function checkSkills(input: SkillInputs, count: number): { field: string; message: string } | null {
  for (let i = 0; i < MAX_RATED_SKILLS; i++) {
    const v = inputOf(input, i);
    if (v === undefined || v === '') continue;
    if (i >= count) return { field: `skill${i}`, message: 'There is no such topic to rate.' };
    if (!skillLevel(v)) return { field: `skill${i}`, message: 'Rate yourself from 1 to 5.' };
  }
  return null;
}

/** The levels as given, per topic shown (null when left empty). */
export const skillsAsGiven = (input: SkillInputs, count: number): (number | null)[] => Array.from({ length: count }, (_, i) => skillLevel(inputOf(input, i)));

/**
 * The ratings to keep for an answer at `stage`: each topic rated, with the enrollment's rating kept
 * beside it as the "before" (so the change per topic can be read from the ratings alone).
 */
export function ratingsFor(
  skills: LearnedSkill[],
  levels: (number | null)[],
  stage: Exclude<SkillStage, 'before'>,
  who: { tenantId: string; programId: string; userId: string },
  now: Date,
): SkillRating[] {
  const rating = (topicId: string, s: SkillStage, level: number): SkillRating => ({ ...who, topicId, stage: s, level, ratedAt: now });
  return skills.flatMap((s, i) => {
    const l = levels[i];
    return l ? [...(s.before ? [rating(s.topic.id, 'before', s.before)] : []), rating(s.topic.id, stage, l)] : [];
  });
}
