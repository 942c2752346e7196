/**
 * The Adaptive Card shapes Flipside uses (a typed subset of schema 1.5, so a template cannot
 * invent a property Teams would reject), small element helpers, and the everyday cards:
 * welcome, help, status and error.
 */
import type { Verb } from './actions.ts';
import { escapeMarkdown, firstName, plural } from './format.ts';
import type { ErrorCardVM, StatusCardVM, WelcomeCardVM } from './types.ts';

export const CARD_SCHEMA_URL = 'https://adaptivecards.io/schemas/adaptive-card.json';
/** Teams renders bot cards up to 1.5, and Universal Actions need exactly that. */
export const CARD_VERSION = '1.5';
export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge' | 'padding';
type Color = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';

interface ElementBase {
  spacing?: Spacing;
  separator?: boolean;
}

export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  /** Always true: Teams truncates unwrapped text to one line. */
  wrap: true;
  size?: 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
  weight?: 'lighter' | 'default' | 'bolder';
  color?: Color;
  isSubtle?: boolean;
  style?: 'default' | 'heading';
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet extends ElementBase {
  type: 'FactSet';
  facts: Fact[];
}

export interface Container extends ElementBase {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
  bleed?: boolean;
}

export interface Column {
  type: 'Column';
  width: 'auto' | 'stretch' | number;
  items: CardElement[];
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
}

/** What every input may carry (1.3+): a visible label, and client-side checking before a submit. */
interface InputBase extends ElementBase {
  id: string;
  label?: string;
  isRequired?: boolean;
  /** Shown under the input when the client's check fails (empty while required, too long). */
  errorMessage?: string;
}

export interface InputText extends InputBase {
  type: 'Input.Text';
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  /** The text the input starts with, such as an answer being edited. */
  value?: string;
}

export interface Choice {
  title: string;
  /** No commas: a multi-select set sends its values comma-separated. */
  value: string;
}

/** Teams renders `expanded` as radio buttons, `compact` as a drop-down. */
export interface InputChoiceSet extends InputBase {
  type: 'Input.ChoiceSet';
  choices: Choice[];
  style?: 'compact' | 'expanded';
  /** The choice selected to begin with; omitted, nothing is. */
  value?: string;
  /** Shown by a compact set while nothing is chosen. */
  placeholder?: string;
  wrap?: boolean;
}

export interface ActionExecute {
  type: 'Action.Execute';
  verb: Verb;
  title?: string;
  /** Shown on hover and read by screen readers after the title (1.5). */
  tooltip?: string;
  data: Record<string, unknown>;
  style?: 'default' | 'positive' | 'destructive';
  associatedInputs?: 'auto' | 'none';
}

export interface ActionOpenUrl {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export type CardAction = ActionExecute | ActionOpenUrl;

export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

/** Teams requires every Action.Execute inside an ActionSet (PLATFORM.md). */
export function actionSet(actions: CardAction[], options: Omit<ActionSet, 'type' | 'actions'> = {}): ActionSet {
  return { type: 'ActionSet', actions, ...options };
}

export type CardElement = TextBlock | FactSet | Container | ColumnSet | InputText | InputChoiceSet | ActionSet;

export interface Refresh {
  action: ActionExecute;
  /**
   * Who refreshes automatically; at most 60. Teams wants user MRIs: cards carry the view-model's
   * ids and bot/sender.ts translates them at the border. `[]`: nobody (manual "Refresh card" only).
   */
  userIds: string[];
}

export interface AdaptiveCard {
  $schema: typeof CARD_SCHEMA_URL;
  type: 'AdaptiveCard';
  version: typeof CARD_VERSION;
  body: CardElement[];
  /** Only links: every Action.Execute lives in an ActionSet in the body (PLATFORM.md). */
  actions?: ActionOpenUrl[];
  refresh?: Refresh;
  /** Shown by clients that cannot render the card. */
  fallbackText?: string;
}

/** The Bot Framework attachment that carries a card in a message. */
export function cardAttachment(card: AdaptiveCard): { contentType: typeof CARD_CONTENT_TYPE; content: AdaptiveCard } {
  return { contentType: CARD_CONTENT_TYPE, content: card };
}

export function adaptiveCard(body: CardElement[], extra: Pick<AdaptiveCard, 'actions' | 'refresh' | 'fallbackText'> = {}): AdaptiveCard {
  const card: AdaptiveCard = { $schema: CARD_SCHEMA_URL, type: 'AdaptiveCard', version: CARD_VERSION, body };
  if (extra.refresh) card.refresh = extra.refresh;
  if (extra.actions?.length) card.actions = extra.actions;
  if (extra.fallbackText) card.fallbackText = extra.fallbackText;
  return card;
}

/** A TextBlock; `text` is taken as authored markdown, so pass user text through escapeMarkdown. */
export function text(value: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text: value, wrap: true, ...options };
}

export function heading(value: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return text(value, { style: 'heading', size: 'medium', weight: 'bolder', ...options });
}

export function small(value: string, options: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return text(value, { size: 'small', isSubtle: true, spacing: 'small', ...options });
}

export function factSet(facts: Fact[], options: ElementBase = {}): FactSet {
  return { type: 'FactSet', facts, ...options };
}

export function container(items: CardElement[], options: Omit<Container, 'type' | 'items'> = {}): Container {
  return { type: 'Container', items, ...options };
}

export function openUrl(title: string, url: string): ActionOpenUrl {
  return { type: 'Action.OpenUrl', title, url };
}

/** A coloured band with a bold first line: outcomes, warnings, empty states. */
export function banner(style: ContainerStyle, title: string, lines: string[] = []): Container {
  return container([text(title, { weight: 'bolder' }), ...lines.map((l) => text(l, { spacing: 'small' }))], { style, bleed: true });
}

