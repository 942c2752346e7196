import { makeStyles, tokens } from '@fluentui/react-components';

export const usePersonaCardStyles = makeStyles({
  root: {
    cursor: 'pointer',
    padding: tokens.spacingHorizontalL,
    gap: tokens.spacingVerticalS,
    height: '100%',
    boxSizing: 'border-box',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.strokeWidthThin,
    },
  },
  busy: {
    opacity: 0.6,
    cursor: 'progress',
  },
  footer: {
    display: 'flex',
    gap: tokens.spacingHorizontalXS,
    flexWrap: 'wrap',
  },
});
