// The fixed demo cast (issue 2). Later issues and their checks rely on these names.
import { createHash } from "node:crypto";
import { SYSTEM_ACTOR } from "../../app/features/access/current-user";
import { hashPassword } from "../../app/features/auth/password.server";
import { enrolKnownKey } from "../../app/features/identity/totp.server";
import { createOrganisation, createPartnership } from "../../app/features/organisations/organisations.server";
import { createUserWithPassword } from "../../app/features/users/admin-users.server";
import { grantRole } from "../../app/features/users/grants.server";
import type { DB } from "../client.server";
import type { OrganisationKind, Role } from "../schema";

export const DEMO_PASSWORD = "Samsyn-demo-2026";

/**
 * Admins and auditors must pass a second factor (docs/decisions/0019-e-legitimation-and-second-factor.md):
 * the demo cast's are enrolled with these known TOTP keys (hex), printed by `npm run demo` for an
 * authenticator app and used by the tests to compute codes. Demo data only.
 */
export const DEMO_TOTP_KEYS: Record<string, string> = Object.fromEntries(
  ["admin@demo.samsyn.se", "erik.granskare@demo.samsyn.se"].map((email) => [
    email,
    createHash("sha1").update(`samsyn-demo-totp:${email}`).digest("hex"),
  ]),
);

export const DEMO_PARTNERSHIPS = {
  sjostad: "Samordningsförbundet Sjöstad",
  alvbygd: "Samordningsförbundet Älvbygd",
} as const;
export type DemoPartnership = keyof typeof DEMO_PARTNERSHIPS;

export const DEMO_ORGANISATIONS: { name: string; kind: OrganisationKind; partnerships: DemoPartnership[] }[] = [
  { name: "Sjöstads kommun – Socialtjänsten", kind: "social_services", partnerships: ["sjostad"] },
  { name: "Sjöstads kommun – Arbetsmarknadsenheten", kind: "labour_market_unit", partnerships: ["sjostad"] },
  { name: "Sjöstads kommun – Vuxenutbildningen", kind: "adult_education", partnerships: ["sjostad"] },
  { name: "Arbetsförmedlingen Sjöstad", kind: "employment_service", partnerships: ["sjostad"] },
  { name: "Försäkringskassan Sjöstad", kind: "social_insurance", partnerships: ["sjostad"] },
  { name: "Region Sjöland – Vuxenpsykiatrin", kind: "healthcare", partnerships: ["sjostad"] },
  { name: "Samordningsförbundet Sjöstad – kansliet", kind: "partnership_office", partnerships: ["sjostad"] },
  { name: "Älvbygds kommun – Socialtjänsten", kind: "social_services", partnerships: ["alvbygd"] },
  { name: "Älvbygds kommun – Arbetsmarknadsenheten", kind: "labour_market_unit", partnerships: ["alvbygd"] },
  { name: "Arbetsförmedlingen Älvbygd", kind: "employment_service", partnerships: ["alvbygd"] },
  { name: "Samordningsförbundet Älvbygd", kind: "partnership_office", partnerships: ["alvbygd"] },
];

export interface DemoUser {
  email: string;
  name: string;
  organisation: string;
  roles: { role: Role; partnership?: DemoPartnership }[];
}

