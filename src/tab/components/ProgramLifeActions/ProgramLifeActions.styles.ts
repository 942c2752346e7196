import { makeStyles, tokens } from '@fluentui/react-components';

export const useProgramLifeActionsStyles = makeStyles({
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  danger: {
    color: tokens.colorPaletteRedForeground1,
  },
});
