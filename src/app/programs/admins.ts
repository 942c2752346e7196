import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store.ts';

/**
 * Program admins decide for people without a manager, so Flipside remembers who they are: the
 * first request of each admin (per process) records them.
 */
export function adminRecorder(deps: { store: Store; clock: Clock }): (actor: Actor) => Promise<void> {
  const seen = new Set<string>();
  return async (actor) => {
    const key = `${actor.tenantId}/${actor.userId}`;
    if (!actor.isProgramAdmin || seen.has(key)) return;
    await deps.store.admins.record(actor.tenantId, actor.userId, deps.clock.now());
    seen.add(key);
  };
}
