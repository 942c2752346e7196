import { makeStyles, tokens } from '@fluentui/react-components';

export const useProgramMeetingsStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  heading: {
    margin: 0,
  },
  summary: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    gap: tokens.spacingVerticalS,
  },
  top: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
  },
  watching: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground3,
  },
  card: {
    padding: tokens.spacingHorizontalXXL,
    gap: tokens.spacingVerticalL,
  },
  tableCard: {
    padding: 0,
  },
});
