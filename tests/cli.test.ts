import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'flipside-cli-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/flipside.mjs', ...args], { encoding: 'utf8' });

describe('npx flipside assign', () => {
  it('solves a small instance and writes the documented output', () => {
    const input = file(
      'ok.json',
      JSON.stringify({
        mentors: [
          { id: 'm1', capacity: 1 },
          { id: 'm2', capacity: 1 },
        ],
        mentees: [{ id: 'e1' }, { id: 'e2' }],
        // Greedy would take m1–e1 (0.9) and leave e2 alone; the optimum matches both.
        edges: [
          { mentor: 'm1', mentee: 'e1', score: 0.9 },
          { mentor: 'm1', mentee: 'e2', score: 0.8 },
          { mentor: 'm2', mentee: 'e1', score: 0.5 },
        ],
      }),
    );
    const output = join(dir, 'out.json');
    execFileSync(process.execPath, ['bin/flipside.mjs', 'assign', '--input', input, '--output', output]);
    const result = JSON.parse(readFileSync(output, 'utf8'));
    expect(result).toMatchObject({ matched: 2, optimalityGap: 0 });
    expect(result.totalScore).toBeCloseTo(1.3);
    expect(result.pairs).toEqual(
      expect.arrayContaining([
        { mentor: 'm1', mentee: 'e2', score: 0.8 },
        { mentor: 'm2', mentee: 'e1', score: 0.5 },
      ]),
    );
  });

  it.each([
    ['a syntax error, with its line', '{\n  "mentors": [,]\n}', /:2:15: not valid JSON \(ValueExpected\)/],
    ['an unknown mentor id', JSON.stringify({ mentors: [{ id: 'm1', capacity: 1 }], mentees: [{ id: 'e1' }], edges: [{ mentor: 'mX', mentee: 'e1', score: 1 }] }), /edges\[0\]\.mentor/],
    ['a negative capacity', JSON.stringify({ mentors: [{ id: 'm1', capacity: -1 }], mentees: [], edges: [] }), /mentors\[0\]\.capacity/],
    [
      'a duplicate edge',
      JSON.stringify({
        mentors: [{ id: 'm1', capacity: 1 }],
        mentees: [{ id: 'e1' }],
        edges: [
          { mentor: 'm1', mentee: 'e1', score: 1 },
          { mentor: 'm1', mentee: 'e1', score: 2 },
        ],
      }),
      /edges\[1\]/,
    ],
  ])('names the first problem of %s, and exits 2', (_name, content, message) => {
    const run = cli('assign', '--input', file('bad.json', content));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });

  it('explains its usage when the input is missing', () => {
    const run = cli('assign');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--input is required/);
  });
});

describe('npx flipside match', () => {
  const pool = {
    rules: { seniority: { minLevelGap: 2, minTenureYearsGap: 0, combine: 'levels' }, mentorCapacity: 1, asOf: '2026-11-25' },
    topics: [
      { id: 'ai', name: 'AI assistants' },
      { id: 'strategy', name: 'Strategy' },
    ],
    people: [
      { id: 'ceo', name: 'Cora Chief', managerId: null, department: 'Executive' },
      { id: 'vp', name: 'Vic Vance', managerId: 'ceo', department: 'Sales', role: 'mentee', learn: [{ topicId: 'ai', level: 2 }], timeZone: 'Europe/London' },
      {
        id: 'cfo',
        name: 'Fay Finch',
        managerId: 'ceo',
        department: 'Finance',
        role: 'mentee',
        learn: [{ topicId: 'ai', level: 1 }],
        teach: [{ topicId: 'strategy', level: 5 }],
        timeZone: 'America/New_York',
      },
      { id: 'mgr', name: 'Mia Manager', managerId: 'vp', department: 'Sales' },
      // Ana reports (through Mia) to Vic, so she may mentor Fay but never Vic.
      {
        id: 'ana',
        name: 'Ana Analyst',
        managerId: 'mgr',
        department: 'Sales',
        role: 'mentor',
        teach: [{ topicId: 'ai', level: 5 }],
        learn: [{ topicId: 'strategy', level: 1 }],
        timeZone: 'Europe/Berlin',
      },
    ],
  };

  it('pairs under the org-chart rules and says why the other mentee found nobody', () => {
    const run = cli('match', '--input', file('pool.json', JSON.stringify(pool)));
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.pairs).toEqual([expect.objectContaining({ mentorId: 'ana', menteeId: 'cfo' })]);
    expect(result.pairs[0].reasons[0]).toBe('Ana teaches the topic Fay wants: AI assistants');
    expect(result.unmatched).toEqual([{ menteeId: 'vp', reason: "every eligible mentor is in Vic's reporting line" }]);
  });

  it.each([
    ['an unknown manager', { ...pool, people: [{ ...pool.people[1], managerId: 'ghost' }] }, /people\[0\]\.managerId: no person "ghost"/],
    ['an unknown topic', { ...pool, people: [{ ...pool.people[0], role: 'mentee', learn: [{ topicId: 'astrology', level: 1 }] }] }, /people\[0\]\.learn\[0\]\.topicId/],
    ['a bad date', { ...pool, rules: { ...pool.rules, asOf: 'soon' } }, /rules\.asOf: must be a date/],
  ])('names the first problem of %s', (_name, content, message) => {
    const run = cli('match', '--input', file('badpool.json', JSON.stringify(content)));
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
