import cluster from 'node:cluster';
import { ConfigError, loadConfigFromProcess, type Config } from '../config/config.ts';
import { startFlipside } from './compose.ts';
import { createLogger, type Logger } from './logger.ts';

/** A stop that takes longer than this (a send stuck past its own timeouts) ends the process anyway. */
const STOP_TIMEOUT_MS = 25_000;

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

/** The primary of several processes: starts them, restarts one that dies, and passes a stop on to each. */
function runProcesses(count: number, log: Logger): void {
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

async function runOne(config: Config, log: Logger): Promise<void> {
  // Telemetry first, so that it sees everything after it; loaded only when it is asked for.
  const telemetry = config.telemetry ? (await import('./telemetry.ts')).startTelemetry({ connectionString: config.telemetry.connectionString }) : undefined;
  const flipside = await startFlipside(config, { log });
  const where = config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir ?? 'memory'}` : 'PostgreSQL (DATABASE_URL)';
  log.info({ url: flipside.url, mode: config.mode, database: where, telemetry: Boolean(telemetry) }, 'Flipside is running');
  // One greeting for all the processes.
  if (!cluster.isWorker || cluster.worker?.id === 1) {
    process.stdout.write(
      config.mode === 'sandbox'
        ? `\n  Flipside is running on the sandbox tenant (${config.sandbox?.orgSize} people), data in ${where}.\n  Open ${flipside.url} and pick who you are.\n\n`
        : `\n  Flipside is running for tenant ${config.identity.tenantId} at ${flipside.url} (${config.processes} process${config.processes === 1 ? '' : 'es'}).\n\n`,
    );
  }
  // A graceful stop (App Service sends SIGTERM on a restart, a deployment or a scale-in): the
  // jobs in flight finish (the outbox's sends among them), then HTTP and the database close.
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    const timer = setTimeout(() => {
      log.error({ signal, afterMs: STOP_TIMEOUT_MS }, 'stop took too long; exiting');
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    timer.unref();
    try {
      await flipside.close();
      await telemetry?.stop();
      log.info({ signal }, 'stopped');
      process.exit(0);
    } catch (error) {
      log.error({ err: error }, 'stop failed');
      process.exit(1);
    }
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
