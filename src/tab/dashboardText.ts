import type { Dropout, FitAnswer, Figure, FunnelStage, Measure } from '../contracts/dashboard.ts';

/**
 * A figure as text: its value; "fewer than k" when hidden for being about fewer than k people;
 * "not shown" when hidden only so that such a figure cannot be worked out (it may be about many);
 * `none` when there is nothing to measure yet.
 */
export function figureText(f: Figure | Measure, k: number, format: (n: number) => string = (n) => n.toLocaleString('en-GB'), none = 'none yet'): string {
  if (f === null) return none;
  if (f.hidden) return f.reason === 'complement' ? 'not shown' : `fewer than ${k}`;
  return format(f.value);
}

export const value = (f: Figure | Measure) => (f === null || f.hidden ? undefined : f.value);

/** A change in points, signed: "+1.25", "−0.50", "0.00". */
export const changeText = (n: number) => (n > 0 ? `+${n.toFixed(2)}` : n < 0 ? `−${Math.abs(n).toFixed(2)}` : n.toFixed(2));

export const FIT_ANSWER_NAMES: Record<FitAnswer, string> = { yes: 'Yes', notSure: 'Not sure', no: 'No', unanswered: 'Not answered yet' };

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
