/**
 * The reverse-mentoring session plan: getting to know each other and the goals first, then the
 * topics taught up and back in turn, a mid-point review halfway, a closing session last.
 */
import type { Topic } from '../programs/program.ts';

export interface SessionStep {
  title: string;
  description: string;
}

const FIRST: SessionStep = {
  title: 'Getting to know each other',
  description:
    'Share what you each do, what you hope to get out of these sessions, and agree on your goals and how you will work together (what stays between you, how to say when something is not working).',
};
const MIDPOINT: SessionStep = {
  title: 'Mid-point review',
  description: 'Look back at your goals: what has moved, what has not, and what you want from the second half. Adjust the plan together.',
};
const CLOSING: SessionStep = {
  title: 'Closing session',
  description: 'What changed for each of you, what you will keep doing, and whether you want to keep meeting on your own.',
};

function topicStep(t: Topic): SessionStep {
  return t.direction === 'teachesUp'
    ? { title: t.name, description: `The junior mentor teaches: ${t.name}. Try it together on a real piece of work, then note what to practise before next time.` }
    : { title: t.name, description: `The senior mentee shares: ${t.name}. Bring a real decision or situation and talk it through.` };
}

/** The number of the mid-point review among `sessions` sessions (halfway, rounded up); null when a program is too short for one. */
export function midpointSession(sessions: number): number | null {
  return sessions >= 5 ? Math.ceil(sessions / 2) : null;
}

/**
 * The suggested step for each of `sessions` sessions, from the pair's chosen topics (falling back
 * to the program's): topics taught up and taught back alternate, and repeat when there are more
 * sessions than topics.
 */
export function sessionPlan(sessions: number, topics: readonly Topic[], custom?: readonly SessionStep[] | null): SessionStep[] {
  if (sessions <= 0) return [];
  if (custom && custom.length > 0) return fitPlan(custom, sessions);
  if (sessions === 1) return [FIRST];
  const up = topics.filter((t) => t.direction === 'teachesUp');
  const down = topics.filter((t) => t.direction === 'teachesDown');
  const turns: Topic[] = [];
  for (let i = 0; i < Math.max(up.length, down.length); i++) {
    if (up[i]) turns.push(up[i]!);
    if (down[i]) turns.push(down[i]!);
  }
  const midpoint = midpointSession(sessions) ?? -1; // index 0-based below
  const plan: SessionStep[] = [];
  let next = 0;
  for (let i = 0; i < sessions; i++) {
    if (i === 0) plan.push(FIRST);
    else if (i === sessions - 1) plan.push(CLOSING);
    else if (i === midpoint - 1) plan.push(MIDPOINT);
    else if (turns.length === 0) plan.push(OPEN);
    else plan.push(topicStep(turns[next++ % turns.length]!));
  }
  return plan;
}

const OPEN: SessionStep = { title: 'Open session', description: 'Pick up where you left off: your goals and last time’s action items.' };

/**
 * HR's own plan fitted to a series of `sessions`: its steps in order, its last step always on the
 * last session; a longer series gets open sessions before the last step, a shorter one drops steps
 * before it.
 */
export function fitPlan(plan: readonly SessionStep[], sessions: number): SessionStep[] {
  if (plan.length >= sessions) return sessions === 1 ? [plan[0]!] : [...plan.slice(0, sessions - 1), plan.at(-1)!];
  return [...plan.slice(0, -1), ...Array.from({ length: sessions - plan.length }, () => OPEN), plan.at(-1)!];
}
