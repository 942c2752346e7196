import { pino, type DestinationStream, type Logger } from 'pino';
import { activeTraceIds } from '../app/shared/tracing.ts';

export type { Logger };

/** One structured logger, each line carrying the active trace and span ids; categories come from `child({ cat })`. Tokens and secrets are redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      // With telemetry on, each line says which trace it belongs to (Application Insights' operation id).
      mixin: () => activeTraceIds() ?? {},
      redact: {
        paths: ['req.headers.authorization', 'headers.authorization', '*.accessToken', '*.access_token', '*.client_secret', '*.password', 'token'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
