// The Agents Playground configuration (.m365agentsplayground.yml): the Playground's mock chat must
// be in the sandbox tenant, as a person of the default sandbox directory, or Flipside does not
// answer it as that person (no welcome card, `status` not understood, no approvals to decide).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, SANDBOX } from '../src/config/config.ts';
import { generateOrg } from '../src/sandbox/org/index.ts';

// The file is flat YAML (maps, one list of maps, no multi-line values): read without a YAML library.
const lines = readFileSync(new URL('../.m365agentsplayground.yml', import.meta.url), 'utf8')
  .split(/\r?\n/)
  .filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
/** Top-level key -> its lines (the value itself, or the indented lines below it). */
const sections = new Map<string, string[]>();
let current = '';
for (const line of lines) {
  const top = /^(\w+):\s*(.*)$/.exec(line);
  if (top) sections.set((current = top[1]!), top[2] ? [top[2]] : []);
  else sections.get(current)?.push(line);
}
/** A section's maps: one for a map, one per item for a list of maps. */
const mapsOf = (key: string): Record<string, string>[] => {
  const maps: Record<string, string>[] = [];
  for (const line of sections.get(key) ?? []) {
    const m = /^\s*(- )?(\w+): (.+)$/.exec(line);
    if (!m) continue;
    if (m[1] || maps.length === 0) maps.push({});
    maps.at(-1)![m[2]!] = m[3]!.trim();
  }
  return maps;
};

const people = [...mapsOf('currentUser'), ...mapsOf('users')] as Array<Record<string, string | undefined>>;

describe('Agents Playground configuration', () => {
  // The directory Flipside's sandbox serves when nothing is configured (npm start).
  const defaults = loadConfig({ FLIPSIDE_MODE: 'sandbox' });
  const org = generateOrg({ size: defaults.sandbox!.orgSize, seed: defaults.sandbox!.seed });

  it('puts the chat in the sandbox tenant, with the sandbox bot', () => {
    expect(sections.get('tenantId')).toEqual([SANDBOX.tenantId]);
    expect(mapsOf('bot')[0]?.id).toBe(`28:${SANDBOX.botId}`);
  });

  it('the current user is an enabled sandbox manager and the five users are their direct reports', () => {
    const [me, ...reports] = people;
    expect(reports).toHaveLength(5);
    const manager = org.byId.get(me!.aadObjectId!);
    expect(manager?.accountEnabled).toBe(true);
    expect(reports.map((r) => org.byId.get(r.aadObjectId!)?.managerId)).toEqual(Array(5).fill(manager!.id));
    // Flipside learns Teams user ids (MRIs) only in the 29: form.
    for (const p of people) expect(p.id).toMatch(/^29:/);
  });

  it("names, addresses and UPNs are the directory's", () => {
    for (const p of people) {
      const person = org.byId.get(p.aadObjectId!);
      expect({ name: p.name, givenName: p.givenName, surname: p.surname, email: p.email, upn: p.userPrincipleName }).toEqual({
        name: person?.displayName,
        givenName: person?.givenName,
        surname: person?.surname,
        email: person?.mail,
        upn: person?.userPrincipalName,
      });
    }
  });
});
