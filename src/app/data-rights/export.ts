import type { MyData } from '../../contracts/privacy.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store.ts';

/**
 * Everything Flipside holds about the caller, one section per kind of record (the inventory's):
 * their profile as synced, enrollments and goals, matches, meetings and sessions, their own
 * feedback and action items, the cards sent to them, admin actions they took. Never another
 * person's private text.
 */
export async function exportMyData(deps: { store: Store; clock: Clock }, actor: Pick<Actor, 'tenantId' | 'userId'>): Promise<MyData> {
  const sections = await deps.store.privacy.exportPerson(actor.tenantId, actor.userId);
  return { exportedAt: deps.clock.now().toISOString(), person: { id: actor.userId, tenantId: actor.tenantId }, sections: JSON.parse(JSON.stringify(sections)) as MyData['sections'] };
}
