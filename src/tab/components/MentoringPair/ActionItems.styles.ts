import { makeStyles, tokens } from '@fluentui/react-components';
import { pairCardSlots } from './pairCard.styles.ts';

export const useActionItemsStyles = makeStyles({
  root: pairCardSlots.root,
  title: pairCardSlots.title,
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  groupTitle: {
    margin: 0,
  },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    minWidth: 0,
  },
  box: {
    width: '16px',
    height: '16px',
    flexShrink: 0,
    marginTop: '2px',
    fill: 'currentColor',
    color: tokens.colorNeutralForeground3,
  },
  doneBox: {
    color: tokens.colorStatusSuccessForeground1,
  },
  text: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  doneText: {
    color: tokens.colorNeutralForeground2,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});
