import { DeliveryError, type ChatInstaller, type ChatSender, type ConversationRef, type DeliveryFailure } from '../../../src/app/outbox/ports.ts';

interface Chat {
  userId: string;
  messages: { id: string; activity: Record<string, unknown> }[];
}

/**
 * Teams in memory for the outbox's two ports (held to the real ones by tests/contracts/chat.contract.ts):
 * installing Flipside for a person gives their 1:1 chat; messages are sent into it and updated in
 * place; a person who blocked Flipside, a refusal or throttling fail as the Bot Connector's would.
 */
export class FakeTeamsChat implements ChatInstaller, ChatSender {
  /** Where the fake's conversations are served: a ref with another service URL cannot reach them. */
  readonly serviceUrl = 'https://smba.fake.invalid/teams/';
  private readonly people = new Map<string, { accountEnabled: boolean }>();
  private readonly installs = new Set<string>();
  private readonly blocked = new Set<string>();
  private readonly chats = new Map<string, Chat>();
  private readonly troubles: DeliveryFailure[] = [];
  private lastId = 0;

  constructor(people: { id: string; accountEnabled?: boolean }[] = []) {
    for (const p of people) this.addPerson(p.id, p.accountEnabled);
  }

  addPerson(id: string, accountEnabled = true): void {
    this.people.set(id, { accountEnabled });
  }

  /** Whether Flipside has been installed for the person. */
  installedFor(userId: string): boolean {
    return this.installs.has(userId);
  }

  block(userId: string): void {
    this.blocked.add(userId);
  }

  /** The next send or update fails: throttled (worth retrying) or refused (not). */
  failNext(trouble: 'throttled' | 'refused'): void {
    this.troubles.push(
      trouble === 'throttled'
        ? { kind: 'retry', reason: 'Bot Connector 429: throttled (fake)', retryAfterMs: 1_000, throttled: true }
        : { kind: 'failed', reason: 'Bot Connector 400: refused (fake)' },
    );
  }

  /** The bot's messages in the person's chat with Flipside, oldest first, each as it reads now. */
  seen(userId: string): Record<string, unknown>[] {
    return [...this.chats.values()].filter((c) => c.userId === userId).flatMap((c) => c.messages.map((m) => m.activity));
  }

  async personalChat(userId: string): Promise<string | undefined> {
    if (!this.people.get(userId)?.accountEnabled) return undefined;
    this.installs.add(userId);
    const id = `19:${userId}_flipside@unq.gbl.spaces`;
    if (!this.chats.has(id)) this.chats.set(id, { userId, messages: [] });
    return id;
  }

  async send(ref: ConversationRef, activity: Record<string, unknown>): Promise<string> {
    const chat = this.reach(ref);
    const id = String(++this.lastId);
    chat.messages.push({ id, activity: structuredClone(activity) });
    return id;
  }

  async update(ref: ConversationRef, activityId: string, activity: Record<string, unknown>): Promise<void> {
    const message = this.reach(ref).messages.find((m) => m.id === activityId);
    if (!message) throw new DeliveryError({ kind: 'failed', reason: `Bot Connector 404: activity ${activityId} does not exist (fake)` });
    message.activity = structuredClone(activity);
  }

  private reach(ref: ConversationRef): Chat {
    const trouble = this.troubles.shift();
    if (trouble) throw new DeliveryError(trouble);
    if (ref.serviceUrl !== this.serviceUrl) throw new DeliveryError({ kind: 'retry', reason: `Bot Connector unreachable at ${ref.serviceUrl} (fake)` });
    const chat = this.chats.get(ref.conversationId);
    if (!chat) throw new DeliveryError({ kind: 'failed', reason: `Bot Connector 404: conversation ${ref.conversationId} does not exist (fake)` });
    if (this.blocked.has(chat.userId)) throw new DeliveryError({ kind: 'blocked', reason: 'the person blocked or removed the bot (fake)' });
    return chat;
  }
}
