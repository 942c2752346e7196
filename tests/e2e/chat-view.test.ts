// The sandbox chat view in a real Chromium, against the sandbox Bot Connector and a small fake bot
// speaking the Teams protocol over HTTP: pick the manager, see the approval card (refreshed
// automatically into the manager's own view), approve with a note, see the bot's replacement card;
// type `help` and see the answer; the employee's empty state; the dark theme (Flipside's own
// completion and closing survey cards, readable); axe on each page.
import { type Browser, type Page } from 'playwright-core';
import { axeProblems, browserMissing, launchChromium, shoot } from '../support/browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closingSurveyCard } from '../../src/cards/closing-survey.ts';
import { completionCard } from '../../src/cards/completion.ts';
import { userMri } from '../../src/sandbox/connector/ids.ts';
import { connectorCall, startConnectorHarness, type ConnectorHarness } from '../../src/sandbox/connector/testing.ts';
import { ADAPTIVE_CARD, type Activity } from '../../src/sandbox/connector/types.ts';
import { SandboxIssuer } from '../../src/sandbox/identity/issuer.ts';
import { identityRouter } from '../../src/sandbox/identity/router.ts';
import type { SandboxPerson } from '../../src/sandbox/org/index.ts';

const missing = browserMissing(import.meta.url);

function approvalCard(employee: SandboxPerson, manager: SandboxPerson, view: 'pending' | 'decider' | { note: string }): Record<string, unknown> {
  const decided = typeof view === 'object';
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    ...(decided
      ? { refresh: { action: { type: 'Action.Execute', verb: 'approval.refresh', data: { id: 'e-1' } }, userIds: [] } }
      : { refresh: { action: { type: 'Action.Execute', verb: 'approval.refresh', data: { id: 'e-1' } }, userIds: [userMri(manager.id)] } }),
    body: [
      { type: 'TextBlock', text: 'Approval request', size: 'Small', weight: 'Bolder', color: 'Accent' },
      { type: 'TextBlock', text: `**${employee.displayName}** wants to join **Reverse mentoring 2027** as a mentor`, wrap: true, size: 'Medium' },
      {
        type: 'FactSet',
        facts: [
          { title: 'Teaches', value: 'AI assistants at work, Teams power use' },
          { title: 'Time asked', value: '12 sessions, 9 h over 6 months' },
        ],
      },
      ...(decided
        ? [
            { type: 'TextBlock', text: `✅ Approved by ${manager.displayName}`, weight: 'Bolder', color: 'Good', wrap: true },
            { type: 'TextBlock', text: `Note: ${view.note}`, wrap: true, isSubtle: true },
          ]
        : view === 'decider'
          ? [
              { type: 'Input.Text', id: 'note', label: 'Note to the employee (optional)', isMultiline: true, maxLength: 500 },
              {
                type: 'ActionSet',
                actions: [
                  { type: 'Action.Execute', title: 'Approve', verb: 'approval.approve', style: 'positive', data: { id: 'e-1' } },
                  { type: 'Action.Execute', title: 'Decline', verb: 'approval.decline', data: { id: 'e-1' } },
                  { type: 'Action.OpenUrl', title: 'Open in Flipside', url: 'http://127.0.0.1/' },
                ],
              },
            ]
          : [{ type: 'TextBlock', text: 'Waiting for the manager’s decision.', isSubtle: true, wrap: true }]),
    ],
  };
}

/** WCAG's contrast ratio of two CSS rgb()/rgba() colours (an alpha is laid over the background). */
function contrast(fg: string, bg: string): number {
  const rgba = (c: string) => c.match(/[\d.]+/g)!.map(Number);
  const [br, bgr, bb] = rgba(bg);
  const [r, g, b, a = 1] = rgba(fg);
  const mixed = [r! * a + br! * (1 - a), g! * a + bgr! * (1 - a), b! * a + bb! * (1 - a)];
  const lum = (rgb: number[]) =>
    rgb
      .map((v) => v / 255)
      .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
  const [l1, l2] = [lum(mixed), lum([br!, bgr!, bb!])].sort((x, y) => y - x);
  return (l1! + 0.05) / (l2! + 0.05);
}

/** Each visible text of the page's cards (a select's options aside: the browser draws those), with its colour and the background it sits on (its nearest painted ancestor). */
function cardTextPairs(page: Page): Promise<{ text: string; fg: string; bg: string }[]> {
  return page.locator('.card').evaluateAll((cards) =>
    cards.flatMap((card) =>
      [...card.querySelectorAll<HTMLElement>('*')]
        .filter((e) => e.tagName !== 'OPTION' && e.getClientRects().length > 0 && [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim()))
        .map((e) => {
          let b: HTMLElement | null = e;
          while (b && ['rgba(0, 0, 0, 0)', 'transparent'].includes(getComputedStyle(b).backgroundColor)) b = b.parentElement;
          return { text: e.textContent!.trim().slice(0, 40), fg: getComputedStyle(e).color, bg: b ? getComputedStyle(b).backgroundColor : 'rgb(255, 255, 255)' };
        }),
    ),
  );
}

