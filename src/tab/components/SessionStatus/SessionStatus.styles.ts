import { makeStyles, tokens } from '@fluentui/react-components';

export const useSessionStatusStyles = makeStyles({
  root: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    whiteSpace: 'nowrap',
  },
  icon: {
    width: '16px',
    height: '16px',
    flexShrink: 0,
    fill: 'currentColor',
  },
  // The colour only backs up the icon's shape and the word; neither is left to colour alone.
  held: { color: tokens.colorStatusSuccessForeground1 },
  partly_held: { color: tokens.colorPaletteLightGreenForeground1 },
  missed: { color: tokens.colorStatusWarningForeground1 },
  cancelled: { color: tokens.colorNeutralForeground3 },
  planned: { color: tokens.colorBrandForeground1 },
  moved: { color: tokens.colorBrandForeground1 },
  text: {
    color: tokens.colorNeutralForeground1,
  },
});
