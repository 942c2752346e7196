/** Who is acting: a person of a tenant, and whether their token holds Program.Admin. */
export interface Actor {
  tenantId: string;
  userId: string;
  isProgramAdmin: boolean;
}

export const PROGRAM_ADMIN_ROLE = 'Program.Admin';

/** Someone in Teams, as a card action identifies them: tenant and Entra object id. */
export interface CardActor {
  tenantId: string;
  userId: string;
}
