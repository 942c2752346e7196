// The sandbox chat view: a person picker, that person's chats with the Flipside bot, messages as
// Teams shows them (cards by the official adaptivecards renderer), Action.Execute sent to the bot
// as an invoke through /sandbox/chat/api, automatic refresh as Teams does it, and a message box.
import { Action, AdaptiveCard, ExecuteAction, OpenUrlAction, SubmitAction } from 'adaptivecards';
import type { SandboxTime } from '../../contracts/sessions.ts';
import type { ActionResponse, ApiError, ChatActivityView, ChatConversationView, ConversationsResponse } from '../connector/chat-contract.ts';
import { hostConfigFor, type ChatTheme } from './host-config.ts';
import { markdownToHtml } from './markdown.ts';

interface PersonItem {
  id: string;
  displayName: string;
  jobTitle: string;
  department: string;
  persona: string | null;
  accountEnabled: boolean;
}

const API = '/sandbox/chat/api';
const POLL_MS = 2000;
const PERSONA_LABELS: Record<string, string> = {
  ceo: 'CEO',
  hrAdmin: 'HR · Program admin',
  noManager: 'No manager',
  disabled: 'Account disabled',
  mailboxError: 'Calendar errors',
  fullCalendar: 'Calendar almost full',
  changesManager: 'Changes manager',
};

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]) => {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
};

const state = {
  person: null as ConversationsResponse['person'] | null,
  conversations: [] as ChatConversationView[],
  selected: null as string | null,
  /** Rendered messages by id, with the stamp they were rendered at. */
  rendered: new Map<string, { stamp: string; node: HTMLLIElement }>(),
  /** Per message: the last answer to a click, shown under the card. */
  notices: new Map<string, { kind: 'error' | 'info'; text: string }>(),
  /** Card versions already refreshed automatically in this page (id:version). */
  refreshed: new Set<string>(),
  busy: new Set<string>(),
  timer: 0 as number,
};

// The theme as the tab picks it in a browser: the system's colour scheme (in forced colours the
// browser paints both in the system's colours). Cards are drawn again when it changes, as Teams does.
const darkScheme = window.matchMedia('(prefers-color-scheme: dark)');
const chatTheme = (): ChatTheme => (darkScheme.matches ? 'dark' : 'light');
darkScheme.addEventListener('change', () => {
  state.rendered.clear();
  if (state.person) render();
});

AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = markdownToHtml(text);
  result.didProcess = true;
};

async function api<T>(path: string, init?: { method: string; body: unknown }): Promise<{ ok: true; data: T } | { ok: false; status: number; error: ApiError['error'] }> {
  try {
    const res = await fetch(`${API}${path}`, init ? { method: init.method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) } : undefined);
    const body = (await res.json()) as T | ApiError;
    if (!res.ok) return { ok: false, status: res.status, error: (body as ApiError).error ?? { code: 'http', message: `HTTP ${res.status}` } };
    return { ok: true, data: body as T };
  } catch (error) {
    return { ok: false, status: 0, error: { code: 'network', message: `The sandbox did not answer: ${(error as Error).message}` } };
  }
}

// ---- Person picker -------------------------------------------------------------------------------

