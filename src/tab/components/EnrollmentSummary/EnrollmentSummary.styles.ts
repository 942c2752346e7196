import { makeStyles, tokens } from '@fluentui/react-components';

export const useEnrollmentSummaryStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  title: {
    margin: 0,
  },
  line: {
    color: tokens.colorNeutralForeground2,
  },
  note: {
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  noteFrom: {
    color: tokens.colorNeutralForeground3,
  },
  noteText: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    margin: 0,
    '@media (max-width: 560px)': { gridTemplateColumns: '1fr', rowGap: tokens.spacingVerticalXXS },
  },
  factRow: {
    display: 'contents',
  },
  factLabel: {
    color: tokens.colorNeutralForeground3,
  },
  factValue: {
    margin: 0,
    overflowWrap: 'anywhere',
  },
  list: {
    margin: 0,
    paddingInlineStart: tokens.spacingHorizontalL,
  },
  bullets: {
    listStyleType: 'disc',
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  dialogError: {
    marginTop: tokens.spacingVerticalM,
  },
});
