import type { Dropout, Figure, FunnelStage } from '../contracts/dashboard.ts';

/** A figure as text: its value, or "fewer than k" when hidden. */
export function figureText(f: Figure, k: number, format: (n: number) => string = (n) => n.toLocaleString('en-GB')): string {
  return f.hidden ? `fewer than ${k}` : format(f.value);
}

export const value = (f: Figure) => (f.hidden ? undefined : f.value);

export const STAGE_NAMES: Record<FunnelStage, string> = {
  enrolled: 'Enrolled',
  approved: 'Approved',
  matched: 'Matched',
  booked: 'Booked',
  active: 'Active (a session held)',
  completed: 'Completed',
};

export const DROPOUT_NAMES: Record<Dropout, string> = {
  pending: 'waiting for approval',
  declined: 'declined',
  expired: 'expired',
  withdrawn: 'withdrew',
  unmatched: 'not matched',
  waiting: 'not there yet',
  ongoing: 'still meeting',
  closed: 'pair closed early',
};

export const DIRECTION_NAMES = { up: 'Taught up (the junior teaches)', back: 'Taught back (the senior shares)', together: 'Together (first, mid-point, closing, open)' } as const;

/** A Monday as "7 Dec". */
export const weekText = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
