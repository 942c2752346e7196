import { GraphCalendar } from '../../src/graph/calendar.gateway.ts';
import { FakeCalendar } from '../support/fakes/calendar.ts';
import { startTestFlipside } from '../support/flipside.ts';
import { guid } from '../support/people.ts';
import { describeCalendarGatewayContract } from './calendar-gateway.contract.ts';

/** Graph's dateTime of an instant, in UTC ("2026-11-24T13:00:00"). */
const utc = (d: Date) => ({ dateTime: d.toISOString().slice(0, 19), timeZone: 'UTC' });

describeCalendarGatewayContract('GraphCalendar against the sandbox Graph', async () => {
  const f = await startTestFlipside({ orgSize: 80, synced: false });
  const { tenant } = f.sandbox!;
  const people = tenant.org.people.filter((p) => p.accountEnabled && !p.persona);
  return {
    gateway: new GraphCalendar(f.graph),
    world: {
      readable: (n) => people.slice(0, n).map((p) => ({ id: p.id, mail: p.mail })),
      unreadable: () => {
        const p = tenant.org.byId.get(tenant.org.personas.mailboxError)!;
        return { id: p.id, mail: p.mail };
      },
      book: (person, start, end) => void tenant.createEvent(person.id, null, { subject: 'Contract test', start: utc(start), end: utc(end), showAs: 'busy' }),
    },
    close: () => f.close(),
  };
});

describeCalendarGatewayContract('FakeCalendar', async () => {
  const calendar = new FakeCalendar();
  const people = Array.from({ length: 30 }, (_, i) => calendar.add({ id: guid(i + 1), mail: `Person.${i + 1}@x.test` }));
  const broken = calendar.add({ id: guid(99), mail: 'broken@x.test', unreadable: true });
  return {
    gateway: calendar,
    world: {
      // Asked for in lower case: mail addresses are not case-sensitive.
      readable: (n) => people.slice(0, n).map((p) => ({ id: p.id, mail: p.mail.toLowerCase() })),
      unreadable: () => ({ id: broken.id, mail: broken.mail }),
      book: (person, start, end) => calendar.book(person.mail, start, end),
    },
  };
});
