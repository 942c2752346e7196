import { PageHeader } from '../components/PageHeader/PageHeader.tsx';
import { Notice } from '../components/Status/Status.tsx';

/** What someone without the Program.Admin role sees at an admin address (without loading the admin pages). */
export function NotAdmin() {
  return (
    <>
      <PageHeader title="Admin" />
      <Notice intent="info" title="Only program admins can open this page">
        Program admins (usually HR) create and run programs. If you think you should be one, ask your Microsoft 365 administrator for the Program.Admin role in Flipside.
      </Notice>
    </>
  );
}
