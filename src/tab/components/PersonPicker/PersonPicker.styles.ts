import { makeStyles, tokens } from '@fluentui/react-components';

export const usePersonPickerStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXL,
  },
  intro: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    maxWidth: '720px',
  },
  title: {
    margin: 0,
  },
  lead: {
    color: tokens.colorNeutralForeground2,
  },
  search: {
    maxWidth: '480px',
  },
  searchBox: {
    width: '100%',
    maxWidth: 'unset',
  },
  // Live regions stay mounted (so changes are announced) and take no room while empty.
  status: {
    '& > *': { marginTop: tokens.spacingVerticalL },
  },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  sectionTitle: {
    margin: 0,
  },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))',
    gap: tokens.spacingHorizontalM,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  muted: {
    color: tokens.colorNeutralForeground3,
  },
});
