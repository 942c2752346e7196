import { GraphWorkingHours } from '../../src/graph/calendar.gateway.ts';
import { FakeWorkingHours } from '../support/fakes/working-hours.ts';
import { startTestFlipside } from '../support/flipside.ts';
import { guid } from '../support/people.ts';
import { describeWorkingHoursContract } from './working-hours.contract.ts';

const NOBODY = '00000000-0000-4000-8000-00000000dead';

describeWorkingHoursContract('GraphWorkingHours against the sandbox Graph', async () => {
  const f = await startTestFlipside({ orgSize: 40, synced: false });
  const people = f.sandbox!.tenant.org.people;
  return {
    source: new GraphWorkingHours(f.graph),
    world: { withMailbox: (n) => people.slice(0, n).map((p) => p.id), unknown: () => NOBODY },
    close: () => f.close(),
  };
});

describeWorkingHoursContract('FakeWorkingHours', async () => {
  const ids = Array.from({ length: 30 }, (_, i) => guid(i + 1));
  const source = new FakeWorkingHours(ids.map((id, i) => [id, { timeZone: i % 2 ? 'Europe/Berlin' : 'America/New_York', start: '09:00', end: '17:30' }]));
  return { source, world: { withMailbox: (n) => ids.slice(0, n), unknown: () => NOBODY } };
});
