import { makeStyles, tokens } from '@fluentui/react-components';

export const usePersonLinkCardStyles = makeStyles({
  root: {
    position: 'relative',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  // The name's link covers the whole card, so the card is one click target and one tab stop.
  link: {
    fontWeight: tokens.fontWeightSemibold,
    '::after': { content: '""', position: 'absolute', inset: 0, borderRadius: tokens.borderRadiusMedium },
    // Fluent's link hover colour is too faint on the card's hover background in the dark theme (axe).
    ':hover': { color: tokens.colorNeutralForeground1 },
    ':focus-visible': { outlineStyle: 'none' },
    ':focus-visible::after': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.strokeWidthThin,
    },
  },
});
