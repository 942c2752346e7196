import { pickSlot, rescheduleBooking, viewBooking, type BookingDeps } from '../app/booking/booking.ts';
import type { CardActor } from '../app/shared/actor.ts';
import { actionSchemas, bookingCard, VERBS } from '../cards/index.ts';
import { defineVerb, type VerbRegistration } from './verbs.ts';

export interface BookingVerbDeps extends BookingDeps {
  /** After a click: the booking job books or looks again now, and the card update goes out. */
  clicked(): void;
}

/** The booking card's verbs: pick a time, find another time, and the automatic refresh. */
export function bookingVerbs(deps: BookingVerbDeps): VerbRegistration[] {
  const refusedTitle = 'Not your pair';
  const view = async (actor: CardActor, pair: { programId: string; menteeId: string }) => bookingCard(await viewBooking(deps, actor, pair));
  const thenKick =
    <A>(useCase: (deps: BookingDeps, actor: CardActor, data: A) => ReturnType<typeof viewBooking>) =>
    async (actor: CardActor, data: A) => {
      const card = bookingCard(await useCase(deps, actor, data));
      deps.clicked();
      return card;
    };
  return [
    defineVerb({ verb: VERBS.refreshBooking, data: actionSchemas[VERBS.refreshBooking], refusedTitle, view }),
    defineVerb({ verb: VERBS.pickSlot, data: actionSchemas[VERBS.pickSlot], refusedTitle, view, act: thenKick(pickSlot) }),
    defineVerb({ verb: VERBS.reschedule, data: actionSchemas[VERBS.reschedule], refusedTitle, view, act: thenKick(rescheduleBooking) }),
  ];
}
