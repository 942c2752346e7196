import { describe, expect, it } from 'vitest';
import { REVERSE_MENTORING_TOPICS } from '../programs/template.ts';
import { sessionPlan } from './curriculum.ts';

describe('sessionPlan', () => {
  it('starts with getting to know each other, reviews at the mid-point, closes last, and alternates topics taught up and back', () => {
    const plan = sessionPlan(12, REVERSE_MENTORING_TOPICS);
    expect(plan).toHaveLength(12);
    expect(plan[0]!.title).toBe('Getting to know each other');
    expect(plan[5]!.title).toBe('Mid-point review');
    expect(plan[11]!.title).toBe('Closing session');
    const topics = plan.slice(1, 5).map((s) => REVERSE_MENTORING_TOPICS.find((t) => t.name === s.title)!.direction);
    expect(topics).toEqual(['teachesUp', 'teachesDown', 'teachesUp', 'teachesDown']);
  });

  it('has no mid-point review in a short program, and one session is only the first', () => {
    expect(sessionPlan(4, REVERSE_MENTORING_TOPICS).map((s) => s.title)).not.toContain('Mid-point review');
    expect(sessionPlan(1, REVERSE_MENTORING_TOPICS).map((s) => s.title)).toEqual(['Getting to know each other']);
    expect(sessionPlan(0, REVERSE_MENTORING_TOPICS)).toEqual([]);
  });
});

describe('HR’s own session plan', () => {
  const plan = [
    { title: 'Kick-off', description: '' },
    { title: 'AI at work', description: '' },
    { title: 'Strategy', description: '' },
    { title: 'Wrap-up', description: '' },
  ];
  it('is used as written when the series has as many sessions', () => {
    expect(sessionPlan(4, REVERSE_MENTORING_TOPICS, plan).map((s) => s.title)).toEqual(['Kick-off', 'AI at work', 'Strategy', 'Wrap-up']);
  });
  it('keeps its last step last: open sessions fill a longer series, a shorter one drops steps before it', () => {
    expect(sessionPlan(6, REVERSE_MENTORING_TOPICS, plan).map((s) => s.title)).toEqual(['Kick-off', 'AI at work', 'Strategy', 'Open session', 'Open session', 'Wrap-up']);
    expect(sessionPlan(3, REVERSE_MENTORING_TOPICS, plan).map((s) => s.title)).toEqual(['Kick-off', 'AI at work', 'Wrap-up']);
    expect(sessionPlan(1, REVERSE_MENTORING_TOPICS, plan).map((s) => s.title)).toEqual(['Kick-off']);
  });
});
