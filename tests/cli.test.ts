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
    const input = file('ok.json', JSON.stringify({
      mentors: [{ id: 'm1', capacity: 1 }, { id: 'm2', capacity: 1 }],
      mentees: [{ id: 'e1' }, { id: 'e2' }],
      // Greedy would take m1–e1 (0.9) and leave e2 alone; the optimum matches both.
      edges: [{ mentor: 'm1', mentee: 'e1', score: 0.9 }, { mentor: 'm1', mentee: 'e2', score: 0.8 }, { mentor: 'm2', mentee: 'e1', score: 0.5 }],
    }));
    const output = join(dir, 'out.json');
    execFileSync(process.execPath, ['bin/flipside.mjs', 'assign', '--input', input, '--output', output]);
    const result = JSON.parse(readFileSync(output, 'utf8'));
    expect(result).toMatchObject({ matched: 2, optimalityGap: 0 });
    expect(result.totalScore).toBeCloseTo(1.3);
    expect(result.pairs).toEqual(expect.arrayContaining([{ mentor: 'm1', mentee: 'e2', score: 0.8 }, { mentor: 'm2', mentee: 'e1', score: 0.5 }]));
  });

  it.each([
    ['a syntax error, with its line', '{\n  "mentors": [,]\n}', /:2:15: not valid JSON \(ValueExpected\)/],
    ['an unknown mentor id', JSON.stringify({ mentors: [{ id: 'm1', capacity: 1 }], mentees: [{ id: 'e1' }], edges: [{ mentor: 'mX', mentee: 'e1', score: 1 }] }), /edges\[0\]\.mentor/],
    ['a negative capacity', JSON.stringify({ mentors: [{ id: 'm1', capacity: -1 }], mentees: [], edges: [] }), /mentors\[0\]\.capacity/],
    ['a duplicate edge', JSON.stringify({ mentors: [{ id: 'm1', capacity: 1 }], mentees: [{ id: 'e1' }], edges: [{ mentor: 'm1', mentee: 'e1', score: 1 }, { mentor: 'm1', mentee: 'e1', score: 2 }] }), /edges\[1\]/],
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
