import type { Dashboard } from '../../contracts/dashboard.ts';
import { minGroup } from '../../domain/privacy/privacy.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import type { Store } from '../store.ts';
import { buildDashboard } from './dashboard.ts';
import { adminProgram } from './program-admin.ts';

/** A program's dashboard for its admins: SQL aggregates through the privacy rule. */
export async function getDashboard(deps: { store: Store; clock: Clock }, actor: Actor, programId: string): Promise<Dashboard> {
  const program = await adminProgram(deps.store, actor, programId);
  const now = deps.clock.now();
  const [raw, k] = await Promise.all([deps.store.dashboard.aggregates(actor.tenantId, programId, now), deps.store.dashboard.minGroup(actor.tenantId, programId)]);
  return buildDashboard(program, raw, k, now);
}

/** Raises (or lowers, never below 5) the smallest group a program's figures are shown about. */
export async function setMinGroup(deps: { store: Store }, actor: Actor, programId: string, k: number): Promise<{ minGroup: number }> {
  await adminProgram(deps.store, actor, programId);
  const value = minGroup(k);
  await deps.store.dashboard.setMinGroup(actor.tenantId, programId, value);
  return { minGroup: value };
}
