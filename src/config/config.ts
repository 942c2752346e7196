import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** The sandbox tenant's fixed identity: a local stand-in for Entra ID and Graph (DESIGN.md). */
export const SANDBOX = {
  tenantId: '5a9d9f4e-0b6c-4c5e-9d1a-f11b5e5a7d00',
  clientId: 'f11b5de0-0000-4000-8000-00000000a001',
  clientSecret: 'sandbox-secret',
  authorityHost: 'https://login.sandbox.flipside.test',
  botId: 'f11b5de0-0000-4000-8000-00000000b075',
  /** Flipside's id in the sandbox's app catalog (the catalog's own id, as Graph gives it). */
  teamsAppId: 'f11b5de0-0000-4000-8000-0000000ca7a1',
  /** The sandbox app's manifest id (TEAMS_APP_ID): what the catalog knows as its externalId. */
  manifestAppId: 'f11b5de0-0000-4000-8000-00000000a9a1',
} as const;

const optionalString = z.string().trim().min(1).optional();
const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const envSchema = z.object({
  FLIPSIDE_MODE: z.enum(['sandbox', 'tenant']).optional(),
  PORT: int(3978, 0, 65_535), // 0: any free port
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().min(1).default('.flipside/data'),
  DATABASE_URL: z.url().optional(),
  M365_TENANT_ID: z.uuid().optional(),
  M365_CLIENT_ID: z.uuid().optional(),
  SECRET_M365_CLIENT_SECRET: optionalString,
  /** The user-assigned managed identity the app registration trusts (federated credential): no secret then. */
  MANAGED_IDENTITY_CLIENT_ID: z.uuid().optional(),
  M365_AUTHORITY_HOST: z.url().default('https://login.microsoftonline.com'),
  M365_APP_ID_URI: optionalString,
  GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com/v1.0'),
  BOT_ID: z.uuid().optional(),
  SECRET_BOT_PASSWORD: optionalString,
  BOT_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI'], { error: "must be 'SingleTenant' or 'UserAssignedMSI'" }).default('SingleTenant'),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString,
  TEAMS_APP_ID: z.uuid().optional(),
  SANDBOX_ORG_SIZE: int(400, 10, 100_000),
  SANDBOX_SEED: int(42, 0, 2 ** 31 - 1),
  SANDBOX_THROTTLE_RATE: z.coerce.number().min(0).max(1).default(0),
  /** The sandbox people nobody signed in as answer their own cards (seeded), so one visitor sees a living program. */
  SANDBOX_OTHERS_RESPOND: z
    .enum(['true', 'false', '1', '0'], { error: "must be 'true' or 'false'" })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  BOT_SERVICE_URL: z.url().default('https://smba.trafficmanager.net/teams/'),
  APPROVAL_REMIND_AFTER_DAYS: z.coerce.number().min(0.001).max(60).default(3),
  APPROVAL_EXPIRE_AFTER_DAYS: z.coerce.number().min(0.001).max(90).default(10),
  /** Server processes on PostgreSQL with a real tenant (node:cluster, one port); default one per core. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
  BOOKING_ORGANIZER: z.enum(['mentor', 'mentee'], { error: "must be 'mentor' or 'mentee'" }).default('mentor'),
  PRIVACY_REMOVED_GRACE_DAYS: z.coerce.number().min(0).max(365).default(30),
});

export type Env = z.input<typeof envSchema>;

export interface IdentityConfig {
  tenantId: string;
  clientId: string;
  /** The app registration's secret; undefined when it signs in with a managed identity (`managedIdentityClientId`). */
  clientSecret: string | undefined;
  /** A user-assigned managed identity trusted by the app registration through a federated identity credential. */
  managedIdentityClientId?: string | undefined;
  /** e.g. https://login.microsoftonline.com; tokens are issued by `${authorityHost}/${tid}/v2.0`. */
  authorityHost: string;
  /** Audiences the API accepts: the client id and the Application ID URI. */
  audiences: string[];
}

export interface Config {
  mode: 'sandbox' | 'tenant';
  port: number;
  publicUrl: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** PGlite in `dataDir` (in memory without one), or a PostgreSQL server (optionally one schema of it). */
  database: { kind: 'pglite'; dataDir?: string } | { kind: 'postgres'; url: string; schema?: string };
  identity: IdentityConfig;
  graphBaseUrl: string;
  /** `type` UserAssignedMSI: `id` is the managed identity's client id and there is no password. */
  bot: { id: string; password: string | undefined; type: 'SingleTenant' | 'UserAssignedMSI' };
  /** Flipside's manifest id (TEAMS_APP_ID): its id in the org catalog is looked up from it (installs through Graph), and deep links name it. */
  teamsAppId: string | undefined;
  /** Application Insights, when its connection string is set: traces through OpenTelemetry. */
  telemetry: { connectionString: string } | undefined;
  /** The Bot Connector service URL for conversations found through Graph. */
  botServiceUrl: string;
  approvals: { remindAfterDays: number; expireAfterDays: number };
  /** Whose calendar holds each pair's meeting series. */
  booking: { organizer: 'mentor' | 'mentee' };
  /** Days after a person left the directory before their data is erased (PRIVACY_REMOVED_GRACE_DAYS). */
  privacy: { removedGraceDays: number };
  /** How many server processes share the port, the jobs and the outbox: 1 on PGlite and in the sandbox (their state is in one process). */
  processes: number;
  /** `othersRespond`: the people nobody signed in as answer their own cards (SANDBOX_OTHERS_RESPOND). */
  sandbox: { orgSize: number; seed: number; throttleRate: number; othersRespond: boolean } | undefined;
}

/** Start-up stops with this: every problem in the environment, one per line. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Flipside cannot start: the configuration has ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment once. With nothing set, Flipside runs on the sandbox tenant; setting
 * M365_TENANT_ID (or FLIPSIDE_MODE=tenant) switches to a real tenant, which then needs its app
 * registration, secret and bot, and turns the sandbox off for good: nothing at run time can turn it on.
 * @throws ConfigError listing every problem found.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  const e = parsed.data;
  const mode = e.FLIPSIDE_MODE ?? (e.M365_TENANT_ID ? 'tenant' : 'sandbox');
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  const database = e.DATABASE_URL ? { kind: 'postgres' as const, url: e.DATABASE_URL } : { kind: 'pglite' as const, dataDir: e.DATA_DIR };

  if (e.WEB_CONCURRENCY !== undefined && e.WEB_CONCURRENCY > 1 && (mode === 'sandbox' || database.kind === 'pglite')) {
    throw new ConfigError(['WEB_CONCURRENCY: several processes need PostgreSQL (DATABASE_URL) on a real tenant; PGlite and the sandbox run in one process']);
  }
  if (mode === 'sandbox') {
    if (e.M365_TENANT_ID) throw new ConfigError(['FLIPSIDE_MODE: is "sandbox" but M365_TENANT_ID is set; unset one of them']);
    return {
      mode,
      port: e.PORT,
      publicUrl,
      logLevel: e.LOG_LEVEL,
      database,
      identity: {
        tenantId: SANDBOX.tenantId,
        clientId: SANDBOX.clientId,
        clientSecret: SANDBOX.clientSecret,
        authorityHost: SANDBOX.authorityHost,
        audiences: [SANDBOX.clientId, `api://localhost/${SANDBOX.clientId}`],
      },
      graphBaseUrl: `http://127.0.0.1:${e.PORT}/sandbox/graph/v1.0`,
      bot: { id: SANDBOX.botId, password: undefined, type: 'SingleTenant' },
      botServiceUrl: `http://127.0.0.1:${e.PORT}/sandbox/botframework/`,
      approvals: { remindAfterDays: e.APPROVAL_REMIND_AFTER_DAYS, expireAfterDays: e.APPROVAL_EXPIRE_AFTER_DAYS },
      booking: { organizer: e.BOOKING_ORGANIZER },
      teamsAppId: e.TEAMS_APP_ID ?? SANDBOX.manifestAppId,
      telemetry: e.APPLICATIONINSIGHTS_CONNECTION_STRING ? { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING } : undefined,
      privacy: { removedGraceDays: e.PRIVACY_REMOVED_GRACE_DAYS },
      processes: 1,
      sandbox: { orgSize: e.SANDBOX_ORG_SIZE, seed: e.SANDBOX_SEED, throttleRate: e.SANDBOX_THROTTLE_RATE, othersRespond: e.SANDBOX_OTHERS_RESPOND },
    };
  }

  const problems: string[] = [];
  const need = (name: keyof typeof e, why: string) => {
    if (e[name] === undefined) problems.push(`${name}: required on a real tenant (${why})`);
  };
  need('M365_TENANT_ID', 'the Entra tenant Flipside serves');
  need('M365_CLIENT_ID', "the app registration's client id");
  if (!e.SECRET_M365_CLIENT_SECRET && !e.MANAGED_IDENTITY_CLIENT_ID) {
    problems.push('SECRET_M365_CLIENT_SECRET or MANAGED_IDENTITY_CLIENT_ID: one is required on a real tenant (how the app registration proves itself for Graph and on-behalf-of tokens)');
  }
  need('BOT_ID', "the Azure Bot app id (the managed identity's client id when BOT_TYPE is UserAssignedMSI)");
  if (e.BOT_TYPE === 'SingleTenant') need('SECRET_BOT_PASSWORD', 'the Azure Bot secret; or set BOT_TYPE=UserAssignedMSI');
  if (e.BOT_TYPE === 'UserAssignedMSI' && e.SECRET_BOT_PASSWORD) problems.push('SECRET_BOT_PASSWORD: must not be set when BOT_TYPE is UserAssignedMSI (the managed identity has no secret)');
  need('PUBLIC_URL', 'the https address Teams loads the tab from');
  if (e.PUBLIC_URL && !e.PUBLIC_URL.startsWith('https://')) problems.push('PUBLIC_URL: must be https on a real tenant');
  if (e.GRAPH_BASE_URL.startsWith('http://')) problems.push('GRAPH_BASE_URL: must be https on a real tenant');
  if (problems.length > 0) throw new ConfigError(problems);

  const clientId = e.M365_CLIENT_ID!;
  return {
    mode,
    port: e.PORT,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    database,
    identity: {
      tenantId: e.M365_TENANT_ID!,
      clientId,
      clientSecret: e.SECRET_M365_CLIENT_SECRET,
      managedIdentityClientId: e.MANAGED_IDENTITY_CLIENT_ID,
      authorityHost: e.M365_AUTHORITY_HOST.replace(/\/$/, ''),
      audiences: [clientId, e.M365_APP_ID_URI ?? `api://${new URL(publicUrl).host}/${clientId}`],
    },
    graphBaseUrl: e.GRAPH_BASE_URL.replace(/\/$/, ''),
    bot: { id: e.BOT_ID!, password: e.SECRET_BOT_PASSWORD, type: e.BOT_TYPE },
    botServiceUrl: e.BOT_SERVICE_URL,
    approvals: { remindAfterDays: e.APPROVAL_REMIND_AFTER_DAYS, expireAfterDays: e.APPROVAL_EXPIRE_AFTER_DAYS },
    booking: { organizer: e.BOOKING_ORGANIZER },
    privacy: { removedGraceDays: e.PRIVACY_REMOVED_GRACE_DAYS },
    processes: database.kind === 'postgres' ? (e.WEB_CONCURRENCY ?? availableParallelism()) : 1,
    teamsAppId: e.TEAMS_APP_ID,
    telemetry: e.APPLICATIONINSIGHTS_CONNECTION_STRING ? { connectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING } : undefined,
    sandbox: undefined,
  };
}

/** The configuration of this process, from its environment. @throws ConfigError */
export function loadConfigFromProcess(): Config {
  return loadConfig(process.env);
}
