import { makeStyles, tokens } from '@fluentui/react-components';

export const useMatchSessionsStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    // A border rather than a shade alone: high contrast drops background colours.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: {
    margin: 0,
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`,
    margin: 0,
    '@media (max-width: 480px)': { gridTemplateColumns: '1fr', rowGap: 0 },
  },
  label: {
    color: tokens.colorNeutralForeground3,
  },
  value: {
    margin: 0,
    '@media (max-width: 480px)': { marginBottom: tokens.spacingVerticalXS },
  },
  soon: {
    color: tokens.colorNeutralForeground3,
    whiteSpace: 'nowrap',
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
  notice: {
    alignSelf: 'stretch',
  },
});
