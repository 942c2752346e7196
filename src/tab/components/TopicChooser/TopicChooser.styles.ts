import { makeStyles, tokens } from '@fluentui/react-components';

export const useTopicChooserStyles = makeStyles({
  root: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    margin: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalL}`,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  invalid: {
    border: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`,
  },
  legend: {
    padding: `0 ${tokens.spacingHorizontalXS}`,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  description: {
    color: tokens.colorNeutralForeground2,
  },
  group: {
    border: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
  },
  groupLegend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
    display: 'flex',
    flexDirection: 'column',
  },
  groupTitle: {
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  rows: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
  },
  row: {
    display: 'grid',
    gridTemplateColumns: 'minmax(220px, 1fr) auto',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    minHeight: '44px',
    paddingInline: tokens.spacingHorizontalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    ':last-child': { borderBottom: 'none' },
    '@media (max-width: 640px)': { gridTemplateColumns: '1fr' },
  },
  level: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    '@media (max-width: 640px)': { paddingInlineStart: tokens.spacingHorizontalXXL, paddingBottom: tokens.spacingVerticalS },
  },
  levelRadios: {
    flexWrap: 'nowrap',
  },
  error: {
    color: tokens.colorPaletteRedForeground1,
    gridColumn: '1 / -1',
    paddingBottom: tokens.spacingVerticalS,
  },
});
