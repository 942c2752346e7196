import type express from 'express';
import type { RecordedActivity, RecordedConversation, SandboxBotConnector } from './connector/connector.ts';
import { current } from './connector/connector.ts';
import { entraIdOf, refreshesAutomatically, userMri } from './connector/ids.ts';
import type { JsonObject } from './connector/types.ts';
import { firstCard, isObject } from './connector/validate.ts';
import { hash, hashString, Rng } from './org/rng.ts';

/** The cards the other people answer, known by their refresh verb. */
export type CardKind = 'approval' | 'booking' | 'feedback' | 'agenda' | 'invitation';

const KIND_BY_REFRESH: Record<string, CardKind> = {
  'approval.refresh': 'approval',
  'booking.refresh': 'booking',
  'feedback.refresh': 'feedback',
  'agenda.refresh': 'agenda',
  'invitation.refresh': 'invitation',
};

/** One click, as Teams sends it: the action's verb and its data with the inputs merged in. */
export interface CardAnswer {
  verb: string;
  data: JsonObject;
}

/** Most managers approve. */
export const APPROVE_CHANCE = 0.85;
/** Now and then the partner of a person someone is being adds an item to their agenda. */
export const AGENDA_ITEM_CHANCE = 0.35;
/** Now and then a feedback answer brings an action item for the next agenda. */
export const ACTION_ITEM_CHANCE = 0.3;
const DEFAULT_DELAY_MS = 300;

// Shared texts only: what someone learned or taught is private, so the others never write any.
const ACTION_ITEMS = [
  'Try it on one real task this week',
  'Share one shortcut with my team',
  'Bring two questions to the next session',
  'Send each other one good article',
  'Practise the demo once before next time',
];
const AGENDA_ITEMS = ['Bring one example from this week', 'Show a short demo next time', 'Read the article we talked about', 'Report back on the experiment', 'Agree on one goal for next month'];
const GOAL_STEPS = ['not_started', 'started', 'halfway', 'done'] as const;

/** The generator for one person's answer to one message: the org's seed, the activity and the person. */
export function rngFor(seed: number, activityId: string, userId: string): Rng {
  return new Rng(hash(seed, hashString(activityId), hashString(userId), 0x5e5));
}

/** The card's kind, from its refresh action's verb; undefined for cards nobody answers (welcome, outcome…). */
export function kindOf(card: JsonObject | undefined): CardKind | undefined {
  const refresh = card?.refresh;
  const verb = isObject(refresh) && isObject(refresh.action) ? refresh.action.verb : undefined;
  return typeof verb === 'string' ? KIND_BY_REFRESH[verb] : undefined;
}

/** Every Action.Execute of a card, wherever it sits (nested action sets, show-cards), except the refresh. */
export function actionsOf(node: unknown): JsonObject[] {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (!isObject(node)) return [];
  return [
    ...(node.type === 'Action.Execute' ? [node] : []),
    ...Object.entries(node)
      .filter(([k]) => k !== 'refresh')
      .flatMap(([, v]) => actionsOf(v)),
  ];
}

function inputsOf(node: unknown): JsonObject[] {
  if (Array.isArray(node)) return node.flatMap(inputsOf);
  if (!isObject(node)) return [];
  const self = typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string' ? [node] : [];
  return [...self, ...Object.values(node).flatMap(inputsOf)];
}

const dataOf = (action: JsonObject): JsonObject => (isObject(action.data) ? { ...action.data } : {});
const find = (card: JsonObject, verb: string, where: (data: JsonObject) => boolean = () => true) => actionsOf(card).find((a) => a.verb === verb && where(dataOf(a)));

/**
 * What a sandbox person answers on a card as they see it, or undefined when it asks nothing of
 * them (yet): decided from the card alone and `rng`, so a seed and an activity give the same answer.
 */
