import { makeStyles, tokens } from '@fluentui/react-components';

export const useNextSessionStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalXXL,
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    borderTop: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke1}`,
    '@media (max-width: 640px)': { padding: tokens.spacingHorizontalL },
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`,
  },
  title: {
    margin: 0,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  when: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  whenText: {
    margin: 0,
    overflowWrap: 'anywhere',
  },
  topic: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    paddingInlineStart: tokens.spacingHorizontalM,
    borderInlineStartWidth: tokens.strokeWidthThick,
    borderInlineStartStyle: 'solid',
    borderInlineStartColor: tokens.colorNeutralStroke2,
  },
  description: {
    color: tokens.colorNeutralForeground2,
  },
  join: {
    alignSelf: 'flex-start',
  },
  notice: {
    maxWidth: 'none',
  },
});
