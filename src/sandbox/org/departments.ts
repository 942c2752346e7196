import type { Rng } from './rng.ts';

/**
 * Departments of the sandbox company, and the job titles that go with each level in them.
 * Titles are derived from a person's place in the tree so that "VP" never reports to a
 * "Senior Analyst" and the HR department really holds HR people.
 */

export type DepartmentName = 'Engineering' | 'Sales' | 'Human Resources' | 'Finance' | 'Marketing' | 'Product' | 'Operations' | 'Customer Success' | 'Legal' | 'Data' | 'IT';

export interface DepartmentSpec {
  name: DepartmentName;
  /** Relative headcount. */
  weight: number;
  executiveTitles: readonly string[];
  /** Title of a front-line manager (all reports are individual contributors). */
  teamManagerTitle: string;
  /** Individual-contributor roles; a seniority prefix is added. */
  roles: readonly string[];
  /** Whether the senior IC ladder says "Staff" (technical) or "Lead". */
  technical: boolean;
  /** Departments that host this one when it has no executive of its own, in preference order. */
  hosts: readonly DepartmentName[];
}

export const DEPARTMENTS: Readonly<Record<DepartmentName, DepartmentSpec>> = {
  Engineering: {
    name: 'Engineering',
    weight: 30,
    technical: true,
    hosts: [],
    executiveTitles: ['Chief Technology Officer', 'VP Engineering'],
    teamManagerTitle: 'Engineering Manager',
    roles: ['Software Engineer', 'Software Engineer', 'Software Engineer', 'Site Reliability Engineer', 'QA Engineer', 'Security Engineer', 'Frontend Engineer'],
  },
  Sales: {
    name: 'Sales',
    weight: 17,
    technical: false,
    hosts: [],
    executiveTitles: ['Chief Revenue Officer', 'VP Sales'],
    teamManagerTitle: 'Sales Manager',
    roles: ['Account Executive', 'Account Executive', 'Sales Development Representative', 'Sales Engineer'],
  },
  'Human Resources': {
    name: 'Human Resources',
    weight: 4,
    technical: false,
    hosts: [],
    executiveTitles: ['Chief People Officer', 'VP Human Resources'],
    teamManagerTitle: 'HR Manager',
    roles: ['HR Business Partner', 'Recruiter', 'HR Generalist', 'People Operations Specialist', 'Learning and Development Specialist'],
  },
  Finance: {
    name: 'Finance',
    weight: 6,
    technical: false,
    hosts: ['Operations'],
    executiveTitles: ['Chief Financial Officer'],
    teamManagerTitle: 'Finance Manager',
    roles: ['Financial Analyst', 'Accountant', 'Payroll Specialist', 'Financial Planning Analyst'],
  },
  Marketing: {
    name: 'Marketing',
    weight: 8,
    technical: false,
    hosts: ['Sales'],
    executiveTitles: ['Chief Marketing Officer', 'VP Marketing'],
    teamManagerTitle: 'Marketing Manager',
    roles: ['Marketing Specialist', 'Content Strategist', 'Product Marketing Manager', 'Growth Marketer', 'Brand Designer'],
  },
  Product: {
    name: 'Product',
    weight: 7,
    technical: false,
    hosts: ['Engineering'],
    executiveTitles: ['Chief Product Officer', 'VP Product'],
    teamManagerTitle: 'Group Product Manager',
    roles: ['Product Manager', 'Product Manager', 'UX Designer', 'UX Researcher'],
  },
  Operations: {
    name: 'Operations',
    weight: 7,
    technical: false,
    hosts: ['Finance'],
    executiveTitles: ['Chief Operating Officer', 'VP Operations'],
    teamManagerTitle: 'Operations Manager',
    roles: ['Operations Analyst', 'Program Coordinator', 'Procurement Specialist', 'Facilities Coordinator'],
  },
  'Customer Success': {
    name: 'Customer Success',
    weight: 9,
    technical: false,
    hosts: ['Sales'],
    executiveTitles: ['Chief Customer Officer', 'VP Customer Success'],
    teamManagerTitle: 'Customer Success Team Lead',
    roles: ['Customer Success Specialist', 'Support Engineer', 'Implementation Consultant', 'Technical Account Specialist'],
  },
  Legal: {
    name: 'Legal',
    weight: 2,
    technical: false,
    hosts: ['Finance', 'Operations', 'Human Resources'],
    executiveTitles: ['General Counsel'],
    teamManagerTitle: 'Associate General Counsel',
    roles: ['Corporate Counsel', 'Paralegal', 'Contracts Specialist', 'Compliance Analyst'],
  },
  Data: {
    name: 'Data',
    weight: 5,
    technical: true,
    hosts: ['Engineering'],
    executiveTitles: ['Chief Data Officer'],
    teamManagerTitle: 'Data Science Manager',
    roles: ['Data Analyst', 'Data Scientist', 'Data Engineer', 'Machine Learning Engineer'],
  },
  IT: {
    name: 'IT',
    weight: 3,
    technical: true,
    hosts: ['Operations', 'Finance', 'Engineering'],
    executiveTitles: ['Chief Information Officer'],
    teamManagerTitle: 'IT Manager',
    roles: ['Systems Administrator', 'IT Support Specialist', 'Cloud Engineer', 'Identity Engineer'],
  },
};

/** The order in which departments get an executive of their own as the company grows. */
export const EXECUTIVE_ORDER: readonly DepartmentName[] = ['Engineering', 'Sales', 'Human Resources', 'Finance', 'Marketing', 'Product', 'Operations', 'Customer Success'];

/** Departments that never have an executive of their own: a head at director level runs them. */
export const HOSTED_ONLY: readonly DepartmentName[] = ['Legal', 'Data', 'IT'];

export const CEO_TITLE = 'Chief Executive Officer';

/** Seniority of an individual contributor, from most junior. */
export type Seniority = 0 | 1 | 2 | 3 | 4;

function seniorityPrefix(seniority: Seniority, technical: boolean): string {
  switch (seniority) {
    case 0:
      return 'Associate ';
    case 1:
      return '';
    case 2:
      return 'Senior ';
    case 3:
      return technical ? 'Staff ' : 'Lead ';
    case 4:
      return 'Principal ';
  }
}

/** The title of an individual contributor: a role of the department with a seniority prefix. */
export function icTitle(department: DepartmentName, seniority: Seniority, rng: Rng): string {
  const spec = DEPARTMENTS[department];
  return seniorityPrefix(seniority, spec.technical) + rng.pick(spec.roles);
}

/**
 * The title of someone with reports, from their level and the size of what they run:
 * directors at the top, front-line managers where every report is an individual contributor.
 */
export function managerTitle(department: DepartmentName, level: number, subtreeSize: number, managesManagers: boolean): string {
  const spec = DEPARTMENTS[department];
  if (level <= 2 && subtreeSize >= 150) return `Senior Director of ${department}`;
  if (level <= 2 && managesManagers) return `Director of ${department}`;
  if (subtreeSize >= 30) return `Director of ${department}`;
  if (managesManagers) return `Senior ${spec.teamManagerTitle}`;
  return spec.teamManagerTitle;
}

/** Title of the director-level person who runs a department hosted by another executive. */
export function hostedHeadTitle(department: DepartmentName): string {
  return `Head of ${department}`;
}
