import { botAppIdFor, createAdapter, type BotIdentity } from '../../src/bot/adapter.ts';
import { BotChatSender, MriTranslator } from '../../src/bot/sender.ts';
import { GraphAppCatalog } from '../../src/graph/app-catalog.gateway.ts';
import { GraphChatInstaller } from '../../src/graph/teamwork.gateway.ts';
import { createLogger } from '../../src/server/logger.ts';
import { FakeTeamsChat } from '../support/fakes/chat.ts';
import { startTestFlipside } from '../support/flipside.ts';
import { guid } from '../support/people.ts';
import { describeChatContract } from './chat.contract.ts';

describeChatContract('GraphChatInstaller and BotChatSender against the sandbox Graph and Bot Connector', async () => {
  const f = await startTestFlipside({ orgSize: 40, synced: false });
  const { tenant, connector } = f.sandbox!;
  const identity: BotIdentity = { mode: 'sandbox', appId: f.config.bot.id, password: undefined, tenantId: f.config.identity.tenantId };
  const people = tenant.org.people.filter((p) => p.accountEnabled && !p.persona);
  let next = 0;
  return {
    installer: new GraphChatInstaller(f.graph, new GraphAppCatalog(f.graph, f.config.teamsAppId!, f.log)),
    sender: new BotChatSender(createAdapter(identity, createLogger('silent')), botAppIdFor(identity), f.config.bot.id, new MriTranslator()),
    world: {
      tenantId: f.config.identity.tenantId,
      serviceUrl: `http://127.0.0.1:${f.port}/sandbox/botframework/`,
      person: () => people[next++]!.id,
      disabledPerson: () => tenant.org.personas.disabled,
      block: (userId) => void connector.blocked.add(userId),
      failNext: (trouble, chatId) => {
        const conversationId = connector.conversation(chatId)?.id ?? chatId;
        const queue = connector.faults.failStatusesFor!.get(conversationId) ?? [];
        connector.faults.failStatusesFor!.set(conversationId, [...queue, trouble === 'throttled' ? 429 : 400]);
      },
      seen: async (userId) => {
        await connector.idle();
        return connector.delivered(userId).map((a) => String(a.text ?? ''));
      },
    },
    close: () => f.close(),
  };
});

describeChatContract('FakeTeamsChat', async () => {
  const people = Array.from({ length: 20 }, (_, i) => ({ id: guid(i + 1) }));
  const chat = new FakeTeamsChat([...people, { id: guid(99), accountEnabled: false }]);
  let next = 0;
  return {
    installer: chat,
    sender: chat,
    world: {
      tenantId: guid(1000),
      serviceUrl: chat.serviceUrl,
      person: () => people[next++]!.id,
      disabledPerson: () => guid(99),
      block: (userId) => chat.block(userId),
      failNext: (trouble) => chat.failNext(trouble),
      seen: async (userId) => chat.seen(userId).map((a) => String(a.text ?? '')),
    },
  };
});
