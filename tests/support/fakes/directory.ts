import type { DirectoryPage, DirectorySource } from '../../../src/app/directory/ports.ts';
import { AppError } from '../../../src/app/shared/errors.ts';
import type { DirectoryChange, DirectoryPerson } from '../../../src/domain/shared/directory.ts';

interface Entry {
  person: DirectoryPerson;
  /** The change (a counter, not a time) that last touched the person, and the last that moved their manager. */
  changedAt: number;
  managerChangedAt: number;
}

const LINK = /^fake-directory:delta\?at=(\d+)&generation=(\d+)$/;

/**
 * An org chart in memory that answers delta rounds as Graph's users/delta does (held to it by
 * tests/contracts/directory-source.contract.ts): a round without a link streams everyone, a round
 * from a link only who changed since, in pages of `pageSize`, the last page carrying the next link.
 * Like Graph, a round names a manager only when there is news of one: in a full round, a person
 * without a manager comes with none named (`managerId` undefined), not with `null`.
 */
export class FakeDirectorySource implements DirectorySource {
  /** Faults to inject into the next rounds: a page that throws, a round that never hands out its link. */
  readonly faults: { failAfterPages?: number; withoutDeltaLink?: boolean } = {};
  private readonly entries = new Map<string, Entry>();
  private readonly removedAt = new Map<string, number>();
  private seq = 0;
  /** Links from an older generation are forgotten. */
  private generation = 0;

  constructor(
    people: DirectoryPerson[] = [],
    private readonly pageSize = 2,
  ) {
    for (const p of people) this.add(p);
  }

  /** Everyone in the directory now, in the order they were added. */
  people(): DirectoryPerson[] {
    return [...this.entries.values()].map((e) => ({ ...e.person }));
  }

  add(person: DirectoryPerson): void {
    const s = ++this.seq;
    this.entries.set(person.id, { person: { ...person }, changedAt: s, managerChangedAt: s });
    this.removedAt.delete(person.id);
  }

  /** Changes what Graph says about a person, their manager aside. */
  update(id: string, patch: Partial<Omit<DirectoryPerson, 'id' | 'managerId'>>): void {
    const e = this.mustGet(id);
    e.person = { ...e.person, ...patch };
    e.changedAt = ++this.seq;
  }

  changeManager(id: string, managerId: string | null): void {
    const e = this.mustGet(id);
    e.person = { ...e.person, managerId };
    e.changedAt = e.managerChangedAt = ++this.seq;
  }

  /** The person leaves; their reports are left without a manager, as in Entra ID. */
  remove(id: string): void {
    this.mustGet(id);
    for (const e of this.entries.values()) if (e.person.managerId === id) this.changeManager(e.person.id, null);
    this.entries.delete(id);
    this.removedAt.set(id, ++this.seq);
  }

  /** Graph's sync state expires: every link handed out so far is answered with `conflict`. */
  forgetLinks(): void {
    this.generation++;
  }

  async *delta(deltaLink: string | undefined): AsyncIterable<DirectoryPage> {
    let since: number | undefined;
    if (deltaLink !== undefined) {
      const m = LINK.exec(deltaLink);
      if (!m || Number(m[2]) !== this.generation || Number(m[1]) > this.seq) {
        throw new AppError('conflict', 'The directory no longer knows the delta link: a full sync is needed.', { expose: false });
      }
      since = Number(m[1]);
    }
    const at = this.seq;
    const changes: DirectoryChange[] =
      since === undefined
        ? [...this.entries.values()].map((e) => upsert(e.person, e.person.managerId ?? undefined))
        : [
            ...[...this.entries.values()].filter((e) => e.changedAt > since).map((e) => upsert(e.person, e.managerChangedAt > since ? e.person.managerId : undefined)),
            ...[...this.removedAt].filter(([, s]) => s > since).map(([id]): DirectoryChange => ({ kind: 'removed', id })),
          ];
    const pages = Math.max(1, Math.ceil(changes.length / this.pageSize));
    for (let i = 0; i < pages; i++) {
      if (this.faults.failAfterPages !== undefined && i >= this.faults.failAfterPages) {
        throw new AppError('graph_error', `The directory failed after ${i} pages (injected fault).`, { expose: false });
      }
      const last = i === pages - 1;
      yield {
        changes: changes.slice(i * this.pageSize, (i + 1) * this.pageSize),
        deltaLink: last && !this.faults.withoutDeltaLink ? `fake-directory:delta?at=${at}&generation=${this.generation}` : undefined,
      };
    }
  }

  private mustGet(id: string): Entry {
    const e = this.entries.get(id);
    if (!e) throw new Error(`no person ${id} in the fake directory`);
    return e;
  }
}

function upsert(person: DirectoryPerson, managerId: string | null | undefined): DirectoryChange {
  return { kind: 'upsert', person: { ...person, managerId } };
}
