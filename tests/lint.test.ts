// The no-cycle lint rule, through ESLint's Node API with the repo's own eslint.config.js: it reports
// a deliberate three-file loop (tests/fixtures/import-cycle) and stays quiet on a loop-free diamond
// (tests/fixtures/import-tree). The looped fixture is in the config's ignores so that `npm run lint`
// passes; here it is linted with `ignore: false`, which turns off ignore patterns and nothing else.
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const config = fileURLToPath(new URL('../eslint.config.js', import.meta.url));
const RULE = 'import-x/no-cycle';

const lint = async (pattern: string, options: { ignore?: boolean } = {}) => {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: config, ...options });
  const results = await eslint.lintFiles([pattern]);
  return results.map((r) => ({
    file: r.filePath.slice(root.length).replaceAll('\\', '/'),
    messages: r.messages.map((m) => ({ ruleId: m.ruleId, line: m.line, message: m.message })),
  }));
};
// The rule's level for a file, ignores aside (an ignored file has no computed config at all).
const ruleLevel = async (file: string) => {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: config, ignore: false });
  const computed = (await eslint.calculateConfigForFile(file)) as { rules?: Record<string, unknown> } | undefined;
  const level = computed?.rules?.[RULE];
  return Array.isArray(level) ? level[0] : level;
};

describe('import-x/no-cycle in eslint.config.js', () => {
  it('is on for src/ and for both fixtures', async () => {
    // 2 is "error": ESLint normalises the level in a computed config.
    expect(await ruleLevel('src/app/any-module.ts')).toBe(2);
    expect(await ruleLevel('src/tab/any-component.tsx')).toBe(2);
    expect(await ruleLevel('tests/fixtures/import-cycle/a.ts')).toBe(2);
    expect(await ruleLevel('tests/fixtures/import-tree/root.ts')).toBe(2);
  });

  it('keeps the looped fixture out of the normal lint run', async () => {
    const eslint = new ESLint({ cwd: root, overrideConfigFile: config });
    expect(await eslint.isPathIgnored('tests/fixtures/import-cycle/a.ts')).toBe(true);
    expect(await eslint.isPathIgnored('tests/fixtures/import-tree/root.ts')).toBe(false);
  });

  it('reports every import in a three-file loop, and nothing else', async () => {
    const results = await lint('tests/fixtures/import-cycle/*.ts', { ignore: false });
    expect(results.map((r) => r.file).sort()).toEqual(['tests/fixtures/import-cycle/a.ts', 'tests/fixtures/import-cycle/b.ts', 'tests/fixtures/import-cycle/c.ts']);
    for (const { file, messages } of results) {
      expect(messages, file).toHaveLength(1);
      expect(messages[0], file).toMatchObject({ ruleId: RULE, message: expect.stringMatching(/^Dependency cycle via "\.\/[abc]\.ts:\d+"$/) });
    }
    const a = results.find((r) => r.file.endsWith('/a.ts'));
    // The report sits on a's import of b (line 4); the message names the hop in between, b's import
    // of c on b's line 1 (the rule leaves out the first hop and the last, c → a).
    expect(a?.messages[0]).toMatchObject({ line: 4, message: 'Dependency cycle via "./c.ts:1"' });
  });

  it('reports nothing for a loop-free diamond', async () => {
    const results = await lint('tests/fixtures/import-tree/*.ts');
    expect(results.map((r) => r.file).sort()).toEqual(['leaf.ts', 'left.ts', 'right.ts', 'root.ts'].map((f) => `tests/fixtures/import-tree/${f}`));
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });
});
