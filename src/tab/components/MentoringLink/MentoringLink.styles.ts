import { makeStyles, tokens } from '@fluentui/react-components';

export const useMentoringLinkStyles = makeStyles({
  root: {
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`,
    gap: tokens.spacingVerticalXS,
    borderInlineStartWidth: tokens.strokeWidthThickest,
    borderInlineStartStyle: 'solid',
    borderInlineStartColor: tokens.colorBrandStroke1,
    '@media (max-width: 640px)': { paddingInline: tokens.spacingHorizontalL },
  },
  title: {
    margin: 0,
  },
  line: {
    overflowWrap: 'anywhere',
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});
