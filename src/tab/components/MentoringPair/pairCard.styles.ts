import { tokens, type GriffelStyle } from '@fluentui/react-components';

/** The slots every card of a pair's page shares (skills, goals, action items): one padding, title and muted text. */
export const pairCardSlots = {
  root: {
    padding: tokens.spacingHorizontalXXL,
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    '@media (max-width: 640px)': { padding: tokens.spacingHorizontalL },
  },
  title: {
    margin: 0,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
} satisfies Record<string, GriffelStyle>;
