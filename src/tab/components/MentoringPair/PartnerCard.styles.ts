import { makeStyles, tokens } from '@fluentui/react-components';

export const usePartnerCardStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalXXL,
    gap: tokens.spacingVerticalM,
    height: '100%',
    boxSizing: 'border-box',
    minWidth: 0,
    '@media (max-width: 640px)': { padding: tokens.spacingHorizontalL },
  },
  title: {
    margin: 0,
  },
  persona: {
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  why: {
    margin: 0,
  },
  reasons: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    color: tokens.colorNeutralForeground2,
  },
});
