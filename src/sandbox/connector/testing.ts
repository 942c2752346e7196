// Test support: a fake bot (a small HTTP server standing in for /api/messages) and the connector
// mounted on a real express app on an ephemeral port, the way compose.ts mounts it.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SandboxTenant } from '../graph/tenant.ts';
import { generateOrg } from '../org/index.ts';
import { chatRouter } from './chat-api.ts';
import { SandboxBotConnector, type SandboxBotConnectorOptions } from './connector.ts';
import { restRouter } from './rest.ts';
import type { Activity } from './types.ts';

export const BOT_ID = '3f5b8a1e-6c2d-4e7f-9a0b-1c2d3e4f5a6b';
export const TEAMS_APP_ID = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

export type BotAnswer = { status: number; body?: unknown };
export type BotHandler = (activity: Activity) => BotAnswer | Promise<BotAnswer>;

export interface FakeBot {
  url: string;
  /** Every activity posted to the bot, in order. */
  received: Activity[];
  /** What the bot does with each activity; replace it per test. Default: 200, no body. */
  handle: BotHandler;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeBot(): Promise<FakeBot> {
  const bot: FakeBot = { url: '', received: [], handle: () => ({ status: 200 }), close: async () => undefined };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const activity = JSON.parse(await readBody(req)) as Activity;
      bot.received.push(activity);
      try {
        const answer = await bot.handle(activity);
        res.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json' });
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      } catch (error) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: String(error) }));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  bot.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  bot.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return bot;
}

export interface ConnectorHarness {
  /** The express app the routers are mounted on (mount more, e.g. the identity router, as needed). */
  app: express.Express;
  tenant: SandboxTenant;
  connector: SandboxBotConnector;
  bot: FakeBot;
  /** http://127.0.0.1:PORT */
  url: string;
  serviceUrl: string;
  /** Installs the app for a person through the tenant (as Graph does) and waits for the bot to have heard of it. */
  install(userId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startConnectorHarness(options: { orgSize?: number; seed?: number; chatDir?: string; connector?: Partial<SandboxBotConnectorOptions> } = {}): Promise<ConnectorHarness> {
  const org = generateOrg({ size: options.orgSize ?? 40, seed: options.seed ?? 5 });
  const tenant = new SandboxTenant(org);
  const bot = await startFakeBot();
  const app = express();
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const serviceUrl = `${url}/sandbox/botframework/`;
  const connector = new SandboxBotConnector({ tenant, serviceUrl, botEndpoint: bot.url, botId: BOT_ID, teamsAppId: TEAMS_APP_ID, ...options.connector });
  app.use('/sandbox/botframework', restRouter(connector));
  app.use('/sandbox/chat', chatRouter(connector, options.chatDir));
  return {
    app,
    tenant,
    connector,
    bot,
    url,
    serviceUrl,
    async install(userId) {
      tenant.install(TEAMS_APP_ID, { kind: 'user', userId });
      await connector.idle();
      return connector.personalConversationId(userId);
    },
    async close() {
      await bot.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Calls the Bot Connector REST API as the bot does (no token in sandbox mode). */
export async function connectorCall(serviceUrl: string, method: string, path: string, body?: unknown): Promise<{ status: number; headers: Headers; body: unknown }> {
  const res = await fetch(new URL(path.replace(/^\//, ''), serviceUrl), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** A small Universal Actions card: a line of text and one Action.Execute. */
export function approvalCard(text: string, options: { verb?: string; refreshFor?: string[] } = {}): Record<string, unknown> {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    ...(options.refreshFor ? { refresh: { action: { type: 'Action.Execute', verb: 'refresh', data: { card: 'approval' } }, userIds: options.refreshFor } } : {}),
    body: [
      { type: 'TextBlock', text, wrap: true, weight: 'Bolder', size: 'Medium' },
      { type: 'Input.Text', id: 'note', label: 'Note (optional)', isMultiline: true, placeholder: 'Add a note' },
      { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Approve', verb: options.verb ?? 'approve', data: { request: 'r-1' } }] },
    ],
  };
}
