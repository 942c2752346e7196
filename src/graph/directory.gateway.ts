import { AppError } from '../app/shared/errors.ts';
import type { DirectoryPage, DirectorySource } from '../app/directory/ports.ts';
import { GraphError } from './graph-error.ts';
import type { GraphHttp } from './graph-client.ts';
import { toDirectoryChange, type GraphDeltaUser } from './map.ts';

const SELECT = 'id,displayName,mail,userPrincipalName,jobTitle,department,officeLocation,employeeHireDate,accountEnabled,manager';

/**
 * The org chart from Graph in one users/delta pass (never a /manager call per person): pages of
 * up to 999 users with their manager, then a delta link for the next round.
 */
export class GraphDirectorySource implements DirectorySource {
  constructor(private readonly graph: GraphHttp) {}

  async *delta(deltaLink: string | undefined): AsyncIterable<DirectoryPage> {
    const start = deltaLink ?? `/users/delta?$select=${SELECT}`;
    let pages = 0;
    try {
      for await (const page of this.graph.pages<GraphDeltaUser>(start, { Prefer: 'odata.maxpagesize=999' })) {
        pages++;
        yield { changes: page.value.map(toDirectoryChange), deltaLink: page.deltaLink };
      }
    } catch (error) {
      if (deltaLink && error instanceof GraphError && error.httpStatus === 410) {
        throw new AppError('conflict', 'Graph no longer knows the delta link: a full sync is needed.', { cause: error, expose: false });
      }
      // The stored link names another Graph address (the configured one changed, or the sandbox
      // moved to another port): it is not followed, and the round starts over from this address.
      // A link Graph sends during a round still has to stay on this address.
      if (deltaLink && pages === 0 && error instanceof GraphError && error.graphCode === 'foreign_link') {
        throw new AppError('conflict', 'The stored delta link is for another Graph address: a full sync is needed.', { cause: error, expose: false });
      }
      throw error;
    }
  }
}
