// npm run user:create -- --email x@kommun.se --name "Förnamn Efternamn" --org "Organisation" --role admin [--org-kind other]
// Creates a user (and the organisation, if it does not exist yet) and prints a one-time password.
import { parseArgs } from "node:util";
import { closeDb, getDb } from "../db/client.server";
import { migrateToLatest } from "../db/migrate";
import { ORGANISATION_KINDS, ROLES, PARTNERSHIP_ROLES, type OrganisationKind, type Role } from "../db/schema";
import { SYSTEM_ACTOR } from "../app/features/access/current-user";
import { createOrganisation, listAllOrganisations } from "../app/features/organisations/organisations.server";
import { createUserWithOneTimePassword } from "../app/features/users/admin-users.server";

const usage =
  'Usage: npm run user:create -- --email <e-mail> --name "<name>" --org "<organisation>" --role <role> [--role <role>] [--org-kind <kind>]';

async function main() {
  const { values } = parseArgs({
    options: {
      email: { type: "string" },
      name: { type: "string" },
      org: { type: "string" },
      role: { type: "string", multiple: true },
      "org-kind": { type: "string", default: "other" },
    },
  });
  const problems: string[] = [];
  if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email))
    problems.push("--email must be an e-mail address");
  if (!values.name?.trim()) problems.push("--name is required");
  if (!values.org?.trim()) problems.push("--org is required");
  const roles = (values.role ?? []) as Role[];
  if (roles.length === 0) problems.push(`--role is required (one of ${ROLES.join(", ")})`);
  for (const role of roles) {
    if (!ROLES.includes(role)) problems.push(`unknown role ${role} (one of ${ROLES.join(", ")})`);
    if (PARTNERSHIP_ROLES.includes(role)) problems.push(`${role} is held per partnership: grant it in /admin/users`);
  }
  const kind = values["org-kind"] as OrganisationKind;
  if (!ORGANISATION_KINDS.includes(kind)) problems.push(`--org-kind must be one of ${ORGANISATION_KINDS.join(", ")}`);
  if (problems.length > 0) {
    console.error(`${problems.map((p) => `- ${p}`).join("\n")}\n${usage}`);
    process.exit(2);
  }

  const db = getDb();
  await migrateToLatest(db);
  const orgName = values.org!.trim();
  let organisation = (await listAllOrganisations(db)).find((o) => o.name === orgName);
  if (!organisation) {
    const created = await createOrganisation(db, SYSTEM_ACTOR, { name: orgName, kind, partnershipIds: [] });
    if (!created.ok) {
      console.error(`The organisation "${orgName}" could not be created (${created.error}).`);
      process.exit(1);
    }
    organisation = { id: created.value.id, name: orgName, kind };
    console.log(`Created the organisation "${orgName}" (${kind}).`);
  }
  const created = await createUserWithOneTimePassword(db, SYSTEM_ACTOR, {
    name: values.name!.trim(),
    email: values.email!,
    organisationId: organisation.id,
    roles,
  });
  if (!created.ok) {
    console.error(
      created.error === "email_taken"
        ? `A user with the e-mail ${values.email} already exists.`
        : `The user could not be created (${created.error}).`,
    );
    process.exit(1);
  }
  console.log(
    `Created ${values.email} (${roles.join(", ")}).\nOne-time password (shown once; must be changed at first sign-in): ${created.value.oneTimePassword}`,
  );
  await closeDb();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
