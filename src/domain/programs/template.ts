import type { Topic } from './program.ts';

/**
 * The reverse-mentoring template: what juniors teach up (tools, AI, how younger colleagues and
 * customers think) and what seniors teach back (strategy, the organisation) — it works when reciprocal.
 */
export const REVERSE_MENTORING_TOPICS: Topic[] = [
  { id: 'ai-assistants', name: 'AI assistants at work', direction: 'teachesUp' },
  { id: 'teams-copilot', name: 'Teams and Copilot power use', direction: 'teachesUp' },
  { id: 'social-media', name: 'Social media and personal brand', direction: 'teachesUp' },
  { id: 'data-dashboards', name: 'Data and dashboards', direction: 'teachesUp' },
  { id: 'security-hygiene', name: 'Security hygiene', direction: 'teachesUp' },
  { id: 'remote-collaboration', name: 'Remote collaboration', direction: 'teachesUp' },
  { id: 'younger-customers', name: 'How younger customers and colleagues think', direction: 'teachesUp' },
  { id: 'strategy', name: 'Strategy and decisions', direction: 'teachesDown' },
  { id: 'navigating-org', name: 'Navigating the organisation', direction: 'teachesDown' },
  { id: 'industry', name: 'The industry', direction: 'teachesDown' },
  { id: 'stakeholders', name: 'Stakeholder management', direction: 'teachesDown' },
  { id: 'career-guidance', name: 'Career guidance', direction: 'teachesDown' },
];
