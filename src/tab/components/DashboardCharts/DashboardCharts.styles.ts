import { makeStyles, tokens } from '@fluentui/react-components';

export const useDashboardChartStyles = makeStyles({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 420px), 1fr))',
    gap: tokens.spacingVerticalL,
  },
  card: {
    padding: tokens.spacingHorizontalL,
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  chart: {
    width: '100%',
    minHeight: '240px',
    overflow: 'hidden',
  },
  table: {
    width: '100%',
    tableLayout: 'fixed',
    wordBreak: 'break-word',
  },
  /** A table's first column, naming the row: wider than the figures beside it where there is room (the layout is fixed). */
  label: {
    '@media (min-width: 640px)': { width: '34%' },
  },
  numeric: {
    fontVariantNumeric: 'tabular-nums',
    textAlign: 'end',
    // A header cell's label sits in a flex box: align it over its figures.
    '& .fui-TableHeaderCell__button': { justifyContent: 'flex-end' },
  },

  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  figure: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  big: {
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  none: {
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  details: {
    '& summary': {
      cursor: 'pointer',
      color: tokens.colorBrandForegroundLink,
    },
  },
});
