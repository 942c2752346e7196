import type { ChatInstaller } from '../app/outbox/ports.ts';
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
    /** The app's id in the organisation's app catalog. */
    private readonly catalogAppId: string,
  ) {}

  async personalChat(userId: string): Promise<string | undefined> {
    const user = encodeURIComponent(userId);
    try {
      await this.graph.post(`/users/${user}/teamwork/installedApps`, {
        'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${this.catalogAppId}`,
      });
    } catch (error) {
      // 409: already installed, which is what we want. 403/404: a disabled or unknown account.
      if (!(error instanceof GraphError) || error.httpStatus !== 409) {
        if (error instanceof GraphError && (error.httpStatus === 403 || error.httpStatus === 404)) return undefined;
        throw error;
      }
    }
    const installs = await this.graph.get<{ value: Installation[] }>(`/users/${user}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '${this.catalogAppId}'`);
    const mine = installs.value.find((i) => i.teamsApp?.id === this.catalogAppId);
    if (!mine) return undefined;
    const chat = await this.graph.get<{ id: string }>(`/users/${user}/teamwork/installedApps/${encodeURIComponent(mine.id)}/chat`);
    return chat.id;
  }
}
