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
    ':focus-visible': { outlineStyle: 'none' },
    ':focus-visible::after': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.strokeWidthThin,
    },
  },
});
