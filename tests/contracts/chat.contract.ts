// What ChatInstaller and ChatSender promise together (src/app/outbox/ports.ts): the outbox finds a
// person's 1:1 chat with Flipside through the one and posts into it through the other. Real:
// GraphChatInstaller (Graph) and BotChatSender (the Bot Connector); fake: FakeTeamsChat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError, type ChatInstaller, type ChatSender, type ConversationRef, type DeliveryFailure } from '../../src/app/outbox/ports.ts';

/** Teams behind the two ports, as a test arranges it and looks at it. */
export interface ChatWorld {
  tenantId: string;
  /** Where the Bot Connector serves the conversations the installer finds. */
  serviceUrl: string;
  /** A different enabled person for each call: someone Flipside can be installed for. */
  person(): string;
  /** Someone whose account is disabled. */
  disabledPerson(): string;
  /** The person blocks Flipside in their chat with it. */
  block(userId: string): void;
  /** The next request to the chat service fails with this kind of trouble. */
  /** The next request to this conversation fails this way (other traffic is not touched). */
  failNext(trouble: 'throttled' | 'refused', conversationId: string): void;
  /** The texts of the bot's messages the person sees in their chat with Flipside, oldest first, each as it reads now. */
  seen(userId: string): Promise<string[]>;
}

export interface ChatSubject {
  installer: ChatInstaller;
  sender: ChatSender;
  world: ChatWorld;
  close?(): Promise<void>;
}

async function failureOf(work: Promise<unknown>): Promise<DeliveryFailure> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return (error as DeliveryError).failure;
}

export function describeChatContract(name: string, makeSubject: () => Promise<ChatSubject>): void {
  describe(`ChatInstaller and ChatSender contract: ${name}`, () => {
    let installer: ChatInstaller;
    let sender: ChatSender;
    let world: ChatWorld;
    let close: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      ({ installer, sender, world, close } = await makeSubject());
    });
    afterAll(async () => close?.());

    const message = (text: string) => ({ type: 'message', text });
    /** A person with Flipside installed, and where to reach them, as the outbox keeps it. */
    async function reachable(): Promise<{ userId: string; ref: ConversationRef }> {
      const userId = world.person();
      const conversationId = await installer.personalChat(userId);
      if (!conversationId) throw new Error(`no chat found for ${userId}`);
      return { userId, ref: { tenantId: world.tenantId, userId, conversationId, serviceUrl: world.serviceUrl, blockedAt: null } };
    }
    const mine = async (userId: string) => (await world.seen(userId)).filter((t) => t.startsWith('contract:'));

    it('finds a person’s chat with Flipside, installing it first, and the same chat every time', async () => {
      const userId = world.person();
      const first = await installer.personalChat(userId);
      expect(typeof first).toBe('string');
      expect(first).not.toBe('');
      expect(await installer.personalChat(userId)).toBe(first);
    });

    it('finds no chat for a disabled account, nor for someone unknown', async () => {
      expect(await installer.personalChat(world.disabledPerson())).toBeUndefined();
      expect(await installer.personalChat('00000000-0000-4000-8000-00000000dead')).toBeUndefined();
    });

    it('sends into that chat: each message a new activity id, shown in order', async () => {
      const { userId, ref } = await reachable();
      const a = await sender.send(ref, message('contract: one'));
      const b = await sender.send(ref, message('contract: two'));
      expect(a).toMatch(/\S/);
      expect(b).not.toBe(a);
      expect(await mine(userId)).toEqual(['contract: one', 'contract: two']);
    });

    it('updates a message in place: the person sees the new version instead', async () => {
      const { userId, ref } = await reachable();
      const id = await sender.send(ref, message('contract: pending'));
      await sender.update(ref, id, message('contract: approved'));
      expect(await mine(userId)).toEqual(['contract: approved']);
    });

    it('says "blocked" when the person blocked Flipside, for sends and updates alike', async () => {
      const { userId, ref } = await reachable();
      const id = await sender.send(ref, message('contract: before'));
      world.block(userId);
      expect((await failureOf(sender.send(ref, message('contract: after')))).kind).toBe('blocked');
      expect((await failureOf(sender.update(ref, id, message('contract: after')))).kind).toBe('blocked');
      expect(await mine(userId)).toEqual(['contract: before']);
    });

    it('says "retry" when the chat service is throttling or cannot be reached, and the message goes out on the next try', async () => {
      const { userId, ref } = await reachable();
      world.failNext('throttled', ref.conversationId);
      expect(await failureOf(sender.send(ref, message('contract: soon')))).toMatchObject({ kind: 'retry', reason: expect.stringMatching(/\w/) });
      // Nothing listens on port 9 (discard) of the loopback address.
      expect((await failureOf(sender.send({ ...ref, serviceUrl: 'http://127.0.0.1:9/' }, message('contract: soon')))).kind).toBe('retry');
      await sender.send(ref, message('contract: soon'));
      expect(await mine(userId)).toEqual(['contract: soon']);
    });

    it('says "failed" (not worth retrying) for a refused request, an unknown message or an unknown conversation', async () => {
      const { ref } = await reachable();
      world.failNext('refused', ref.conversationId);
      expect((await failureOf(sender.send(ref, message('contract: refused')))).kind).toBe('failed');
      expect((await failureOf(sender.update(ref, '1', message('contract: nothing to update')))).kind).toBe('failed');
      expect((await failureOf(sender.send({ ...ref, conversationId: 'a:no-such-conversation' }, message('contract: nowhere')))).kind).toBe('failed');
    });
  });
}
