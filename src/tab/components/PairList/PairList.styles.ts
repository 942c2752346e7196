import { makeStyles, tokens } from '@fluentui/react-components';
import { NARROW } from '../stackedTable.styles.ts';

export const usePairListStyles = makeStyles({
  table: {
    tableLayout: 'auto',
  },
  dimmed: {
    opacity: 0.5,
    transitionProperty: 'opacity',
    transitionDuration: tokens.durationNormal,
  },
  person: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingBlock: tokens.spacingVerticalS,
    minWidth: '140px',
    [NARROW]: { minWidth: 0, paddingBlock: tokens.spacingVerticalXXS },
  },
  name: {
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  badges: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalXS,
    marginTop: tokens.spacingVerticalXXS,
  },
  arrow: {
    color: tokens.colorNeutralForeground3,
    width: '24px',
    paddingInline: 0,
    textAlign: 'center',
  },
  score: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: '64px',
    fontVariantNumeric: 'tabular-nums',
  },
  track: {
    height: '4px',
    width: '64px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground5,
    overflow: 'hidden',
  },
  fill: {
    height: '100%',
    backgroundColor: tokens.colorBrandBackground,
    // High contrast: backgrounds vanish, so the bar keeps an outline of its own.
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText' },
  },
  reasons: {
    margin: 0,
    paddingBlock: tokens.spacingVerticalS,
    paddingInlineStart: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    whiteSpace: 'nowrap',
    [NARROW]: { flexWrap: 'wrap', whiteSpace: 'normal' },
  },
});
