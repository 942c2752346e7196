import { loadConfig } from '../src/config/config.ts';
import { startFlipside } from '../src/server/compose.ts';
import { createLogger } from '../src/server/logger.ts';
import type { DatabaseOptions } from '../src/store/sql-client.ts';

/**
 * The server side of `npm run bench -- api`, in a process of its own so that the load generator
 * (autocannon, in the bench's process) does not share its event loop: a sandbox Flipside on the
 * database named in argv[2] (JSON), with an empty route, synced, answering its URL over IPC.
 */
const database = JSON.parse(process.argv[2]!) as DatabaseOptions;
const config = loadConfig({ PORT: '0', SANDBOX_ORG_SIZE: '2000', SANDBOX_SEED: '7', LOG_LEVEL: 'silent', SANDBOX_OTHERS_RESPOND: 'false' });
const f = await startFlipside({ ...config, database }, { log: createLogger('silent'), syncOnStart: false, extraRoutes: (app) => app.get('/bench/empty', (_req, res) => void res.json({ ok: true })) });
await f.syncNow();
const org = f.sandbox!.tenant.org;
process.send!({ url: f.url, hr: org.personas.hrAdmin, people: org.people.filter((p) => p.accountEnabled && !p.persona && p.id !== org.personas.hrAdmin).map((p) => p.id) });
process.on('message', (message) => {
  if (message === 'stop') void f.close().then(() => process.exit(0));
});
