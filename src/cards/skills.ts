/**
 * Rating oneself on the topics one chose to learn: the same 1–5 question on the mid-point
 * feedback card and in the closing survey (inputs skill0…skill9), and the change in words.
 */
import type { Choice, InputChoiceSet } from './common.ts';
import { plainText } from './format.ts';

/** Topics rated on one card: the submit verbs carry skill0…skill9. */
export const MAX_RATED_SKILLS = 10;

export const skillInputId = (i: number) => `skill${i}`;

/** A topic as a rating card shows it: the levels given so far. */
export interface SkillVM {
  name: string;
  /** At enrollment. */
  before: number | null;
  /** At the mid-point; absent or null when not rated. */
  mid?: number | null;
}

export const SKILL_LEVELS: Choice[] = [
  { title: '1 — new to it', value: '1' },
  { title: '2', value: '2' },
  { title: '3', value: '3' },
  { title: '4', value: '4' },
  { title: '5 — could teach it', value: '5' },
];

/** "AI assistants (you said 2 of 5 when you enrolled, 3 at the mid-point)". */
export function skillLabel(s: SkillVM): string {
  const said = [s.before ? `${s.before} of 5 when you enrolled` : null, s.mid ? `${s.mid} at the mid-point` : null].filter(Boolean);
  return `${plainText(s.name)}${said.length ? ` (you said ${said.join(', ')})` : ''}`;
}

/** One topic's question, a compact 1–5 choice, optional. */
export function skillInput(i: number, s: SkillVM, value: number | null | undefined): InputChoiceSet {
  const input: InputChoiceSet = {
    type: 'Input.ChoiceSet',
    id: skillInputId(i),
    label: skillLabel(s),
    choices: SKILL_LEVELS,
    style: 'compact',
    wrap: true,
    spacing: 'medium',
    placeholder: 'Choose 1 to 5',
  };
  if (value) input.value = String(value);
  return input;
}

/** "2 → 4 of 5", or "4 of 5" without an earlier rating. */
export const skillChange = (before: number | null | undefined, now: number): string => `${before ? `${before} → ` : ''}${now} of 5`;
