import { makeStyles, tokens } from '@fluentui/react-components';

export const useMeetingCountsStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  bar: {
    display: 'flex',
    height: '8px',
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    gap: '2px',
    backgroundColor: tokens.colorNeutralBackground5,
  },
  segment: {
    minWidth: '4px',
    // High contrast: backgrounds vanish, so the segments are drawn in the text colour; the legend says which is which.
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText' },
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXL}`,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  item: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    whiteSpace: 'nowrap',
  },
  swatch: {
    width: '10px',
    height: '10px',
    borderRadius: tokens.borderRadiusSmall,
    flexShrink: 0,
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText' },
  },
  count: {
    fontWeight: tokens.fontWeightSemibold,
    fontVariantNumeric: 'tabular-nums',
  },
  label: {
    color: tokens.colorNeutralForeground2,
  },
  // One colour per state: brand while Flipside works on it, green when booked, orange when stuck, grey when over.
  finding: { backgroundColor: tokens.colorBrandStroke2 },
  choosing: { backgroundColor: tokens.colorBrandStroke1 },
  booking: { backgroundColor: tokens.colorBrandStroke2 },
  booked: { backgroundColor: tokens.colorStatusSuccessBackground3 },
  unbookable: { backgroundColor: tokens.colorStatusWarningBackground3 },
  ending: { backgroundColor: tokens.colorNeutralStrokeAccessible },
  ended: { backgroundColor: tokens.colorNeutralStroke1 },
});
