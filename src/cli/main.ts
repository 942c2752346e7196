import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { assign, validateAssignmentInput } from '../domain/matching/assign.ts';
import { proposeMatches } from '../domain/matching/propose.ts';
import { participantsOf, poolSchema } from './pool.ts';
import { readJsonFile } from './json-input.ts';

const USAGE = `Usage:
  flipside assign --input candidates.json [--output result.json]
      The matching solver alone: the most mentees matched, then the highest total score.
      Input:  { "mentors": [{ "id": "m1", "capacity": 1 }], "mentees": [{ "id": "e1" }],
                "edges": [{ "mentor": "m1", "mentee": "e1", "score": 0.73 }] }
      Output: { "pairs": [...], "matched": 1, "totalScore": 0.73, "optimalityGap": 0 }

  flipside match --input pool.json [--output result.json]
      The whole pipeline on an HR export: the org-chart rules, the scores, the best pairs and
      their reasons, and why each unmatched mentee found nobody. The pool format is in README.md.
`;

/** Runs one CLI command; returns the exit code (0 ok, 2 bad input or usage). */
export function run(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const [command, ...rest] = argv;
  if (command !== 'assign' && command !== 'match') {
    err(command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE);
    return 2;
  }
  let values: { input?: string; output?: string };
  try {
    ({ values } = parseArgs({ args: rest, options: { input: { type: 'string' }, output: { type: 'string' } }, strict: true }));
  } catch (error) {
    err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!values.input) {
    err(`--input is required.\n\n${USAGE}`);
    return 2;
  }
  const file = readJsonFile(values.input);
  if (!file.ok) {
    err(file.message);
    return 2;
  }
  let result: string;
  if (command === 'assign') {
    const checked = validateAssignmentInput(file.value);
    if (!checked.ok) {
      err(`${values.input}: ${checked.path}: ${checked.message}`);
      return 2;
    }
    result = JSON.stringify(assign(checked.input), null, 2);
  } else {
    const parsed = poolSchema.safeParse(file.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      err(
        `${values.input}: ${
          issue.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '') || '(input)'
        }: ${issue.message}`,
      );
      return 2;
    }
    const pool = participantsOf(parsed.data);
    if (!pool.ok) {
      err(`${values.input}: ${pool.path}: ${pool.message}`);
      return 2;
    }
    const proposal = proposeMatches(pool.mentors, pool.mentees, pool.rules, pool.capacity);
    result = JSON.stringify({ ...proposal, matched: proposal.pairs.length }, null, 2);
  }
  if (values.output) writeFileSync(values.output, `${result}\n`);
  else out(`${result}\n`);
  return 0;
}

/**
 * The `flipside` command: runs `argv` (the arguments after the command name) on this process's
 * streams and sets its exit code. bin/flipside.mjs calls it; importing this module runs nothing.
 */
export function main(argv: string[]): void {
  process.exitCode = run(
    argv,
    (s) => process.stdout.write(s),
    (s) => process.stderr.write(`${s}\n`),
  );
}
