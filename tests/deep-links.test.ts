import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outcomeCard } from '../src/cards/index.ts';
import { SANDBOX } from '../src/config/config.ts';
import { GraphAppCatalog } from '../src/graph/app-catalog.gateway.ts';
import type { GraphHttp } from '../src/graph/graph-client.ts';
import type { Flipside } from '../src/server/compose.ts';
import { createLogger } from '../src/server/logger.ts';
import { startTestFlipside } from './support/flipside.ts';
import { pageOfDeepLink, PERSONAL_TAB_ENTITY_ID, tabLink, teamsTabBase } from '../src/cards/tab-link.ts';
import { parse, pathOfSubPageId } from '../src/tab/router.ts';

const APP_ID = 'f11b5de0-0000-4000-8000-0000000ca7a1';
const manifest = JSON.parse(readFileSync(new URL('../appPackage/manifest.json', import.meta.url), 'utf8')) as { staticTabs: Array<{ entityId: string }> };

function openUrlOf(card: { actions?: Array<{ type: string; url?: string }> }): string {
  const url = card.actions?.find((a) => a.type === 'Action.OpenUrl')?.url;
  if (!url) throw new Error('the card has no Open link');
  return url;
}

/** What Teams does with a deep link: the tab gets the sub-entity id as page.subPageId and routes it. */
function openInTeams(link: string) {
  const path = pathOfSubPageId(pageOfDeepLink(link) ?? undefined);
  if (!path) throw new Error(`not a tab deep link: ${link}`);
  const url = new URL(path, 'https://flipside.example.com');
  return parse(url.pathname, url.search);
}

describe('links from cards into the tab', () => {
  it('on a real tenant, a card links into the personal tab inside Teams, on the right page', () => {
    expect(PERSONAL_TAB_ENTITY_ID).toBe(manifest.staticTabs[0]!.entityId);
    const card = outcomeCard({
      program: { name: 'Flipside 2026–27' },
      outcome: 'approved',
      decidedBy: null,
      at: '2026-11-24T10:15:00Z',
      note: null,
      tabUrl: tabLink(teamsTabBase(APP_ID), '/enrollments/enr-42'),
    });
    const link = openUrlOf(card as never);
    expect(link.startsWith(`https://teams.microsoft.com/l/entity/${APP_ID}/home?context=`)).toBe(true);
    // The context is URL-encoded JSON, as Teams' deep-link format asks.
    expect(JSON.parse(new URL(link).searchParams.get('context')!)).toEqual({ subEntityId: '/enrollments/enr-42' });
    expect(openInTeams(link)).toEqual({ page: 'enrollment', id: 'enr-42' });
  });

  it('routes every kind of page a card links to', () => {
    const base = teamsTabBase(APP_ID);
    expect(openInTeams(tabLink(base, '/mentoring'))).toEqual({ page: 'mentoring' });
    expect(openInTeams(tabLink(base, '/programs/p 1/enroll'))).toEqual({ page: 'enroll', programId: 'p 1' });
    expect(openInTeams(tabLink(base, '/admin/programs/p1/matching'))).toEqual({ page: 'matching', id: 'p1' });
    expect(openInTeams(tabLink(base, '/'))).toEqual({ page: 'me' });
  });

  it('in the sandbox the same link is the sandbox tab on the same page', () => {
    const link = tabLink('http://localhost:4109', '/enrollments/enr-42');
    expect(link).toBe('http://localhost:4109/enrollments/enr-42');
    const url = new URL(link);
    expect(parse(url.pathname, url.search)).toEqual({ page: 'enrollment', id: 'enr-42' });
  });

  it('the router opens ?enrollment= (links in cards sent before) and ignores sub-page ids that are not tab paths', () => {
    expect(parse('/', '?inTeams=1&enrollment=enr-7')).toEqual({ page: 'enrollment', id: 'enr-7' });
    expect(pathOfSubPageId('https://evil.example.com/')).toBeNull();
    expect(pathOfSubPageId('//evil.example.com/')).toBeNull();
    expect(pathOfSubPageId(undefined)).toBeNull();
  });
});

// Microsoft's deep-link guide: a custom app uploaded in Teams goes by its manifest id, an app
// published to the organisation's catalog by its org-catalog id.
describe('the app id in deep links', () => {
  let f: Flipside;
  beforeAll(async () => {
    f = await startTestFlipside({ synced: false });
  }, 120_000);
  afterAll(async () => f?.close());

  it('is the org-catalog id the app-catalog gateway resolves (the sandbox serves the catalog), and the link still opens the right page', async () => {
    const catalog = new GraphAppCatalog(f.graph, SANDBOX.manifestAppId, f.log);
    // Before the lookup, links can only name the manifest id.
    expect(catalog.deepLinkAppId()).toBe(SANDBOX.manifestAppId);
    await catalog.catalogId();
    expect(catalog.deepLinkAppId()).toBe(SANDBOX.teamsAppId);
    expect(SANDBOX.teamsAppId).not.toBe(SANDBOX.manifestAppId);
    const link = tabLink(teamsTabBase(catalog.deepLinkAppId()), '/enrollments/enr-42');
    expect(link.startsWith(`https://teams.microsoft.com/l/entity/${SANDBOX.teamsAppId}/home?context=`)).toBe(true);
    expect(openInTeams(link)).toEqual({ page: 'enrollment', id: 'enr-42' });
  });

  it('stays the manifest id for an app that is only uploaded (not published to the organisation)', async () => {
    const uploaded = { get: async () => ({ value: [{ id: 'c0ffee00-0000-4000-8000-000000000001', externalId: APP_ID, distributionMethod: 'sideloaded' }] }) } as unknown as GraphHttp;
    const catalog = new GraphAppCatalog(uploaded, APP_ID, createLogger('silent'));
    await catalog.catalogId();
    expect(catalog.deepLinkAppId()).toBe(APP_ID);
  });
});
