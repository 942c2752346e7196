import { makeStyles, tokens } from '@fluentui/react-components';
import { pairCardSlots } from './pairCard.styles.ts';

const CELL = '6px';

export const useGoalProgressStyles = makeStyles({
  ...pairCardSlots,
  goals: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
  },
  goal: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  now: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
  },
  // The four steps as four segments, filled up to where the goal stands.
  steps: {
    display: 'flex',
    gap: '3px',
    width: '160px',
    maxWidth: '100%',
  },
  step: {
    flex: '1 1 0',
    height: '8px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralStroke2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  reached: {
    backgroundColor: tokens.colorBrandBackground,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandBackground}`,
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText' },
  },
  complete: {
    backgroundColor: tokens.colorStatusSuccessBackground3,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorStatusSuccessBackground3}`,
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText' },
  },
  label: {
    fontWeight: tokens.fontWeightSemibold,
  },
  // The history: one little column per session, as tall as the step the goal had reached.
  history: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
  },
  entry: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    gap: '2px',
    minWidth: '20px',
  },
  column: {
    display: 'flex',
    flexDirection: 'column-reverse',
    gap: '2px',
  },
  cell: {
    width: '14px',
    height: CELL,
    borderRadius: '1px',
    backgroundColor: tokens.colorNeutralStroke2,
    '@media (forced-colors: active)': { outline: '1px solid CanvasText' },
  },
  cellOn: {
    backgroundColor: tokens.colorBrandBackground,
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText' },
  },
  cellDone: {
    backgroundColor: tokens.colorStatusSuccessBackground3,
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText' },
  },
  session: {
    color: tokens.colorNeutralForeground3,
    fontVariantNumeric: 'tabular-nums',
  },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});
