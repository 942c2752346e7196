import { makeStyles, tokens } from '@fluentui/react-components';

export const usePageHeaderStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
  },
  text: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    maxWidth: '720px',
  },
  title: {
    margin: 0,
  },
  lead: {
    color: tokens.colorNeutralForeground2,
  },
  back: {
    alignSelf: 'flex-start',
    // Chromium forces the colour but keeps the theme's (yellow) text fill, which axe reads: name the system colour.
    '@media (forced-colors: active)': { color: 'LinkText' },
  },
});