const faint = (pairs: { text: string; fg: string; bg: string }[]) => pairs.filter((p) => contrast(p.fg, p.bg) < 4.5).map((p) => `${p.text}: ${p.fg} on ${p.bg} (${contrast(p.fg, p.bg).toFixed(2)}:1)`);

describe.skipIf(missing)('the sandbox chat view in a browser (Chromium at /usr/bin/chromium)', () => {
  let h: ConnectorHarness;
  let browser: Browser;
  let page: Page;
  let manager: SandboxPerson;
  let employee: SandboxPerson;
  let conversationId: string;
  let cardId: string;

  beforeAll(async () => {
    h = await startConnectorHarness({ orgSize: 60, seed: 21 });
    const org = h.tenant.org;
    const issuer = await SandboxIssuer.create({ tenantId: org.tenantId, authorityHost: 'https://login.microsoftonline.com', clientId: 'c', clientSecret: 's', apiAudience: 'c' });
    h.app.use('/sandbox/identity', identityRouter(org, issuer));
    manager = org.people.find((p) => !p.persona && p.accountEnabled && org.directReports(p.id).some((r) => !r.persona && r.accountEnabled))!;
    employee = org.directReports(manager.id).find((r) => !r.persona && r.accountEnabled)!;

    // The fake bot: welcome on install, `help`, refresh into the decider's view, approve (edit the
    // original for everyone, and answer the clicker with the decided card).
    const post = (path: string, method: string, body: unknown) => connectorCall(h.serviceUrl, method, path, body);
    h.bot.handle = async (a: Activity) => {
      const conv = encodeURIComponent((a.conversation as { id: string }).id);
      if (a.type === 'conversationUpdate') {
        await post(`/v3/conversations/${conv}/activities`, 'POST', { type: 'message', text: 'Welcome to **Flipside**! Type `help` to see what I can do.' });
        return { status: 200 };
      }
      if (a.type === 'message') {
        await post(`/v3/conversations/${conv}/activities/${String(a.id)}`, 'POST', {
          type: 'message',
          text: 'Here is what I can do:\n- **help**: this list\n- **status**: your enrollments and pending approvals',
        });
        return { status: 200 };
      }
      const { action } = a.value as { action: { verb: string; data: { note?: string } } };
      if (action.verb === 'approval.refresh') return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD, value: approvalCard(employee, manager, 'decider') } };
      if (action.verb === 'approval.approve') {
        const decided = approvalCard(employee, manager, { note: action.data.note || 'none' });
        await post(`/v3/conversations/${conv}/activities/${String(a.replyToId)}`, 'PUT', { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content: decided }] });
        return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD, value: decided } };
      }
      return { status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'Unknown action.' } } };
    };
    conversationId = await h.install(manager.id);
    const sent = await post(`/v3/conversations/${encodeURIComponent(conversationId)}/activities`, 'POST', {
      type: 'message',
      attachments: [{ contentType: ADAPTIVE_CARD, content: approvalCard(employee, manager, 'pending') }],
    });
    cardId = (sent.body as { id: string }).id;

    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: 'light' })).newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('shows the picker, with landmarks and a link back to the tab', async () => {
    await page.goto(`${h.url}/sandbox/chat/`);
    await page.getByRole('heading', { level: 2, name: 'Who are you?' }).waitFor();
    await page.getByText('HR · Program admin').waitFor();
    expect(await page.getByRole('banner').getByRole('link', { name: 'Back to the Flipside tab' }).getAttribute('href')).toBe('/');
    await page.getByText("This is the sandbox's stand-in for Teams chat", { exact: false }).waitFor();
    expect(await page.getByRole('main').count()).toBe(1);
    await shoot(page, 'chat-picker');
    expect(await axeProblems(page)).toEqual([]);
  });

  it("shows the manager's chat, refreshes the card into their own view, and replaces it after Approve", async () => {
    await page.getByRole('searchbox', { name: 'Search people' }).fill(manager.displayName);
    await page
      .getByRole('button', { name: new RegExp(manager.displayName) })
      .first()
      .click();
    const log = page.getByRole('log');
    await log.getByText('Welcome to').waitFor();
    // The automatic refresh (refresh.userIds lists the manager) turns the read-only card into the decider's view.
    await log.getByRole('button', { name: 'Approve' }).waitFor({ timeout: 10_000 });
    await log.getByText('Only you can see this version of the card').waitFor();
    const refresh = h.bot.received.find((a) => a.type === 'invoke');
    expect(refresh).toMatchObject({ name: 'adaptiveCard/action', replyToId: cardId, value: { trigger: 'automatic', action: { verb: 'approval.refresh' } } });
    await shoot(page, 'chat-approval-card');
    expect(await axeProblems(page)).toEqual([]);

    await log.getByLabel('Note to the employee (optional)').fill('Great idea, go for it');
    await log.getByRole('button', { name: 'Approve' }).click();
    await log.getByText(`✅ Approved by ${manager.displayName}`).waitFor({ timeout: 10_000 });
    await log.getByText('Note: Great idea, go for it').waitFor();
    expect(await log.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    const click = h.bot.received.filter((a) => a.type === 'invoke').at(-1)!;
    expect(click).toMatchObject({
      value: { trigger: 'manual', action: { type: 'Action.Execute', verb: 'approval.approve', data: { id: 'e-1', note: 'Great idea, go for it' } } },
      from: { aadObjectId: manager.id },
    });
    await log.getByText('Edited').waitFor();
    await shoot(page, 'chat-approved');
  });

  it('sends a typed message to the bot and shows the answer', async () => {
    await page.getByRole('textbox', { name: 'Message Flipside' }).fill('help');
    await page.getByRole('button', { name: 'Send' }).click();
    const log = page.getByRole('log');
    await log.locator('.message.mine').getByText('help', { exact: true }).waitFor();
    await log.getByText('your enrollments and pending approvals', { exact: false }).waitFor({ timeout: 10_000 });
    await shoot(page, 'chat-help');
  });

  it('follows a dark colour scheme as the tab does: dark chat, dark cards, every text readable on its background', async () => {
    const conv = encodeURIComponent(conversationId);
    const raj = { id: employee.id, displayName: employee.displayName, jobTitle: employee.jobTitle, department: employee.department };
    const common = { partner: raj, role: 'mentor' as const, program: { name: 'Reverse mentoring 2027' }, sessionsHeld: 12, tabUrl: 'http://127.0.0.1/' };
    const survey = closingSurveyCard({
      ...common,
      programId: 'p-1',
      menteeId: employee.id,
      recipientId: manager.id,
      skills: [{ name: 'AI assistants', before: 2, mid: 3 }],
      managerName: 'Mia Chen',
      mode: 'ask',
      answer: null,
      error: { field: 'overall', message: 'Rate the overall value of the program, from 1 to 5.' },
    });
    const completion = completionCard({
      ...common,
      recipient: { id: manager.id, displayName: manager.displayName, jobTitle: null, department: null },
      topics: ['AI assistants', 'data'],
      keepMeeting: false,
    });
    for (const content of [survey, completion])
      await connectorCall(h.serviceUrl, 'POST', `/v3/conversations/${conv}/activities`, { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD, content }] });

    // The light page (the manager's chat, open since the tests above) shows them too, as before.
    await page.getByRole('log').getByText('Your answers were not saved').waitFor({ timeout: 10_000 });
    const light = await cardTextPairs(page);
    expect(light.some((p) => p.bg === 'rgb(241, 250, 241)')).toBe(true); // the completion card's banner ("good"), light
    expect(faint(light)).toEqual([]);
    await shoot(page, 'chat-light-cards');

    const dark = await (await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: 'dark' })).newPage();
    try {
      await dark.goto(`${h.url}/sandbox/chat/?as=${manager.id}`);
      const log = dark.getByRole('log');
      await log.getByText(`Thank you, ${manager.displayName.split(' ')[0]}`).waitFor({ timeout: 10_000 });
      await log.getByText('Your answers were not saved').waitFor();
      // The person picked by the address is the current one in the list (aria-current="true", highlighted).
      await expect.poll(() => dark.locator(`.person[data-person-id="${manager.id}"]`).getAttribute('aria-current')).toBe('true');

      // The chat and the cards are dark: Teams' dark card background, white text.
      const cardStyle = await log
        .locator('.ac-adaptiveCard')
        .last()
        .evaluate((e) => ({ bg: getComputedStyle(e).backgroundColor, fg: getComputedStyle(e).color }));
      expect(cardStyle.bg).toBe('rgb(45, 44, 44)');
      expect(await dark.locator('main').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(31, 31, 31)');

      const pairs = await cardTextPairs(dark);
      expect(pairs.length).toBeGreaterThan(20);
      expect(pairs.some((p) => p.bg === 'rgb(5, 37, 5)')).toBe(true); // the completion card's banner ("good"), dark too
      expect(faint(pairs)).toEqual([]);
      await shoot(dark, 'chat-dark');
      expect(await axeProblems(dark)).toEqual([]);

      // 400 px wide (a phone), still dark: the cards fit without a sideways scroll.
      await dark.setViewportSize({ width: 400, height: 860 });
      await log.getByText('Your answers were not saved').scrollIntoViewIfNeeded();
      expect(await dark.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
      await shoot(dark, 'chat-dark-400');
    } finally {
      await dark.context().close();
    }

    // A page already open follows the change, cards included (Teams redraws them in the new theme).
    const cardBackground = () =>
      page
        .locator('.ac-adaptiveCard')
        .last()
        .evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(await cardBackground()).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(cardBackground).toBe('rgb(45, 44, 44)');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(cardBackground).toBe('rgb(255, 255, 255)');
  });

  it('shows the empty state to someone with no chats', async () => {
    await page.goto(`${h.url}/sandbox/chat/?as=${employee.id}`);
    await page.getByText("No chats yet: enroll in a program from the tab, and your manager's approval request will appear in their chat.").waitFor();
    await shoot(page, 'chat-empty');
    expect(await axeProblems(page)).toEqual([]);
  });
});
