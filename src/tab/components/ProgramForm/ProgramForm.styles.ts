import { makeStyles, tokens } from '@fluentui/react-components';

export const useProgramFormStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXL,
    maxWidth: '900px',
  },
  group: {
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    margin: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL} ${tokens.spacingVerticalL}`,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  subgroup: {
    border: 'none',
    margin: 0,
    padding: 0,
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  subLegend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalXS,
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
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  error: {
    color: tokens.colorPaletteRedForeground1,
  },
  pair: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(220px, 1fr))',
    gap: tokens.spacingHorizontalXL,
    alignItems: 'start',
  },
  // A horizontal RadioGroup does not wrap by itself: "Which gap counts" overflowed a 400 px tab.
  radios: {
    flexWrap: 'wrap',
  },
  checks: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalL,
  },
  topics: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  topicHead: {
    display: 'grid',
    gridTemplateColumns: 'minmax(220px, 2.6fr) minmax(150px, 1.3fr) minmax(190px, 1.3fr) 80px',
    gap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground3,
    '@media (max-width: 760px)': { display: 'none' },
  },
  topic: {
    display: 'grid',
    gridTemplateColumns: 'minmax(220px, 2.6fr) minmax(150px, 1.3fr) minmax(190px, 1.3fr) 80px',
    gap: tokens.spacingHorizontalM,
    alignItems: 'start',
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke3}`,
    '@media (max-width: 760px)': { gridTemplateColumns: '1fr' },
  },
  remove: {
    justifySelf: 'start',
  },
  addTopic: {
    alignSelf: 'flex-start',
  },
  narrow: {
    maxWidth: '220px',
  },
  actions: {
    display: 'flex',
    gap: tokens.spacingHorizontalM,
    flexWrap: 'wrap',
    paddingTop: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  counter: {
    display: 'block',
    textAlign: 'end',
    fontVariantNumeric: 'tabular-nums',
  },
  over: {
    color: tokens.colorPaletteRedForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
});