export const DEMO_USERS: DemoUser[] = [
  {
    email: "admin@demo.samsyn.se",
    name: "Alva Admin",
    organisation: "Sjöstads kommun – Socialtjänsten",
    roles: [{ role: "admin" }],
  },
  {
    email: "anna.handlaggare@demo.samsyn.se",
    name: "Anna Handläggare",
    organisation: "Sjöstads kommun – Socialtjänsten",
    roles: [{ role: "caseworker" }],
  },
  {
    email: "erik.granskare@demo.samsyn.se",
    name: "Erik Granskare",
    organisation: "Sjöstads kommun – Socialtjänsten",
    roles: [{ role: "auditor" }],
  },
  {
    email: "omar.coach@demo.samsyn.se",
    name: "Omar Coach",
    organisation: "Sjöstads kommun – Arbetsmarknadsenheten",
    roles: [{ role: "caseworker" }],
  },
  {
    email: "maria.vux@demo.samsyn.se",
    name: "Maria Vux",
    organisation: "Sjöstads kommun – Vuxenutbildningen",
    roles: [{ role: "caseworker" }],
  },
  {
    email: "lena.af@demo.samsyn.se",
    name: "Lena Arbetsförmedlare",
    organisation: "Arbetsförmedlingen Sjöstad",
    roles: [{ role: "caseworker" }],
  },
  {
    email: "henrik.psykiatri@demo.samsyn.se",
    name: "Henrik Psykiatri",
    organisation: "Region Sjöland – Vuxenpsykiatrin",
    roles: [{ role: "caseworker" }],
  },
  {
    email: "per.kontakt@demo.samsyn.se",
    name: "Per Kontakt",
    organisation: "Arbetsförmedlingen Sjöstad",
    roles: [{ role: "contact" }],
  },
  {
    email: "karin.samordnare@demo.samsyn.se",
    name: "Karin Samordnare",
    organisation: "Samordningsförbundet Sjöstad – kansliet",
    roles: [{ role: "coordinator", partnership: "sjostad" }],
  },
  {
    email: "sara.styrgrupp@demo.samsyn.se",
    name: "Sara Styrgrupp",
    organisation: "Sjöstads kommun – Socialtjänsten",
    roles: [{ role: "steering", partnership: "sjostad" }],
  },
  {
    // Handles routine deviations about the social services' own routines (issue 17).
    email: "mats.chef@demo.samsyn.se",
    name: "Mats Chef",
    organisation: "Sjöstads kommun – Socialtjänsten",
    roles: [{ role: "manager" }],
  },
  {
    email: "gun.chef@demo.samsyn.se",
    name: "Gun Chef",
    organisation: "Älvbygds kommun – Socialtjänsten",
    roles: [{ role: "manager" }],
  },
  {
    email: "jonas.samordnare@demo.samsyn.se",
    name: "Jonas Samordnare",
    organisation: "Samordningsförbundet Älvbygd",
    roles: [{ role: "coordinator", partnership: "alvbygd" }],
  },
];

/**
 * Creates the partnerships, organisations and users of the cast through the app's own commands,
 * as an admin would. Every demo user gets DEMO_PASSWORD.
 */
export async function seedDemoCast(db: DB): Promise<void> {
  // One hash for the shared password; the same parameters as the app.
  const hash = await hashPassword(DEMO_PASSWORD);
  const partnershipIds = new Map<DemoPartnership, string>();
  for (const [key, name] of Object.entries(DEMO_PARTNERSHIPS) as [DemoPartnership, string][]) {
    const created = await createPartnership(db, SYSTEM_ACTOR, {
      name,
      answerDays: 30,
      suppressionK: 3,
      overdueActionDays: 14,
    });
    partnershipIds.set(key, seeded(created, name).id);
  }
  // Migration tests seed a database migrated only up to their own step, before 0016 added TOTP keys.
  const hasTotp = (await db.introspection.getTables()).some((t) => t.name === "totp_credentials");
  const organisationIds = new Map<string, string>();
  for (const org of DEMO_ORGANISATIONS) {
    const created = await createOrganisation(db, SYSTEM_ACTOR, {
      name: org.name,
      kind: org.kind,
      partnershipIds: org.partnerships.map((p) => partnershipIds.get(p)!),
    });
    organisationIds.set(org.name, seeded(created, org.name).id);
  }
  for (const user of DEMO_USERS) {
    const created = await createUserWithPassword(
      db,
      SYSTEM_ACTOR,
      { name: user.name, email: user.email, organisationId: organisationIds.get(user.organisation)! },
      { hash },
    );
    const { id } = seeded(created, user.email);
    for (const grant of user.roles) {
      const partnershipId = grant.partnership ? partnershipIds.get(grant.partnership)! : null;
      seeded(await grantRole(db, SYSTEM_ACTOR, id, grant.role, partnershipId), user.email);
    }
    const totpKey = DEMO_TOTP_KEYS[user.email];
    if (totpKey && hasTotp) await enrolKnownKey(db, id, totpKey);
  }
}

function seeded<T>(result: { ok: true; value: T } | { ok: false; error: string }, what: string): T {
  if (!result.ok) throw new Error(`The demo cast could not be created: ${what} (${result.error})`);
  return result.value;
}
