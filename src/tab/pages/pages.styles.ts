import { makeStyles, tokens } from '@fluentui/react-components';

/** Layout shared by the pages that have no component of their own for it. */
export const usePageStyles = makeStyles({
  card: {
    padding: tokens.spacingHorizontalXXL,
    gap: tokens.spacingVerticalL,
  },
  tableCard: {
    padding: 0,
    overflowX: 'auto',
  },
  // Columns as wide as their content: a date range is never squeezed into another column.
  table: {
    tableLayout: 'auto',
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  numeric: {
    fontVariantNumeric: 'tabular-nums',
  },
  nowrap: {
    whiteSpace: 'nowrap',
  },
});
