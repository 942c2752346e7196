/** The card that tells a person their "leave and delete" is done. It names nobody. */
import { adaptiveCard, banner, text, type AdaptiveCard } from './common.ts';

export interface DataDeletedCardVM {
  /** Programs they were withdrawn from. */
  programs: number;
  /** Pairs whose meetings were cancelled from the next session on. */
  pairs: number;
}

export function dataDeletedCard(vm: DataDeletedCardVM): AdaptiveCard {
  const left = vm.programs === 0 ? 'You were not in any program.' : `You left ${vm.programs === 1 ? 'your program' : `all ${vm.programs} of your programs`}.`;
  const met = vm.pairs === 0 ? '' : ` Your future mentoring meetings are cancelled, and your ${vm.pairs === 1 ? 'partner was' : 'partners were'} told you left.`;
  return adaptiveCard(
    [
      banner('good', '🗑️ Your Flipside data is deleted'),
      text(`${left}${met}`, { spacing: 'medium' }),
      text(
        'Your enrollments, goals, feedback, notes and the cards Flipside sent you are deleted, and your name is gone from every list HR sees. Figures already counted in a program’s totals (such as the number of sessions held) stay, without you.',
        { spacing: 'small' },
      ),
      text('This is the last message Flipside sends you. You can enroll again at any time.', { spacing: 'small', isSubtle: true }),
    ],
    { fallbackText: 'Your Flipside data is deleted' },
  );
}
