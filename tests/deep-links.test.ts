import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { outcomeCard } from '../src/cards/index.ts';
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
