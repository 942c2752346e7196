// A Teams-like host config (light theme) for the official adaptivecards renderer: Segoe UI,
// Teams' neutral and brand colours, Teams' spacing and font sizes.
import { HostConfig } from 'adaptivecards';

export const TEAMS_FONT = '"Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif';

const text = (normal: string, subtle: string) => ({ default: normal, subtle });

export const teamsHostConfig = new HostConfig({
  fontFamily: TEAMS_FONT,
  supportsInteractivity: true,
  // A card's heading TextBlocks (style "heading") are headings of this level: under the page's h1 (the chat) and h2s (the lists).
  textBlock: { headingLevel: 3 },
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontTypes: {
    default: {
      fontFamily: TEAMS_FONT,
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
    monospace: {
      fontFamily: 'Consolas, "Courier New", monospace',
      fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
      fontWeights: { lighter: 300, default: 400, bolder: 600 },
    },
  },
  containerStyles: {
    default: {
      backgroundColor: '#FFFFFF',
      foregroundColors: {
        default: text('#242424', '#616161'),
        dark: text('#242424', '#424242'),
        light: text('#FFFFFF', '#F5F5F5'),
        accent: text('#5B5FC7', '#4F52B2'),
        good: text('#0E700E', '#107C10'),
        warning: text('#835B00', '#8A6200'),
        attention: text('#C4314B', '#A4262C'),
      },
    },
    emphasis: {
      backgroundColor: '#F5F5F5',
      foregroundColors: {
        default: text('#242424', '#616161'),
        dark: text('#242424', '#424242'),
        light: text('#FFFFFF', '#F5F5F5'),
        accent: text('#5B5FC7', '#4F52B2'),
        good: text('#0E700E', '#107C10'),
        warning: text('#835B00', '#8A6200'),
        attention: text('#C4314B', '#A4262C'),
      },
    },
    accent: { backgroundColor: '#E8EBFA', foregroundColors: { default: text('#242424', '#616161') } },
    good: { backgroundColor: '#F1FAF1', foregroundColors: { default: text('#242424', '#616161') } },
    attention: { backgroundColor: '#FDF3F4', foregroundColors: { default: text('#242424', '#616161') } },
    warning: { backgroundColor: '#FBF6D9', foregroundColors: { default: text('#242424', '#616161') } },
  },
  imageSizes: { small: 32, medium: 52, large: 100 },
  actions: {
    maxActions: 6,
    spacing: 'default',
    buttonSpacing: 8,
    showCard: { actionMode: 'inline', inlineTopMargin: 16 },
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    // On a narrow screen a button's title wraps rather than being cut ("Mark “Share the Q3 strat…").
    allowTitleToWrap: true,
  },
  adaptiveCard: { allowCustomStyle: true },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 8,
  },
  inputs: { label: { requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' }, optionalInputs: { weight: 'bolder' } }, errorMessage: { size: 'small', color: 'attention' } },
});
