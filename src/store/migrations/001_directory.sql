-- Tenants Flipside serves; every other row carries its tenant.
CREATE TABLE tenants (
  tenant_id uuid PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The org chart as synced from Microsoft Graph (users/delta with manager).
-- Age and birth dates are never read or stored: seniority comes from the chart and the hire date.
CREATE TABLE directory_people (
  tenant_id uuid NOT NULL REFERENCES tenants (tenant_id),
  id uuid NOT NULL,                    -- Entra object id
  display_name text NOT NULL,
  mail text,
  user_principal_name text,
  job_title text,
  department text,
  office_location text,
  hire_date timestamptz,
  account_enabled boolean NOT NULL DEFAULT true,
  manager_id uuid,
  removed_at timestamptz,              -- gone from the directory (delta @removed)
  synced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX directory_people_manager ON directory_people (tenant_id, manager_id);

-- Where the next users/delta round starts.
CREATE TABLE directory_sync_state (
  tenant_id uuid PRIMARY KEY REFERENCES tenants (tenant_id),
  delta_link text NOT NULL,
  last_full_sync_at timestamptz NOT NULL,
  last_sync_at timestamptz NOT NULL
);
