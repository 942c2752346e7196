/**
 * The privacy rule of every aggregate HR sees: a figure about fewer than `k` people is shown as
 * "fewer than k", and a breakdown never lets such a hidden cell be worked out from its total and
 * the cells still shown (complementary suppression).
 */

/** The smallest group a program may show figures about; a program may raise it, never lower it. */
export const MIN_GROUP = 5;

/** A program's smallest group, never below MIN_GROUP. */
export function minGroup(setting: number | null | undefined): number {
  return Math.max(MIN_GROUP, Math.floor(setting ?? MIN_GROUP));
}

/** A raw figure: its value and how many distinct people it is about. */
export interface Cell {
  value: number;
  people: number;
}

/** A figure as shown: its value, or hidden ("fewer than k"). */
export type Shown = { hidden: false; value: number; people: number } | { hidden: true; reason: 'small' | 'complement' };

/** A figure about no one (a zero count) reveals nobody; one about 1 to k-1 people does. */
export const isSmall = (people: number, k: number) => people > 0 && people < k;

const show = (c: Cell): Shown => ({ hidden: false, value: c.value, people: c.people });

/** One figure on its own: hidden when it is about fewer than `k` people. */
export function protect(cell: Cell, k: number): Shown {
  return isSmall(cell.people, k) ? { hidden: true, reason: 'small' } : show(cell);
}

/**
 * A breakdown of `total` into `parts` that add up to it (people in each department, answers per
 * rating). Cells about fewer than `k` people are hidden; when what is hidden could be worked out
 * (one hidden cell, or hidden cells about fewer than `k` people together, with the total shown),
 * the smallest cells still shown are hidden too, until the hidden cells together are about at
 * least `k` people or nothing is left to hide — then the total is hidden as well. A total about
 * fewer than `k` people hides everything. `alsoHide` marks cells hidden for a reason found
 * elsewhere (a nested figure that would give a small group away), so their complement is found too.
 */
export function protectBreakdown(total: Cell, parts: readonly Cell[], k: number, alsoHide: readonly boolean[] = []): { total: Shown; parts: Shown[] } {
  if (isSmall(total.people, k)) return { total: { hidden: true, reason: 'small' }, parts: parts.map(() => ({ hidden: true, reason: 'complement' as const })) };
  const hidden = parts.map((p, i) => isSmall(p.people, k) || alsoHide[i] === true);
  const reason: Array<'small' | 'complement' | null> = hidden.map((h) => (h ? 'small' : null));
  const hiddenPeople = () => parts.reduce((sum, p, i) => sum + (hidden[i] ? p.people : 0), 0);
  const hiddenCount = () => hidden.filter(Boolean).length;
  const exposed = () => hiddenCount() > 0 && (hiddenCount() === 1 || hiddenPeople() < k);
  let totalHidden = false;
  while (exposed()) {
    // The smallest cell still shown, people first; zero cells only when nothing else is left
    // (hiding a zero beside one small cell would still leave the small one's value as the remainder).
    let pick = -1;
    for (let i = 0; i < parts.length; i++) {
      if (hidden[i]) continue;
      const p = parts[i]!;
      if (pick === -1) pick = i;
      else {
        const best = parts[pick]!;
        const better = best.people === 0 ? p.people > 0 || p.value < best.value : p.people > 0 && p.people < best.people;
        if (better) pick = i;
      }
    }
    if (pick === -1 || parts[pick]!.people === 0) {
      totalHidden = true;
      if (pick !== -1) {
        hidden[pick] = true;
        reason[pick] = 'complement';
      }
      break;
    }
    hidden[pick] = true;
    reason[pick] = 'complement';
  }
  return {
    total: totalHidden ? { hidden: true, reason: 'complement' } : show(total),
    parts: parts.map((p, i) => (hidden[i] ? { hidden: true, reason: reason[i]! } : show(p))),
  };
}

/** How a shown figure reads: its value, or "fewer than k". */
export function shownText(s: Shown, k: number, format: (n: number) => string = String): string {
  return s.hidden ? `fewer than ${k}` : format(s.value);
}