/** Welcome on install: what Flipside is, what the bot will send, the commands, the tab. */
export function welcomeCard(vm: WelcomeCardVM): AdaptiveCard {
  const body: CardElement[] = [
    heading(`Welcome to Flipside, ${escapeMarkdown(firstName(vm.displayName))} 👋`),
    text('Flipside pairs colleagues for **reverse mentoring**: each of you teaches the other what you know best.'),
    text('Enroll in a program from the Flipside tab; your manager approves it in Teams chat.', { spacing: 'small' }),
    text('**What I will send you**', { spacing: 'medium' }),
    text(
      [
        '- Approval requests, when someone you manage enrolls',
        '- The decision on your own enrollment',
        '- Your match, and why Flipside paired you two',
        '- In a group chat with your match: times that suit both your calendars. Either of you picks one, and I book the recurring Teams meeting in both your Outlook calendars.',
        '- Before each session, an agenda in that chat: the suggested topic, your goals and your action items, which either of you can tick off or add to',
        '- After each session, a private feedback card just for you: did it happen, how useful it was, what you learned and taught, and how your goals are going',
      ].join('\n'),
      { spacing: 'small' },
    ),
    text('**Commands**', { spacing: 'medium' }),
    factSet([
      { title: 'help', value: 'What I can do' },
      { title: 'status', value: STATUS_COMMAND },
    ]),
  ];
  if (vm.sandbox) body.push(banner('warning', 'This is the Flipside sandbox tenant', ['The people, managers and calendars here are made up.']));
  return adaptiveCard(body, { actions: [openUrl('Open Flipside', vm.tabUrl)], fallbackText: 'Welcome to Flipside.' });
}

/** The answer to "help". */
export function helpCard(options: { tabUrl?: string } = {}): AdaptiveCard {
  return adaptiveCard(
    [
      heading('What I can do'),
      text('In the Flipside tab you enroll, choose your topics and goals, and see your match, your sessions, your action items and your goals under My mentoring.'),
      text(
        'In Teams chat I bring you what needs you: approval requests when someone you manage enrolls, the decision on your own enrollment, your match, and, in a group chat with your match, the times to pick for your sessions and an agenda before each one. After each session I send you a private feedback card.',
        { spacing: 'small' },
      ),
      factSet([
        { title: 'status', value: STATUS_COMMAND },
        { title: 'help', value: 'This list' },
      ]),
      small('Approve or decline a request right on its card. In the group chat, you or your match picks a time on the card, and I book the recurring Teams meeting in both your calendars.'),
    ],
    { actions: options.tabUrl ? [openUrl('Open Flipside', options.tabUrl)] : [], fallbackText: 'Flipside commands: status, help.' },
  );
}

/** What the `status` command shows, as the help and welcome cards (and the manifest's command list) say it. */
export const STATUS_COMMAND = 'Your enrollments, your match and your next session';

const STATUS_WORDS: Record<StatusCardVM['enrollments'][number]['status'], string> = {
  pending: '⏳ Waiting for approval',
  approved: '✅ Approved',
  declined: '❌ Declined',
  expired: '⌛ Expired',
  withdrawn: '↩️ Withdrawn',
};

/**
 * The answer to "status": per program, the enrollment and its approval, and once paired, who with
 * and the next session (with Join on Teams); or the empty state.
 */
export function statusCard(vm: StatusCardVM): AdaptiveCard {
  const actions = [openUrl('Open Flipside', vm.tabUrl)];
  if (vm.enrollments.length === 0) {
    return adaptiveCard([heading('Your programs'), text('You are not enrolled in any program yet. Open Flipside to see the programs that are open.')], {
      actions,
      fallbackText: 'You are not enrolled in any program yet.',
    });
  }
  const body: CardElement[] = [heading('Your programs')];
  vm.enrollments.forEach((e, i) => {
    const facts: Fact[] = [{ title: 'Status', value: STATUS_WORDS[e.status] }];
    if (e.approverName) facts.push({ title: e.status === 'pending' ? 'Approver' : 'Decided by', value: escapeMarkdown(e.approverName) });
    const items: CardElement[] = [text(`**${escapeMarkdown(e.programName)}**`), factSet(facts, { spacing: 'small' })];
    if (e.note) items.push(text(`Note: ${escapeMarkdown(e.note)}`, { spacing: 'small', isSubtle: true }));
    for (const p of e.pairings) {
      items.push(
        factSet(
          [
            { title: p.role === 'mentor' ? 'Your mentee' : 'Your mentor', value: escapeMarkdown(p.partnerName) },
            { title: 'Next session', value: escapeMarkdown(p.next) },
          ],
          { spacing: 'small' },
        ),
      );
      if (p.joinUrl) items.push(actionSet([openUrl('Join on Teams', p.joinUrl)], { spacing: 'small' }));
    }
    body.push(container(items, { separator: i > 0, spacing: 'medium' }));
  });
  const paired = vm.enrollments.some((e) => e.pairings.length > 0);
  return adaptiveCard(body, { actions, fallbackText: `You have ${plural(vm.enrollments.length, 'enrollment')} in Flipside${paired ? ', and your next sessions are on this card' : ''}.` });
}

/** What a refused or failed action gets back: short, in words, with the reference support needs. */
export function errorCard(vm: ErrorCardVM): AdaptiveCard {
  const body: CardElement[] = [heading(escapeMarkdown(vm.title), { color: 'attention', size: 'default' }), text(escapeMarkdown(vm.message), { spacing: 'small' })];
  if (vm.correlationId) body.push(small(`Reference: ${escapeMarkdown(vm.correlationId)}`));
  return adaptiveCard(body, { fallbackText: vm.title });
}
