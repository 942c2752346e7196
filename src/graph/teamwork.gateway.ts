import type { ChatInstaller } from '../app/outbox/ports.ts';
import type { CatalogIdSource } from './app-catalog.gateway.ts';
import type { GraphHttp } from './graph-client.ts';
import { GraphError } from './graph-error.ts';

interface Installation {
  id: string;
  teamsApp?: { id: string };
}

/**
 * Installs Flipside for a person through Graph (so the bot may message them) and finds their 1:1
 * chat with it, as the proactive-messaging guide describes.
 */
export class GraphChatInstaller implements ChatInstaller {
  constructor(
    private readonly graph: GraphHttp,
    /** The app's id in the organisation's app catalog (not the manifest id). */
    private readonly catalog: CatalogIdSource,
  ) {}

  async personalChat(userId: string): Promise<string | undefined> {
    const user = encodeURIComponent(userId);
    // Before anything else: without the catalog id every install would be a 404, and a 404 here
    // means "no such person", so an app missing from the catalog would make everyone unreachable.
    const catalogAppId = await this.catalog.catalogId();
    try {
      await this.graph.post(`/users/${user}/teamwork/installedApps`, {
        'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${catalogAppId}`,
      });
    } catch (error) {
      // 409: already installed, which is what we want. 403/404: a disabled or unknown account.
      if (!(error instanceof GraphError) || error.httpStatus !== 409) {
        if (error instanceof GraphError && (error.httpStatus === 403 || error.httpStatus === 404)) return undefined;
        throw error;
      }
    }
    const installs = await this.graph.get<{ value: Installation[] }>(`/users/${user}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '${catalogAppId}'`);
    const mine = installs.value.find((i) => i.teamsApp?.id === catalogAppId);
    if (!mine) return undefined;
    const chat = await this.graph.get<{ id: string }>(`/users/${user}/teamwork/installedApps/${encodeURIComponent(mine.id)}/chat`);
    return chat.id;
  }
}
