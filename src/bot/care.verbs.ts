import type { CareDeps } from '../app/care/context.ts';
import { answerCheckIn, viewCheckIn } from '../app/care/check-in.ts';
import { answerFitCheck, decideFitCheck, viewFitAlert, viewFitCheck } from '../app/care/fit-check.ts';
import { closePair, keepPairOpen, nudgeFindTime, nudgePause, viewCloseAsk, viewNudge } from '../app/care/stalls.ts';
import type { CardActor } from '../app/shared/actor.ts';
import { closeAskCard, nudgeCard } from '../cards/care.ts';
import { checkInCard } from '../cards/check-in.ts';
import { fitAlertCard, fitCheckCard } from '../cards/fit-check.ts';
import { actionSchemas, VERBS } from '../cards/index.ts';
import { defineVerb, type VerbRegistration } from './verbs.ts';

export interface CareVerbDeps extends CareDeps {
  /** After a click that queued messages or a booking step: they go out now. */
  clicked(): void;
}

type PairData = { programId: string; menteeId: string; mentorId: string };

/** The fit check's, the mentor check-in's, the nudge's and HR's care verbs; each checks who may act. */
export function careVerbs(deps: CareVerbDeps): VerbRegistration[] {
  const kicked =
    <A>(act: (actor: CardActor, data: A) => Promise<import('../cards/index.ts').AdaptiveCard>) =>
    async (actor: CardActor, data: A) => {
      const card = await act(actor, data);
      deps.clicked();
      return card;
    };
  const fit = async (actor: CardActor, data: { fitCheckId: string }) => fitCheckCard(await viewFitCheck(deps, actor, data));
  const checkIn = async (actor: CardActor, data: { checkInId: string }) => checkInCard(await viewCheckIn(deps, actor, data));
  const nudge = async (actor: CardActor, data: PairData) => nudgeCard(await viewNudge(deps, actor, data));
  const close = async (actor: CardActor, data: PairData) => closeAskCard(await viewCloseAsk(deps, actor, data));
  return [
    defineVerb({ verb: VERBS.refreshFitCheck, data: actionSchemas[VERBS.refreshFitCheck], refusedTitle: 'Not your question', view: fit }),
    defineVerb({
      verb: VERBS.answerFitCheck,
      data: actionSchemas[VERBS.answerFitCheck],
      refusedTitle: 'Not your question',
      view: fit,
      act: kicked(async (actor, data: Parameters<typeof answerFitCheck>[2]) => fitCheckCard(await answerFitCheck(deps, actor, data))),
    }),
    defineVerb({
      verb: VERBS.decideFitCheck,
      data: actionSchemas[VERBS.decideFitCheck],
      refusedTitle: 'For program admins only',
      view: async (actor, data) => fitAlertCard(await viewFitAlert(deps, actor, data)),
      act: kicked(async (actor, data: { fitCheckId: string; decision: 'keep' | 'repair' }) => fitAlertCard(await decideFitCheck(deps, actor, data))),
    }),
    defineVerb({ verb: VERBS.refreshCheckIn, data: actionSchemas[VERBS.refreshCheckIn], refusedTitle: 'Confidential', view: checkIn }),
    defineVerb({
      verb: VERBS.answerCheckIn,
      data: actionSchemas[VERBS.answerCheckIn],
      refusedTitle: 'Confidential',
      view: checkIn,
      act: kicked(async (actor, data: Parameters<typeof answerCheckIn>[2]) => checkInCard(await answerCheckIn(deps, actor, data))),
    }),
    defineVerb({
      verb: VERBS.nudgeFindTime,
      data: actionSchemas[VERBS.nudgeFindTime],
      refusedTitle: 'Not your pair',
      view: nudge,
      act: kicked(async (actor, data: PairData) => nudgeCard(await nudgeFindTime(deps, actor, data))),
    }),
    defineVerb({
      verb: VERBS.nudgePause,
      data: actionSchemas[VERBS.nudgePause],
      refusedTitle: 'Not your pair',
      view: nudge,
      act: kicked(async (actor, data: PairData & { pauseWeeks?: string }) => nudgeCard(await nudgePause(deps, actor, data))),
    }),
    defineVerb({
      verb: VERBS.closePair,
      data: actionSchemas[VERBS.closePair],
      refusedTitle: 'For program admins only',
      view: close,
      act: kicked(async (actor, data: PairData) => closeAskCard(await closePair(deps, actor, data))),
    }),
    defineVerb({
      verb: VERBS.keepPairOpen,
      data: actionSchemas[VERBS.keepPairOpen],
      refusedTitle: 'For program admins only',
      view: close,
      act: async (actor, data: PairData) => closeAskCard(await keepPairOpen(deps, actor, data)),
    }),
  ];
}