let searchSeq = 0;
async function searchPeople(q: string): Promise<void> {
  const seq = ++searchSeq;
  const list = $('people');
  const res = await fetch(`/sandbox/identity/people?search=${encodeURIComponent(q)}`)
    .then((r) => r.json() as Promise<{ value: PersonItem[] }>)
    .catch(() => ({ value: [] }));
  if (seq !== searchSeq) return;
  list.replaceChildren(
    ...res.value.map((p) => {
      const button = el('button', { type: 'button', className: 'person' });
      button.dataset.personId = p.id;
      if (state.person?.id === p.id) button.setAttribute('aria-current', 'true');
      button.append(
        el('span', { className: 'avatar', ariaHidden: 'true' }, initials(p.displayName)),
        el(
          'span',
          { className: 'person-text' },
          el('span', { className: 'person-name' }, p.displayName),
          el('span', { className: 'person-title' }, `${p.jobTitle} · ${p.department}`),
          ...(p.persona ? [el('span', { className: 'badge' }, PERSONA_LABELS[p.persona] ?? p.persona)] : []),
        ),
      );
      button.addEventListener('click', () => void selectPerson(p.id, true));
      return el('li', {}, button);
    }),
  );
  if (res.value.length === 0) list.replaceChildren(el('li', { className: 'hint' }, 'Nobody matches that search.'));
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

async function selectPerson(userId: string, focusChat: boolean): Promise<void> {
  const url = new URL(location.href);
  url.searchParams.set('as', userId);
  history.replaceState(null, '', url);
  state.selected = null;
  state.rendered.clear();
  state.notices.clear();
  $('message-list').replaceChildren();
  await poll();
  // aria-current="true", not an empty aria-current (which means false, and the list's style misses it).
  for (const b of document.querySelectorAll<HTMLButtonElement>('.person')) {
    if (b.dataset.personId === userId) b.setAttribute('aria-current', 'true');
    else b.removeAttribute('aria-current');
  }
  if (focusChat) $('main').focus();
  window.clearInterval(state.timer);
  state.timer = window.setInterval(() => void poll(), POLL_MS);
}

// ---- Chats ---------------------------------------------------------------------------------------

async function poll(): Promise<void> {
  const userId = new URL(location.href).searchParams.get('as');
  if (!userId) return;
  const res = await api<ConversationsResponse>(`/conversations?userId=${encodeURIComponent(userId)}`);
  if (!res.ok) {
    $('chat-empty').hidden = false;
    $('chat-pane').hidden = true;
    $('chat-empty').replaceChildren(el('h1', {}, 'Could not load the chats'), el('p', { role: 'alert' }, res.error.message));
    return;
  }
  state.person = res.data.person;
  state.conversations = res.data.conversations;
  if (!state.selected || !state.conversations.some((c) => c.id === state.selected)) state.selected = state.conversations[0]?.id ?? null;
  render();
}

function render(): void {
  const person = state.person!;
  $('chat-empty').hidden = true;
  $('chat-pane').hidden = false;
  const chatsNav = $('chats').parentElement!;
  chatsNav.hidden = false;
  $('chats-heading').textContent = `${person.displayName}'s chats`;
  $('chats').replaceChildren(
    ...state.conversations.map((c) => {
      const last = c.activities.at(-1);
      const b = el(
        'button',
        { type: 'button', className: 'chat-item' },
        el('span', { className: c.type === 'personal' ? 'avatar bot' : 'avatar group', ariaHidden: 'true' }, c.type === 'personal' ? 'F' : initials(c.title)),
        el('span', { className: 'chat-text' }, el('span', { className: 'chat-name' }, c.title), el('span', { className: 'chat-preview' }, last ? preview(last) : 'No messages yet')),
      );
      if (c.id === state.selected) b.setAttribute('aria-current', 'true');
      b.addEventListener('click', () => {
        state.selected = c.id;
        state.rendered.clear();
        $('message-list').replaceChildren();
        render();
        $('message').focus();
      });
      return el('li', {}, b);
    }),
  );
  const c = state.conversations.find((x) => x.id === state.selected);
  $('no-chats').hidden = !!c;
  $('messages').hidden = !c;
  $('composer').hidden = !c;
  if (state.conversations.length === 0) $('chats').replaceChildren(el('li', { className: 'hint' }, 'No chats yet'));
  if (!c) {
    $('chat-title').textContent = `${person.displayName} has no chats with Flipside`;
    $('chat-sub').textContent = '';
    return;
  }
  $('chat-title').textContent = c.type === 'personal' ? `Flipside — chat with ${person.displayName}` : c.title;
  $('chat-sub').textContent =
    c.type === 'personal' ? `Viewing as ${person.displayName}, ${person.jobTitle}` : `Group chat · ${c.members.map((m) => m.displayName).join(', ')} · viewing as ${person.displayName}`;
  renderMessages(c);
}

function preview(a: ChatActivityView): string {
  if (a.deleted) return 'This message has been deleted.';
  if (a.text) return `${a.from === 'me' ? 'You: ' : ''}${a.text.replace(/\*\*|`|^\s*[-*]\s+/gm, '').replace(/\s+/g, ' ')}`;
  return a.card ? 'Sent a card' : '';
}

function renderMessages(c: ChatConversationView): void {
  const scroller = $('messages');
  const list = $('message-list');
  const nearBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80;
  const before = state.rendered.size;
  const nodes: HTMLLIElement[] = [];
  for (const a of c.activities) {
    const key = `${a.stamp}|${state.notices.get(a.id)?.text ?? ''}|${state.busy.has(a.id)}`;
    let entry = state.rendered.get(a.id);
    if (!entry || entry.stamp !== key) {
      const node = messageNode(c, a);
      entry?.node.replaceWith(node);
      entry = { stamp: key, node };
      state.rendered.set(a.id, entry);
    }
    nodes.push(entry.node);
    if (a.autoRefresh && !state.refreshed.has(`${a.id}:${a.version}`)) {
      state.refreshed.add(`${a.id}:${a.version}`);
      void refreshCard(c, a);
    }
  }
  // Re-append in order: existing nodes move without losing what was typed into their inputs.
  nodes.forEach((n, i) => {
    if (list.children[i] !== n) list.insertBefore(n, list.children[i] ?? null);
  });
  while (list.children.length > nodes.length) list.lastElementChild!.remove();
  if (nearBottom || before === 0) scroller.scrollTop = scroller.scrollHeight;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' });
function when(iso: string): string {
  const d = new Date(iso);
  return d.toDateString() === new Date().toDateString() ? timeFormat.format(d) : dayFormat.format(d);
}

function messageNode(c: ChatConversationView, a: ChatActivityView): HTMLLIElement {
  const mine = a.from === 'me';
  const li = el('li', { className: `message ${mine ? 'mine' : 'theirs'}` });
  li.dataset.activityId = a.id;
  const time = el('time', { dateTime: a.sentAt }, when(a.sentAt));
  const head = el('div', { className: 'message-head' }, el('span', { className: 'sender' }, mine ? 'You' : a.senderName), time);
  if (a.updatedAt) head.append(el('span', { className: 'edited', title: `Edited ${when(a.updatedAt)}` }, 'Edited'));
  const bubble = el('div', { className: 'bubble' }, head);
  if (a.deleted) bubble.append(el('p', { className: 'deleted' }, 'This message has been deleted.'));
  if (a.text) {
    const body = el('div', { className: 'text' });
    body.innerHTML = markdownToHtml(a.text);
    bubble.append(body);
  }
  if (a.card) bubble.append(cardNode(c, a));
  const notice = state.notices.get(a.id);
  if (notice) bubble.append(el('p', { className: `notice ${notice.kind}`, role: notice.kind === 'error' ? 'alert' : 'status' }, notice.text));
  if (!mine) li.append(el('span', { className: a.from === 'bot' ? 'avatar bot' : 'avatar', ariaHidden: 'true' }, a.from === 'bot' ? 'F' : initials(a.senderName)));
  li.append(bubble);
  return li;
}

function cardNode(c: ChatConversationView, a: ChatActivityView): HTMLElement {
  const holder = el('div', { className: 'card' });
  if (state.busy.has(a.id)) holder.setAttribute('aria-busy', 'true');
  const card = new AdaptiveCard();
  card.hostConfig = hostConfigFor(chatTheme());
  try {
    card.parse(a.card);
    card.onExecuteAction = (action) => void runAction(c, a, action);
    const rendered = card.render();
    if (rendered) holder.append(rendered);
    if (state.busy.has(a.id)) for (const b of holder.querySelectorAll('button')) b.disabled = true;
  } catch (error) {
    holder.append(el('p', { className: 'notice error', role: 'alert' }, `This card could not be shown: ${(error as Error).message}`));
  }
  if (a.personal) holder.append(el('p', { className: 'only-you' }, 'Only you can see this version of the card'));
  return holder;
}

async function runAction(c: ChatConversationView, a: ChatActivityView, action: Action): Promise<void> {
  if (action instanceof OpenUrlAction) {
    if (action.url) window.open(action.url, '_blank', 'noopener,noreferrer');
    return;
  }
  if (action instanceof ExecuteAction) {
    const data = (action.data ?? {}) as Record<string, unknown>;
    await invoke(c, a, `/actions`, { action: { verb: action.verb, data, ...(action.id ? { id: action.id } : {}) } });
    return;
  }
  if (action instanceof SubmitAction) {
    state.notices.set(a.id, { kind: 'error', text: 'Action.Submit is not sent in this sandbox: Flipside uses Action.Execute (Universal Actions).' });
    render();
  }
}

function refreshCard(c: ChatConversationView, a: ChatActivityView): Promise<void> {
  return invoke(c, a, '/refresh', {});
}

async function invoke(c: ChatConversationView, a: ChatActivityView, path: string, extra: Record<string, unknown>): Promise<void> {
  const userId = state.person!.id;
  state.busy.add(a.id);
  state.notices.delete(a.id);
  render();
  const res = await api<ActionResponse>(path, { method: 'POST', body: { userId, conversationId: c.id, activityId: a.id, ...extra } });
  state.busy.delete(a.id);
  if (!res.ok) state.notices.set(a.id, { kind: 'error', text: res.error.message });
  else if (res.data.error) state.notices.set(a.id, { kind: 'error', text: `${res.data.error.message}` });
  else if (res.data.message) state.notices.set(a.id, { kind: 'info', text: res.data.message });
  await poll();
}

// ---- Composer ------------------------------------------------------------------------------------

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  void (async () => {
    const input = $<HTMLInputElement>('message');
    const status = $('composer-status');
    const text = input.value.trim();
    if (!text || !state.person || !state.selected) {
      status.textContent = 'Type a message first.';
      return;
    }
    $<HTMLButtonElement>('send').disabled = true;
    const res = await api<{ botStatus: number }>('/messages', { method: 'POST', body: { userId: state.person.id, conversationId: state.selected, text } });
    $<HTMLButtonElement>('send').disabled = false;
    if (!res.ok) status.textContent = res.error.message;
    else {
      input.value = '';
      status.textContent = res.data.botStatus >= 200 && res.data.botStatus < 300 ? '' : `The bot answered HTTP ${res.data.botStatus}.`;
    }
    await poll();
    input.focus();
  })();
});

// ---- Sandbox clock -------------------------------------------------------------------------------
// The sandbox's date with "Skip to the next session" and "Skip a week", as the tab's banner has
// them: while time moves (from here or from the tab) the buttons wait and say so, then the chats
// load again, with what the jobs did on the way.

const CONTROL = '/sandbox/control';
/** How often to read the clock: another page (the tab) may move it. Faster while it moves. */
const CLOCK_POLL_MS = 5000;
const CLOCK_MOVING_POLL_MS = 1000;
const MOVING_TEXT = 'Moving time… jobs run as it goes';

const clockFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "Tue 3 Mar 2027, 10:04", in the browser's zone. */
function sandboxDate(iso: string): string {
  const parts = clockFormat.formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}, ${part('hour')}:${part('minute')}`;
}

