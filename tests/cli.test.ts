import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'flipside-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
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

describe('npx flipside match', () => {
  it('pairs under the org-chart rules and says why the other mentee found nobody', () => {
    const run = cli('match', '--input', file('pool.json', JSON.stringify(pool)));
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.pairs).toEqual([expect.objectContaining({ mentorId: 'ana', menteeId: 'cfo' })]);
    expect(result.pairs[0].reasons[0]).toBe('Ana teaches the topic Fay wants: AI assistants');
    expect(result.unmatched).toEqual([{ menteeId: 'vp', reason: "every eligible mentor is in Vic's reporting line" }]);
  });

  it('runs the pool README.md shows, as shown', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const example = /takes a pool, such as this one:\n\n```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const run = cli('match', '--input', file('readme-pool.json', example!));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).pairs).toEqual([expect.objectContaining({ mentorId: 'ana', menteeId: 'cfo', reasons: expect.arrayContaining(['Ana teaches the topic Fay wants: AI assistants']) })]);
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

// The bug this pins: npx runs the bin through node_modules/.bin/flipside, and a run guard that
// looked for "flipside.mjs" in the script's path made every `npx flipside …` a silent exit 0.
// So the commands run the way a user runs them: `npx flipside` in a project that depends on
// Flipside. The dependency is a file: link, as `npx flipside` in a clone installs it too; a
// tarball would copy all 320 runtime packages (1.7 minutes, 650 MB) for the same .bin link.
describe('npx flipside in a project that installed it', () => {
  const repo = fileURLToPath(new URL('..', import.meta.url));
  let project = '';
  let env: NodeJS.ProcessEnv = {};
  const npx = (...args: string[]) => spawnSync('npx', ['flipside', ...args], { cwd: project, env, encoding: 'utf8' });

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'flipside-npx-'));
    // Offline, with an empty cache of its own: the link needs nothing from the registry, and the
    // outer `npm test` must not lend the children its npm settings.
    env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
    Object.assign(env, { npm_config_cache: join(project, '.npm-cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' });
    mkdirSync(join(project, 'inputs'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'flipside-user', private: true, dependencies: { flipside: `file:${repo}` } }));
    const install = spawnSync('npm', ['install'], { cwd: project, env, encoding: 'utf8' });
    expect(install.stderr).not.toMatch(/npm error/);
    expect(install.status).toBe(0);
  });
  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  const input = (name: string, content: string) => {
    writeFileSync(join(project, 'inputs', name), content);
    return join('inputs', name);
  };

  it('assign prints the result and exits 0', () => {
    const run = npx(
      'assign',
      '--input',
      input('candidates.json', JSON.stringify({ mentors: [{ id: 'm1', capacity: 1 }], mentees: [{ id: 'e1' }], edges: [{ mentor: 'm1', mentee: 'e1', score: 0.7 }] })),
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ pairs: [{ mentor: 'm1', mentee: 'e1', score: 0.7 }], matched: 1, totalScore: 0.7, optimalityGap: 0 });
  });

  it('match prints the pairs with their reasons and exits 0', () => {
    const run = npx('match', '--input', input('pool.json', JSON.stringify(pool)));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ matched: 1, pairs: [{ mentorId: 'ana', menteeId: 'cfo' }] });
    expect(result.pairs[0].reasons[0]).toBe('Ana teaches the topic Fay wants: AI assistants');
  });

  it.each([
    // Both commands read their input the same way, before they part.
    ['assign', 'invalid JSON', () => input('broken.json', '{ "mentors": [ }'), /^inputs\/broken\.json:1:16: not valid JSON \(ValueExpected\)$/m],
    ['match', 'a missing file', () => 'inputs/missing.json', /^inputs\/missing\.json: no such file$/m],
  ])('%s on %s says what is wrong on stderr and exits 2', (command, _case, path, message) => {
    const run = npx(command, '--input', path());
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});