export function answerFor(kind: CardKind, card: JsonObject, rng: Rng): CardAnswer | undefined {
  switch (kind) {
    case 'approval': {
      const verb = rng.chance(APPROVE_CHANCE) ? 'approval.approve' : 'approval.decline';
      const action = find(card, verb);
      return action ? { verb, data: dataOf(action) } : undefined;
    }
    case 'booking': {
      const first = find(card, 'booking.pick');
      return first ? { verb: 'booking.pick', data: dataOf(first) } : undefined;
    }
    case 'agenda': {
      if (!rng.chance(AGENDA_ITEM_CHANCE)) return undefined;
      const add = find(card, 'agenda.addItem');
      return add ? { verb: 'agenda.addItem', data: { ...dataOf(add), newItem: rng.pick(AGENDA_ITEMS) } } : undefined;
    }
    case 'invitation':
      return undefined; // what an invited person does takes the tab (enrolling): the `people` hook decides
    case 'feedback': {
      const submit = find(card, 'feedback.submit');
      if (submit) {
        const inputs = inputsOf(card);
        const happened = inputs.find((i) => i.id === 'happened')?.value === 'no' ? 'no' : 'yes';
        const data: JsonObject = { ...dataOf(submit), happened };
        if (happened === 'yes') data.usefulness = String(3 + rng.int(3));
        if (rng.chance(ACTION_ITEM_CHANCE)) data.actionItems = rng.pick(ACTION_ITEMS);
        for (const input of inputs) if (/^goal\d$/.test(String(input.id))) data[String(input.id)] = GOAL_STEPS[rng.weighted([1, 4, 3, 2])];
        // The mid-point self-rating of each topic learned: somewhere from 2 to 5.
        for (const input of inputs) if (/^skill\d$/.test(String(input.id))) data[String(input.id)] = String(2 + rng.int(4));
        return { verb: 'feedback.submit', data };
      }
      const keep = find(card, 'feedback.missed', (d) => d.anotherTime === false);
      return keep ? { verb: 'feedback.missed', data: dataOf(keep) } : undefined;
    }
  }
}

/** A manager's planned Approve or Decline, from the buttons of the card they see. */
function plannedDecision(card: JsonObject, decision: 'approve' | 'decline'): CardAnswer | undefined {
  const verb = decision === 'approve' ? 'approval.approve' : 'approval.decline';
  const action = find(card, verb);
  return action ? { verb, data: dataOf(action) } : undefined;
}

export interface SandboxResponderOptions {
  connector: SandboxBotConnector;
  /** People someone signed in as (the sandbox sign-in records them): never answered for. */
  humans: ReadonlySet<string>;
  /** Whether the others answer from the start. */
  on: boolean;
  /** How long after a message arrives its recipient answers (default 300 ms). */
  delayMs?: number;
  /** What invited people do (enroll through the tab, or "Not for me"), and managers' decisions planned for a cohort. */
  people?: PeopleHooks;
}

/** Answers that take more than a card: the sandbox cohort (cohort.ts) gives them. */
export interface PeopleHooks {
  /** The invited person's answer to an invitation card: enrolls through the tab's API itself (returns undefined), or returns the click to make. */
  answerInvitation(userId: string, card: JsonObject, rng: Rng): Promise<CardAnswer | undefined>;
  /** The manager's planned decision on an enrollment ('lapse': left to expire); undefined: the responder's own odds. */
  managerDecision(enrollmentId: string): 'approve' | 'decline' | 'lapse' | undefined;
}

/**
 * The other people of the sandbox organisation, answering the cards Flipside sends them so that
 * one visitor sees a living program: managers approve (most) or decline, pairs of two others pick
 * the first time offered, everyone sends feedback after a session, and the partner of a person
 * someone is being adds an agenda item now and then. Each click goes through the real bot path
 * (`connector.invoke` as that person), a short while after the message arrives. What they answer
 * is seeded (the org's seed, the activity, the person); nobody answers for a human, and no
 * message is answered twice.
 */
export class SandboxResponder {
  readonly counters = { answered: 0, failed: 0 };
  private active: boolean;
  private readonly handled = new Set<string>();
  /** Versions of each message already looked at, so a message is looked at again only once edited. */
  private readonly examined = new Map<string, number>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;

  constructor(private readonly options: SandboxResponderOptions) {
    this.active = options.on;
  }

  get on(): boolean {
    return this.active;
  }

  /** The messages already answered or looked at (kept across a restart, so nothing is answered twice). */
  memory(): { handled: string[]; examined: [string, number][] } {
    return { handled: [...this.handled], examined: [...this.examined] };
  }

  remember(memory: { handled: readonly string[]; examined: readonly (readonly [string, number])[] }): void {
    for (const id of memory.handled) this.handled.add(id);
    for (const [id, versions] of memory.examined) this.examined.set(id, versions);
  }

