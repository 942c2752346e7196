import { makeStyles, shorthands, tokens } from '@fluentui/react-components';

export const useMyDataStyles = makeStyles({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
  },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXXL,
    display: 'grid',
    gap: tokens.spacingVerticalXS,
  },
  // A destructive action: a danger border, the text in the theme's own colour (red text fails contrast in dark).
  danger: {
    ...shorthands.borderColor(tokens.colorStatusDangerBorder2),
  },
});