const clock = {
  time: null as SandboxTime | null,
  /** A skip sent from this page is under way. */
  skipping: false,
  timer: 0 as number,
};

/** The clock; null while it cannot be read (Flipside's jobs not started yet), 'absent' where this sandbox has none. */
async function readClock(): Promise<SandboxTime | null | 'absent'> {
  try {
    const res = await fetch(`${CONTROL}/time`);
    if (res.status === 404) return 'absent';
    return res.ok ? ((await res.json()) as SandboxTime) : null;
  } catch {
    return null;
  }
}

function renderClock(): void {
  const time = clock.time;
  $('clock').hidden = !time;
  if (!time) return;
  const now = $<HTMLTimeElement>('clock-now');
  now.dateTime = time.now;
  now.textContent = sandboxDate(time.now);
  const busy = clock.skipping || time.moving;
  $('clock').setAttribute('aria-busy', String(busy));
  const status = $('clock-status');
  status.classList.toggle('visually-hidden', !busy);
  status.classList.toggle('moving', busy);
  if (busy) status.textContent = MOVING_TEXT;
  // aria-disabled rather than disabled: the button keeps the keyboard focus while time moves.
  const next = $<HTMLButtonElement>('skip-session');
  const noSession = time.nextSessionAt === null;
  next.setAttribute('aria-disabled', String(busy || noSession));
  next.title = noSession ? 'No session of any pair is ahead' : `To ${sandboxDate(time.nextSessionAt!)}`;
  $('skip-week').setAttribute('aria-disabled', String(busy));
}

