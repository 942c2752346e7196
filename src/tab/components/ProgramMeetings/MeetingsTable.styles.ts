import { makeStyles, tokens } from '@fluentui/react-components';

// Narrow (a phone, or Teams' side panel): each pair wraps onto a few lines instead of scrolling sideways.
const NARROW = '@media (max-width: 640px)';

export const useMeetingsTableStyles = makeStyles({
  row: {
    [NARROW]: {
      flexWrap: 'wrap',
      alignItems: 'flex-start',
      paddingBlock: tokens.spacingVerticalS,
    },
  },
  // Every cell: on a narrow screen, only as tall as its content, and gone when it has none.
  cell: {
    [NARROW]: {
      minHeight: 0,
      ':empty': { display: 'none' },
    },
  },
  // On a narrow screen each cell says what it is instead of the column names.
  // (display: none, not visually hidden: a 1 px box with overflow hidden is a scrollable region to axe.)
  header: {
    [NARROW]: { display: 'none' },
  },
  person: {
    flex: '1 1 0px',
    [NARROW]: { flex: '1 1 40%' },
  },
  status: {
    flex: '1.3 1 0px',
    [NARROW]: { flex: '1 1 100%' },
  },
  sessions: {
    flex: '1.6 1 0px',
    [NARROW]: { flex: '1 1 100%' },
  },
  held: {
    flex: '1.2 1 0px',
    [NARROW]: { flex: '1 1 100%' },
  },
  // The bar takes the cell's width (up to its own maximum), not just its words'.
  grow: {
    flexGrow: 1,
  },
  actions: {
    flex: '0 0 112px',
    gap: tokens.spacingHorizontalS,
    [NARROW]: { flex: '1 1 100%', paddingBlock: tokens.spacingVerticalXS },
  },
  stack: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalS,
    minWidth: 0,
  },
  name: {
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  narrowOnly: {
    display: 'none',
    [NARROW]: { display: 'block' },
  },
});
