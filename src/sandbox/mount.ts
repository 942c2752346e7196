import type express from 'express';
import { chatRouter } from './connector/chat-api.ts';
import { SandboxBotConnector } from './connector/connector.ts';
import { restRouter } from './connector/rest.ts';
import { controlRouter } from './control.ts';
import { SandboxGraph } from './graph/server.ts';
import { SandboxTenant } from './graph/tenant.ts';
import { SandboxIssuer, type IssuerOptions } from './identity/issuer.ts';
import { identityRouter } from './identity/router.ts';
import { generateOrg } from './org/index.ts';
import { SandboxResponder } from './responder.ts';
import { SandboxCohort } from './cohort.ts';
import { SandboxPersistence } from './persistence.ts';
import { SandboxClock } from './time.ts';
import { TimeControl } from './time-control.ts';

export interface SandboxOptions {
  /** The sandbox's Entra-like identity (tenant, app registration, the https authority name msal-node sees). */
  identity: Omit<IssuerOptions, 'apiAudience'>;
  orgSize: number;
  seed: number;
  /** Share of Graph and Bot Connector requests answered 429, from the start. */
  throttleRate: number;
  botId: string;
  /** Flipside's id in the sandbox's org catalog (what installs bind to). */
  teamsAppId: string;
  /** Flipside's manifest id: the catalog entry's externalId. */
  manifestAppId: string;
  /** This server's own loopback address (http://127.0.0.1:port), where the sandbox is mounted. */
  local: string;
  /** The people nobody signed in as answer their own cards (SANDBOX_OTHERS_RESPOND); default off. */
  othersRespond?: boolean;
  /**
   * Where the sandbox keeps its state across restarts (src/sandbox/persistence.ts); without it,
   * in memory only. Read at mount, before Flipside's jobs start.
   */
  state?: {
    file: string;
    /** Why the saved state must not be used (Flipside's own data is new), if it must not. */
    discard?: string;
    log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  };
}

/** The sandbox tenant's parts, and how the real clients reach them. */
export interface Sandbox {
  tenant: SandboxTenant;
  /** The sandbox's own time: Flipside's Clock in sandbox mode, moved forward from the control page. */
  clock: SandboxClock;
  /** Moves the clock with the app's jobs running as it goes (the app attaches how). */
  time: TimeControl;
  issuer: SandboxIssuer;
  graph: SandboxGraph;
  connector: SandboxBotConnector;
  /** Who signed in through the sandbox sign-in: people someone is being, never answered for. */
  humans: Set<string>;
  /** The others answering their cards (on or off from the control page). */
  responder: SandboxResponder;
  /** "Try it with a full cohort": N sandbox people invited to a program, answering as people would. */
  cohort: SandboxCohort;
  /** Graph's base URL for the real Graph client. */
  graphBaseUrl: string;
  /** Where the Bot Connector is served, as Teams' service URL would be. */
  serviceUrl: string;
  /** A fetch that sends the sandbox's https authority name to the local identity server. */
  authorityFetch: typeof fetch;
  /** Saves the sandbox's state a last time (when it is kept across restarts); call on a graceful stop, after the jobs and HTTP stopped. */
  close(): void;
}

/**
 * Mounts Microsoft's side, local, under /sandbox: identity, Graph, the Bot Connector, the chat
 * view and the control panel, for a generated organisation. The composition root loads this
 * module only in sandbox mode, so nothing of it (nor its org generator) runs on a real tenant.
 */
export async function mountSandbox(app: express.Express, options: SandboxOptions): Promise<Sandbox> {
  const { identity, local } = options;
  const org = generateOrg({ size: options.orgSize, seed: options.seed });
  org.tenantId = identity.tenantId;
  const clock = new SandboxClock();
  const time = new TimeControl();
  const tenant = new SandboxTenant(org, clock);
  tenant.faults.throttleRate = options.throttleRate;
  tenant.catalog.push({ id: options.teamsAppId, externalId: options.manifestAppId, displayName: 'Flipside' });
  const issuer = await SandboxIssuer.create({ ...identity, apiAudience: identity.clientId });
  const graphBaseUrl = `${local}/sandbox/graph/v1.0`;
  const serviceUrl = `${local}/sandbox/botframework/`;
  const graph = new SandboxGraph(tenant, issuer, graphBaseUrl);
  const connector = new SandboxBotConnector({ tenant, serviceUrl, botEndpoint: `${local}/api/messages`, botId: options.botId, teamsAppId: options.teamsAppId });
  connector.faults.throttleRate = options.throttleRate;
  const humans = new Set<string>();
  // The cohort answers invitations (enrolling through the tab's API) and plans its managers' decisions for the responder.
  const people = { answerInvitation: (...a: Parameters<SandboxCohort['answerInvitation']>) => cohort.answerInvitation(...a), managerDecision: (id: string) => cohort.managerDecision(id) };
  const responder = new SandboxResponder({ connector, humans, on: options.othersRespond ?? false, people });
  const cohort: SandboxCohort = new SandboxCohort({ org, issuer, responder, humans, local, now: () => clock.now() });
  const persistence = options.state && new SandboxPersistence(options.state.file, { tenant, clock, connector, humans, responder }, options.state.log);
  persistence?.load(options.state?.discard);
  // Every change to the sandbox comes through a request under /sandbox (Graph, the Bot Connector,
  // the chat view, sign-in, the control page): after one, the state is written shortly.
  if (persistence) {
    app.use('/sandbox', (req, res, next) => {
      if (req.method !== 'GET') res.once('finish', () => persistence.changed());
      next();
    });
  }
  app.use('/sandbox/identity', identityRouter(org, issuer, humans));
  app.use('/sandbox/graph/v1.0', graph.router());
  // Each message the bot writes may be a card for one of the others to answer.
  app.use('/sandbox/botframework', responder.watch(), restRouter(connector));
  app.use('/sandbox/chat', chatRouter(connector, undefined, humans));
  app.use('/sandbox/control', controlRouter(tenant, connector, time, responder, cohort));
  // msal-node accepts only https authorities: the sandbox keeps an https name and this transport
  // sends it to the local identity server. It is the only difference from production.
  const authorityFetch: typeof fetch = (input, init) => fetch(String(input).replace(identity.authorityHost, `${local}/sandbox/identity`), init);
  const close = () => persistence?.close();
  return { tenant, clock, time, issuer, graph, connector, humans, responder, cohort, graphBaseUrl, serviceUrl, authorityFetch, close };
}
