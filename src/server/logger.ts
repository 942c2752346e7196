import { pino, type Logger } from 'pino';

export type { Logger };

/** One structured logger; categories come from `child({ cat })`. Tokens and secrets are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', '*.accessToken', '*.access_token', '*.client_secret', '*.password', 'token'],
      censor: '[redacted]',
    },
  });
}
