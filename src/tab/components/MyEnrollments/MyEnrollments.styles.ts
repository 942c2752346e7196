import { makeStyles, tokens } from '@fluentui/react-components';

export const useMyEnrollmentsStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalXXL,
    gap: tokens.spacingVerticalL,
  },
  title: {
    margin: 0,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
  },
  item: {
    paddingBlock: tokens.spacingVerticalL,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    ':first-child': { borderTop: 'none', paddingTop: 0 },
    ':last-child': { paddingBottom: 0 },
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});
