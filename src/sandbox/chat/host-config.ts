// Teams-like host configs (light and dark) for the official adaptivecards renderer: Segoe UI,
// Teams' neutral and brand colours, Teams' spacing and font sizes. Teams renders a card with the
// host config of the person's theme; this chat view picks one the way the tab picks its theme.
import { HostConfig } from 'adaptivecards';

/**
 * Segoe UI as Teams has it, then the emoji fonts of Windows, macOS and Linux: a card heading's emoji
 * ("🎓 Thank you, Ana") is drawn from whichever is installed, not as an empty box from the text font.
 */
export const TEAMS_FONT =
  '"Segoe UI", "Segoe UI Web (West European)", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", sans-serif, "Segoe UI Emoji", "Apple Color Emoji", "Noto Color Emoji"';

export type ChatTheme = 'light' | 'dark';

type Pair = { default: string; subtle: string };
interface Palette {
  background: string;
  emphasis: string;
  separator: string;
  /** Text in every container: default, dark, light, accent, good, warning, attention. */
  text: Record<'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention', Pair>;
  /** The backgrounds of the styled containers (a card's banners). */
  styled: Record<'accent' | 'good' | 'attention' | 'warning', string>;
}

const pair = (normal: string, subtle: string): Pair => ({ default: normal, subtle });

const LIGHT: Palette = {
  background: '#FFFFFF',
  emphasis: '#F5F5F5',
  separator: '#E0E0E0',
  text: {
    default: pair('#242424', '#616161'),
    dark: pair('#242424', '#424242'),
    light: pair('#FFFFFF', '#F5F5F5'),
    accent: pair('#5B5FC7', '#4F52B2'),
    good: pair('#0E700E', '#107C10'),
    warning: pair('#835B00', '#8A6200'),
    attention: pair('#C4314B', '#A4262C'),
  },
  styled: { accent: '#E8EBFA', good: '#F1FAF1', attention: '#FDF3F4', warning: '#FBF6D9' },
};

/**
 * Teams' dark card colours, as in the Teams dark host config the Adaptive Cards designer ships: the
 * card (#2D2C2C) and emphasis (#292828) backgrounds, white text, subtle text white at 75 % (#CACACA
 * on the card), accent #A6A7DC, good #92C353, warning #F8D22A (their subtle the same colour: Teams'
 * is it at 90 %). Where that config has no dark value, or one too faint to read, the colour is the
 * Fluent Teams dark theme's (the tab's): attention #E37D80 (Teams' #D74654 is 3.2:1 on the card,
 * normal text needs 4.5:1), subtle accent #AAB1FA (Teams' #8B8CC7 is 4.4:1), the separator (stroke
 * 2), and the banners' backgrounds: the palette's dark tints, as the light config uses its light
 * ones, with the text white on them.
 */
const DARK: Palette = {
  background: '#2D2C2C',
  emphasis: '#292828',
  separator: '#525252',
  text: {
    default: pair('#FFFFFF', '#CACACA'),
    dark: pair('#201F1F', '#2D2C2C'),
    light: pair('#FFFFFF', '#CACACA'),
    accent: pair('#A6A7DC', '#AAB1FA'),
    good: pair('#92C353', '#92C353'),
    warning: pair('#F8D22A', '#F8D22A'),
    attention: pair('#E37D80', '#E37D80'),
  },
  styled: { accent: '#2F2F4A', good: '#052505', attention: '#3F1011', warning: '#4C4400' },
};

function hostConfig(p: Palette): HostConfig {
  const style = (backgroundColor: string) => ({ backgroundColor, foregroundColors: p.text });
  return new HostConfig({
    fontFamily: TEAMS_FONT,
    supportsInteractivity: true,
    // A card's heading TextBlocks (style "heading") are headings of this level: under the page's h1 (the chat) and h2s (the lists).
    textBlock: { headingLevel: 3 },
    spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
    separator: { lineThickness: 1, lineColor: p.separator },
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
      default: style(p.background),
      emphasis: style(p.emphasis),
      accent: style(p.styled.accent),
      good: style(p.styled.good),
      attention: style(p.styled.attention),
      warning: style(p.styled.warning),
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
}

export const teamsHostConfig = hostConfig(LIGHT);
export const teamsDarkHostConfig = hostConfig(DARK);

export function hostConfigFor(theme: ChatTheme): HostConfig {
  return theme === 'dark' ? teamsDarkHostConfig : teamsHostConfig;
}