/** Time has stopped moving: say the new date, and show what the jobs did. */
async function arrived(time: SandboxTime): Promise<void> {
  clock.time = time;
  renderClock();
  $('clock-status').textContent = `Sandbox date is now ${sandboxDate(time.now)}.`;
  await poll();
}

async function tickClock(): Promise<void> {
  window.clearTimeout(clock.timer);
  const before = clock.time;
  const time = await readClock();
  if (time === 'absent') return; // no clock to show, nor to look at again
  if (!clock.skipping) {
    if (time && before?.moving && !time.moving) await arrived(time);
    else {
      clock.time = time ?? before;
      renderClock();
    }
  }
  clock.timer = window.setTimeout(() => void tickClock(), clock.time?.moving ? CLOCK_MOVING_POLL_MS : CLOCK_POLL_MS);
}

async function skipTime(to: 'next-session' | 'week', button: HTMLButtonElement): Promise<void> {
  if (button.getAttribute('aria-disabled') === 'true' || clock.skipping) return;
  const error = $('clock-error');
  error.hidden = true;
  clock.skipping = true;
  renderClock();
  let answer: SandboxTime | null = null;
  let problem = '';
  try {
    const res = await fetch(`${CONTROL}/time/skip`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to }) });
    if (res.ok) answer = (await res.json()) as SandboxTime;
    else problem = ((await res.json().catch(() => null)) as ApiError | null)?.error?.message ?? `HTTP ${res.status}`;
  } catch (e) {
    problem = `The sandbox did not answer: ${(e as Error).message}`;
  }
  clock.skipping = false;
  if (answer) await arrived(answer);
  else {
    renderClock();
    $('clock-status').textContent = '';
    error.textContent = `Could not move the sandbox clock: ${problem}`;
    error.hidden = false;
  }
}

$('skip-session').addEventListener('click', (event) => void skipTime('next-session', event.currentTarget as HTMLButtonElement));
$('skip-week').addEventListener('click', (event) => void skipTime('week', event.currentTarget as HTMLButtonElement));
void tickClock();

let searchTimer = 0;
$('search').addEventListener('input', (event) => {
  window.clearTimeout(searchTimer);
  const q = (event.target as HTMLInputElement).value;
  searchTimer = window.setTimeout(() => void searchPeople(q), 200);
});

void searchPeople('');
const preselected = new URL(location.href).searchParams.get('as');
if (preselected) void selectPerson(preselected, false);
