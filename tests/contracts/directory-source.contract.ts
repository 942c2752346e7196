// What every DirectorySource promises (src/app/directory/ports.ts), whoever implements it: Graph's
// users/delta through GraphDirectorySource, or the in-memory fake the use-case tests run on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryPage, DirectorySource } from '../../src/app/directory/ports.ts';
import { AppError } from '../../src/app/shared/errors.ts';
import type { DirectoryChange } from '../../src/domain/shared/directory.ts';

/** The directory behind the source, as a test arranges it (the identity provider's side). */
export interface DirectoryWorld {
  /** Everyone in the directory now. */
  people(): { id: string; displayName: string; managerId: string | null; accountEnabled: boolean }[];
  rename(id: string, displayName: string): void;
  changeManager(id: string, managerId: string): void;
  disable(id: string): void;
  /** The person leaves the organisation. */
  remove(id: string): void;
  /** The link, as the source sees it once the identity provider has forgotten it (its sync state expired). */
  forget(deltaLink: string): string;
}

export interface DirectorySubject {
  source: DirectorySource;
  world: DirectoryWorld;
  close?(): Promise<void>;
}

type Upsert = Extract<DirectoryChange, { kind: 'upsert' }>;

async function round(source: DirectorySource, deltaLink: string | undefined): Promise<{ pages: DirectoryPage[]; changes: DirectoryChange[]; next: string | undefined }> {
  const pages: DirectoryPage[] = [];
  for await (const page of source.delta(deltaLink)) pages.push(page);
  return { pages, changes: pages.flatMap((p) => p.changes), next: pages.at(-1)?.deltaLink };
}

const upserts = (changes: DirectoryChange[]) => new Map(changes.filter((c): c is Upsert => c.kind === 'upsert').map((c) => [c.person.id, c.person]));

export function describeDirectorySourceContract(name: string, makeSubject: () => Promise<DirectorySubject>): void {
  describe(`DirectorySource contract: ${name}`, () => {
    let source: DirectorySource;
    let world: DirectoryWorld;
    let close: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ source, world, close } = await makeSubject());
    });
    afterAll(async () => close?.());

    /** A link that starts a round of changes from now on. */
    const freshLink = async () => (await round(source, undefined)).next!;
    /** People nobody reports to, with a manager: moving or removing them touches nobody else. */
    const leaves = () => {
      const people = world.people();
      const managers = new Set(people.map((p) => p.managerId));
      return people.filter((p) => p.managerId !== null && p.accountEnabled && !managers.has(p.id));
    };

    it('streams everyone without a link, each with their manager, and the last page carries the next link', async () => {
      const { pages, changes, next } = await round(source, undefined);
      expect(pages.length).toBeGreaterThan(0);
      expect(typeof next).toBe('string');
      expect(changes.every((c) => c.kind === 'upsert')).toBe(true);
      const streamed = upserts(changes);
      const people = world.people();
      expect([...streamed.keys()].sort()).toEqual(people.map((p) => p.id).sort());
      for (const p of people) {
        const got = streamed.get(p.id)!;
        // Someone without a manager may come with null or with none named: both say "no manager" to a first sync.
        expect({ id: p.id, managerId: got.managerId ?? null, displayName: got.displayName, accountEnabled: got.accountEnabled }).toEqual({
          id: p.id,
          managerId: p.managerId,
          displayName: p.displayName,
          accountEnabled: p.accountEnabled,
        });
      }
    });

    it('streams no change from a link when nothing changed, and hands out the next link', async () => {
      const { changes, next } = await round(source, await freshLink());
      expect(changes).toEqual([]);
      expect(typeof next).toBe('string');
    });

    it('streams only who changed since the link: a rename says nothing about the manager, a move names the new one', async () => {
      const [renamed, moved] = leaves();
      const target = world.people().find((p) => p.id !== moved!.id && p.id !== moved!.managerId && p.id !== renamed!.id && p.accountEnabled)!;
      const link = await freshLink();
      world.rename(renamed!.id, `${renamed!.displayName} (renamed)`);
      world.changeManager(moved!.id, target.id);

      const { changes, next } = await round(source, link);
      const streamed = upserts(changes);
      expect([...streamed.keys()].sort()).toEqual([renamed!.id, moved!.id].sort());
      expect(streamed.get(renamed!.id)).toMatchObject({ displayName: `${renamed!.displayName} (renamed)`, managerId: undefined });
      expect(streamed.get(moved!.id)?.managerId).toBe(target.id);
      // And the next link starts after those changes.
      expect((await round(source, next)).changes).toEqual([]);
    });

    it('streams a disabled account as an update, and someone who left as removed', async () => {
      const [disabled, leaver] = leaves();
      const link = await freshLink();
      world.disable(disabled!.id);
      world.remove(leaver!.id);

      const { changes } = await round(source, link);
      expect(upserts(changes).get(disabled!.id)?.accountEnabled).toBe(false);
      expect(changes).toContainEqual({ kind: 'removed', id: leaver!.id });
      expect(upserts(changes).has(leaver!.id)).toBe(false);
    });

    it('refuses a link it has forgotten with AppError conflict, and starts over without one', async () => {
      const forgotten = world.forget(await freshLink());
      const error = await round(source, forgotten).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('conflict');
      expect(upserts((await round(source, undefined)).changes).size).toBe(world.people().length);
    });
  });
}
