import { makeStyles } from '@fluentui/react-components';

export const useAnnouncerStyles = makeStyles({
  // Read by screen readers, invisible on screen.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});
