import cluster from 'node:cluster';
import { ConfigError, loadConfigFromProcess } from '../config/config.ts';
import { startFlipside } from './compose.ts';
import { createLogger } from './logger.ts';

try {
  const config = loadConfigFromProcess();
  const log = createLogger(config.logLevel);
  // On PostgreSQL with a real tenant, several processes (WEB_CONCURRENCY, default one per core)
  // share the port; they share the jobs and the outbox through the database (leases, SKIP LOCKED).
  if (config.processes > 1 && cluster.isPrimary) {
    runProcesses(config.processes, log);
  } else {
    await runOne(config, log);
  }
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n\nSee README.md, "Running on a real tenant", for every setting.\n`);
    process.exit(1);
  }
  throw error;
}

function runProcesses(count: number, log: ReturnType<typeof createLogger>): void {
  let stopping = false;
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error({ pid: worker.process.pid, code, signal }, 'a server process stopped; starting another in a second');
    setTimeout(() => cluster.fork(), 1_000);
  });
  const stop = (signal: NodeJS.Signals) => {
    stopping = true;
    log.info({ signal }, 'stopping');
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill(signal);
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

async function runOne(config: ReturnType<typeof loadConfigFromProcess>, log: ReturnType<typeof createLogger>): Promise<void> {
  const flipside = await startFlipside(config, { log });
  const where = config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir ?? 'memory'}` : 'PostgreSQL (DATABASE_URL)';
  log.info({ url: flipside.url, mode: config.mode, database: where }, 'Flipside is running');
  // One greeting for all the processes.
  if (!cluster.isWorker || cluster.worker?.id === 1) {
    process.stdout.write(
      config.mode === 'sandbox'
        ? `\n  Flipside is running on the sandbox tenant (${config.sandbox?.orgSize} people), data in ${where}.\n  Open ${flipside.url} and pick who you are.\n\n`
        : `\n  Flipside is running for tenant ${config.identity.tenantId} at ${flipside.url} (${config.processes} processes).\n\n`,
    );
  }
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await flipside.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
