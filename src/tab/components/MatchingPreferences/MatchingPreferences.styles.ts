import { makeStyles, tokens } from '@fluentui/react-components';

export const useMatchingPreferencesStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  error: {
    color: tokens.colorPaletteRedForeground1,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))',
    gap: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
  },
  item: {
    minWidth: 0,
  },
  control: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  slider: {
    flexGrow: 1,
    minWidth: '120px',
  },
  // Wide enough for "100% of the score", so the slider does not jump as the value changes.
  worth: {
    flexShrink: 0,
    width: '9em',
    color: tokens.colorNeutralForeground2,
  },
  ignored: {
    flexShrink: 0,
    width: '9em',
    color: tokens.colorNeutralForeground3,
    fontStyle: 'italic',
  },
  preview: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground2,
  },
  previewList: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  reset: {
    alignSelf: 'flex-start',
  },
});
