import { NOT_IN_CATALOG_HELP, type CatalogState } from '../app/health.ts';
import { AppError } from '../app/shared/errors.ts';
import type { Logger } from 'pino';
import type { GraphHttp } from './graph-client.ts';

/** Gives Flipside's id in the organisation's app catalog (what Graph installs bind to). */
export interface CatalogIdSource {
  /** @throws AppError `unavailable` when the app is not in the catalog. */
  catalogId(): Promise<string>;
}

/** A missing app is looked up again after this long (a Teams admin may approve it at any time). */
const RECHECK_MISSING_MS = 5 * 60_000;

interface CatalogApp {
  id: string;
  externalId?: string | null;
  distributionMethod?: string | null;
}

/**
 * Flipside's id in the organisation's app catalog, resolved from the manifest id through Graph:
 * `GET /appCatalogs/teamsApps?$filter=externalId eq '{manifest id}'` (application permission
 * `AppCatalog.Read.All`, the least privileged one). Graph installs (`teamsApp@odata.bind`) need the
 * catalog's own id, which differs from the manifest id for apps published to an organisation.
 * The id is cached for the life of the process once found; a missing app is looked up again
 * after five minutes.
 */
export class GraphAppCatalog implements CatalogIdSource {
  private current: CatalogState = { state: 'unknown' };
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly graph: GraphHttp,
    readonly manifestId: string,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get status(): CatalogState {
    return this.current;
  }

  /**
   * The catalog id.
   * @throws AppError `unavailable` when the app is not in the catalog (or Graph cannot say).
   */
  async catalogId(): Promise<string> {
    const c = this.current;
    if (c.state === 'resolved') return c.catalogId;
    if (c.state === 'missing' && this.now().getTime() - c.checkedAt.getTime() < RECHECK_MISSING_MS) throw this.missingError();
    this.inFlight ??= this.lookUp().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async lookUp(): Promise<string> {
    const filter = encodeURIComponent(`externalId eq '${this.manifestId.replace(/'/g, "''")}'`);
    let apps: CatalogApp[];
    try {
      apps = (await this.graph.get<{ value: CatalogApp[] }>(`/appCatalogs/teamsApps?$filter=${filter}`)).value;
    } catch (error) {
      this.current = { state: 'error', reason: error instanceof Error ? error.message : String(error), checkedAt: this.now() };
      throw new AppError('unavailable', "Could not read the organisation's app catalog.", { cause: error });
    }
    const app = apps.find((a) => a.distributionMethod === 'organization') ?? apps[0];
    if (!app) {
      const wasMissing = this.current.state === 'missing';
      this.current = { state: 'missing', manifestId: this.manifestId, checkedAt: this.now() };
      if (!wasMissing) this.log.error({ manifestId: this.manifestId }, `Flipside is not in the organisation's app catalog (no app with externalId ${this.manifestId}). ${NOT_IN_CATALOG_HELP}`);
      throw this.missingError();
    }
    this.current = { state: 'resolved', catalogId: app.id, distributionMethod: app.distributionMethod };
    this.log.info({ manifestId: this.manifestId, catalogId: app.id }, "found Flipside in the organisation's app catalog");
    return app.id;
  }

  /**
   * The app id Teams deep links (`/l/entity/{appId}/…`) must name. Microsoft's deep-link guide: a
   * custom app uploaded in Teams goes by its manifest id, an app published to the organisation's
   * catalog by its org-catalog id (a Store app by its Store id). So: the catalog id once the app is
   * found published to the organisation, the manifest id until then (or for an uploaded app).
   */
  deepLinkAppId(): string {
    const c = this.current;
    return c.state === 'resolved' && c.distributionMethod === 'organization' ? c.catalogId : this.manifestId;
  }

  private missingError(): AppError {
    return new AppError('unavailable', `Flipside (manifest id ${this.manifestId}) is not in the organisation's app catalog.`);
  }
}
