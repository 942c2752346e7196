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
  // A destructive action: the theme's danger colours (high contrast keeps its own system colours).
  danger: {
    color: tokens.colorStatusDangerForeground1,
    ...shorthands.borderColor(tokens.colorStatusDangerBorder2),
  },
});
