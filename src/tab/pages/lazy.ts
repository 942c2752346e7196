import { lazy } from 'react';

/**
 * Every page but Me, loaded when it is first opened: the Me page (the tab's landing page) loads
 * only its own code, and employees never load the HR pages. A new page goes here too.
 */
export const MentoringPage = lazy(() => import('./MentoringPage.tsx').then((m) => ({ default: m.MentoringPage })));
export const PersonPage = lazy(() => import('./PersonPage.tsx').then((m) => ({ default: m.PersonPage })));
export const ProgramsPage = lazy(() => import('./ProgramsPage.tsx').then((m) => ({ default: m.ProgramsPage })));
export const EnrollPage = lazy(() => import('./EnrollPage.tsx').then((m) => ({ default: m.EnrollPage })));
export const EnrollmentPage = lazy(() => import('./EnrollmentPage.tsx').then((m) => ({ default: m.EnrollmentPage })));
export const MyDataPage = lazy(() => import('./MyDataPage.tsx').then((m) => ({ default: m.MyDataPage })));
export const NotAdmin = lazy(() => import('./NotAdmin.tsx').then((m) => ({ default: m.NotAdmin })));
// HR only.
export const AdminPage = lazy(() => import('./AdminPage.tsx').then((m) => ({ default: m.AdminPage })));
export const MatchingPage = lazy(() => import('./MatchingPage.tsx').then((m) => ({ default: m.MatchingPage })));
export const DashboardPage = lazy(() => import('./DashboardPage.tsx'));
export const AuditLogPage = lazy(() => import('./AuditLogPage.tsx').then((m) => ({ default: m.AuditLogPage })));
export const ProgramEditPage = lazy(() => import('./ProgramEditPage.tsx').then((m) => ({ default: m.ProgramEditPage })));
// Teams' consent prompt (only when Entra ID asks for consent first).
export const ConsentPrompt = lazy(() => import('../components/ConsentPrompt/ConsentPrompt.tsx').then((m) => ({ default: m.ConsentPrompt })));
// The sandbox's sign-in (never in Teams, and not once signed in) and its clock (never in Teams).
export const PersonPicker = lazy(() => import('../components/PersonPicker/PersonPicker.tsx').then((m) => ({ default: m.PersonPicker })));
export const SandboxClock = lazy(() => import('../components/SandboxClock/SandboxClock.tsx').then((m) => ({ default: m.SandboxClock })));
