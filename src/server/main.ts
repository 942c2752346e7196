import { ConfigError, loadConfigFromProcess } from '../config/config.ts';
import { startFlipside } from './compose.ts';
import { createLogger } from './logger.ts';

try {
  const config = loadConfigFromProcess();
  const log = createLogger(config.logLevel);
  const flipside = await startFlipside(config, { log });
  const where = config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir ?? 'memory'}` : 'PostgreSQL (DATABASE_URL)';
  log.info({ url: flipside.url, mode: config.mode, database: where }, 'Flipside is running');
  process.stdout.write(
    config.mode === 'sandbox'
      ? `\n  Flipside is running on the sandbox tenant (${config.sandbox?.orgSize} people), data in ${where}.\n  Open ${flipside.url} and pick who you are.\n\n`
      : `\n  Flipside is running for tenant ${config.identity.tenantId} at ${flipside.url}.\n\n`,
  );
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await flipside.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n\nSee README.md, "Running on a real tenant", for every setting.\n`);
    process.exit(1);
  }
  throw error;
}
