import { makeStyles, tokens } from '@fluentui/react-components';

export const useSessionProgressStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    minWidth: 0,
    width: '100%',
    maxWidth: '240px',
  },
  wide: {
    maxWidth: '360px',
  },
  bar: {
    display: 'flex',
    height: '6px',
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralStroke2,
    // High contrast: the track gets an outline, the held part the text colour.
    '@media (forced-colors: active)': { outline: '1px solid CanvasText' },
  },
  segment: {
    flexBasis: 0,
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText' },
  },
  held: { backgroundColor: tokens.colorStatusSuccessBackground3 },
  partlyHeld: { backgroundColor: tokens.colorPaletteLightGreenBorderActive },
  missed: { backgroundColor: tokens.colorStatusWarningBackground3 },
  cancelled: { backgroundColor: tokens.colorNeutralStrokeAccessible },
  text: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: `0 ${tokens.spacingHorizontalS}`,
  },
  count: {
    fontVariantNumeric: 'tabular-nums',
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});
