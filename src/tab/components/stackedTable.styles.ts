import { makeStyles, tokens } from '@fluentui/react-components';

/** A phone or Teams' side panel: tables become a list of cards instead of scrolling sideways. */
export const NARROW = '@media (max-width: 640px)';

/**
 * A native Fluent table that stacks on a narrow screen: each row a block, each cell a line that
 * names its column (from the cell's `data-label`, which screen readers read too), the header row
 * gone (its words are on every cell instead).
 */
export const useStackedTableStyles = makeStyles({
  table: {
    [NARROW]: { display: 'block', width: '100%' },
  },
  header: {
    [NARROW]: { display: 'none' },
  },
  body: {
    [NARROW]: { display: 'block' },
  },
  row: {
    [NARROW]: {
      display: 'flex',
      flexDirection: 'column',
      alignItems: 'stretch',
      gap: tokens.spacingVerticalXS,
      paddingBlock: tokens.spacingVerticalM,
      paddingInline: tokens.spacingHorizontalM,
    },
  },
  cell: {
    [NARROW]: {
      display: 'block',
      height: 'auto',
      minHeight: 0,
      paddingInline: 0,
      whiteSpace: 'normal',
      overflowWrap: 'anywhere',
      ':empty': { display: 'none' },
      '::before': {
        content: 'attr(data-label)',
        display: 'block',
        fontSize: tokens.fontSizeBase200,
        lineHeight: tokens.lineHeightBase200,
        color: tokens.colorNeutralForeground3,
      },
    },
  },
  /** A cell that says nothing on its own on a narrow screen (an arrow between two people). */
  wideOnly: {
    [NARROW]: { display: 'none' },
  },
});
