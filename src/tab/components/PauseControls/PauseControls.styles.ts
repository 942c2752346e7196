import { makeStyles, tokens } from '@fluentui/react-components';

export const usePauseControlsStyles = makeStyles({
  card: { padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}`, gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalL },
  subtle: { color: tokens.colorNeutralForeground3 },
});