  /** Turns the others on (they then answer what is waiting) or off (nothing more is clicked). */
  setOn(on: boolean): void {
    this.active = on;
    if (on) this.poke();
    else if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** Express middleware for the Bot Connector routes: after each write by the bot, look again shortly. */
  watch(): express.RequestHandler {
    return (req, res, next) => {
      if (req.method !== 'GET') res.once('finish', () => this.poke());
      next();
    };
  }

  /** Something may have arrived: look in a short while (once, however many arrive meanwhile). */
  poke(): void {
    if (!this.active) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.round().finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
    }, this.options.delayMs ?? DEFAULT_DELAY_MS);
    this.timer.unref?.();
  }

  /** Resolves once nothing is waiting to be answered or being answered (for tests). */
  async settled(): Promise<void> {
    while (this.timer || this.running) {
      if (this.running) await this.running;
      else await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async round(): Promise<void> {
    const { connector } = this.options;
    for (const c of [...connector.conversations.values()]) {
      for (const a of [...c.activities]) {
        if (!this.active) return;
        if (a.senderId !== null || a.deletedAt || this.handled.has(a.id) || this.examined.get(a.id) === a.versions.length) continue;
        this.examined.set(a.id, a.versions.length);
        try {
          await this.consider(c, a);
        } catch {
          this.counters.failed++; // the person's client gave up on this one (an unknown message, the bot unreachable)
        }
      }
    }
  }

  /** Who of the conversation answers this message, if anyone, and whether they answer it. */
  private async consider(c: RecordedConversation, a: RecordedActivity): Promise<void> {
    const { connector, humans } = this.options;
    const card = firstCard(current(a));
    const kind = kindOf(card);
    if (!card || !kind) return;
    const refresh = card.refresh as { userIds?: unknown };
    const listed = Array.isArray(refresh.userIds) ? refresh.userIds.map((m) => entraIdOf(String(m))).filter((x): x is string => !!x) : [];
    const others = c.memberIds.filter((m) => !humans.has(m));
    let actor: string | undefined;
    if (kind === 'approval' || kind === 'feedback' || kind === 'invitation') {
      // Their own 1:1 chat, and only while the card is theirs to act on (a settled request lists nobody).
      actor = c.type === 'personal' && others.length === 1 && listed.includes(others[0]!) ? others[0] : undefined;
    } else if (c.type === 'groupChat' && kind === 'booking') {
      // Only a pair of two others books itself: a person someone is being picks their own time.
      actor = others.length === c.memberIds.length && others.length > 0 ? others[hash(connector.tenant.org.seed, hashString(a.id)) % others.length] : undefined;
    } else if (c.type === 'groupChat' && kind === 'agenda') {
      // The partner of a person someone is being, now and then, so the agenda they see moves.
      actor = others.length > 0 && others.length < c.memberIds.length ? others.find((m) => listed.includes(m)) : undefined;
    }
    if (!actor) return;

    const seed = connector.tenant.org.seed;
    const seen = connector.cardFor(a, actor) ?? card;
    if (kind === 'invitation') {
      this.handled.add(a.id);
      const answer = await this.options.people?.answerInvitation(actor, seen, rngFor(seed, a.id, actor));
      if (answer && !humans.has(actor) && this.active) await this.click(actor, c.id, a.id, answer);
      return;
    }
    const refreshData = isObject(card.refresh) && isObject(card.refresh.action) && isObject(card.refresh.action.data) ? card.refresh.action.data : {};
    const planned = kind === 'approval' ? this.options.people?.managerDecision(String(refreshData.enrollmentId ?? '')) : undefined;
    if (planned === 'lapse') {
      this.handled.add(a.id); // the manager lets it expire
      return;
    }
    let answer = planned ? plannedDecision(seen, planned) : answerFor(kind, seen, rngFor(seed, a.id, actor));
    if (!answer && kind !== 'agenda') {
      // What the client does when it shows the card: fetch the person's own view, then look again.
      if (refreshesAutomatically(connector.cardFor(a, actor), userMri(actor), c.memberIds.length)) {
        const refreshed = await connector.refresh(actor, c.id, a.id);
        if (refreshed.card) answer = planned ? plannedDecision(refreshed.card, planned) : answerFor(kind, refreshed.card, rngFor(seed, a.id, actor));
      }
    }
    // An agenda or an approval request gets one look; a booking card still finding times, or a
    // feedback card not yet asking, is looked at again when the bot edits it.
    if (answer || kind === 'agenda' || kind === 'approval') this.handled.add(a.id);
    if (!answer) return;
    if (humans.has(actor) || !this.active) return; // someone signed in as them meanwhile
    await this.click(actor, c.id, a.id, answer);
  }

  private async click(actor: string, conversationId: string, activityId: string, answer: CardAnswer): Promise<void> {
    const outcome = await this.options.connector.invoke(actor, conversationId, activityId, { verb: answer.verb, data: answer.data }, 'manual');
    if (outcome.error) this.counters.failed++;
    else this.counters.answered++;
  }
}
