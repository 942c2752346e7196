import { GraphDirectorySource } from '../../src/graph/directory.gateway.ts';
import { FakeDirectorySource } from '../support/fakes/directory.ts';
import { startTestFlipside } from '../support/flipside.ts';
import { directoryPerson, guid } from '../support/people.ts';
import { describeDirectorySourceContract } from './directory-source.contract.ts';

describeDirectorySourceContract('GraphDirectorySource against the sandbox Graph', async () => {
  const f = await startTestFlipside({ orgSize: 60, synced: false });
  const tenant = f.sandbox!.tenant;
  return {
    source: new GraphDirectorySource(f.graph),
    world: {
      people: () => tenant.org.people.map((p) => ({ id: p.id, displayName: p.displayName, managerId: p.managerId, accountEnabled: p.accountEnabled })),
      rename: (id, displayName) => tenant.updatePerson(id, { displayName }),
      changeManager: (id, managerId) => tenant.changeManager(id, managerId),
      disable: (id) => tenant.updatePerson(id, { accountEnabled: false }),
      remove: (id) => tenant.removePerson(id),
      // The sandbox answers 410 SyncStateNotFound to a token from a point it has not reached.
      forget: (link) => link.replace(/\$deltatoken=[^&]+/, `$deltatoken=${Buffer.from(JSON.stringify({ at: Number.MAX_SAFE_INTEGER, s: null })).toString('base64url')}`),
    },
    close: () => f.close(),
  };
});

describeDirectorySourceContract('FakeDirectorySource', async () => {
  // 1 at the top; 2 and 3 under 1; 4, 5 and 6 under 2; 7 and 8 under 3; 9 outside the tree, 10 disabled.
  const managers: Record<number, number | null> = { 1: null, 2: 1, 3: 1, 4: 2, 5: 2, 6: 2, 7: 3, 8: 3, 9: null, 10: 3 };
  const fake = new FakeDirectorySource(
    Object.entries(managers).map(([n, m]) => directoryPerson(Number(n), m === null ? null : guid(m), { accountEnabled: n !== '10' })),
    3,
  );
  return {
    source: fake,
    world: {
      people: () => fake.people(),
      rename: (id, displayName) => fake.update(id, { displayName }),
      changeManager: (id, managerId) => fake.changeManager(id, managerId),
      disable: (id) => fake.update(id, { accountEnabled: false }),
      remove: (id) => fake.remove(id),
      forget: (link) => {
        fake.forgetLinks();
        return link;
      },
    },
  };
});
