import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here.
//
// Until now a person's name and contact details lived on the shared `persons` row, so a plan
// created for an existing identity number showed what another organisation had recorded and
// overwrote it (issue 11). From here the identity number (and the protected-identity status,
// which belongs to it) is all plans share; name and contact details move to one row per plan
// (docs/decisions/0010-person-identity-shared-details-per-plan.md).
//
// Existing values are handed to the plan whose team wrote them. The plans' own creation (every
// creation wrote the person) and their "person.update" history entries tell who wrote last; a
// value goes to the plan it was written on and to other plans led by the writer's organisation,
// never to another organisation's plan. A value no history can attribute to a single organisation
// goes nowhere: the plan shows an empty field its team can fill in, rather than another
// organisation's data.

interface Write {
  planId: string;
  organisationId: string;
  userId: string;
  at: string;
  /** "create" for a plan's creation, "update" for a saved person form. */
  kind: "create" | "update";
  /** Only for updates: what the form said about protected identity. */
  protectedIdentity?: boolean;
}

const CONTACT = ["address", "phone", "email"] as const;

interface Details {
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("plan_person_details")
    .addColumn("plan_id", "text", (c) => c.primaryKey().references("plans.id").onDelete("cascade"))
    .addColumn("person_id", "text", (c) => c.notNull().references("persons.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("address", "text")
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("plan_person_details_person_idx").on("plan_person_details").column("person_id").execute();
  // The personal-data guard looks full names up case-insensitively (it did so on persons before).
  await db.schema
    .createIndex("plan_person_details_lower_name_idx")
    .on("plan_person_details")
    .expression(sql`lower(name)`)
    .execute();

  await db.schema.alterTable("persons").addColumn("protected_at", "text").execute();
  await db.schema
    .alterTable("persons")
    .addColumn("protected_by", "text", (c) => c.references("users.id"))
    .execute();
  await db.schema
    .alterTable("persons")
    .addColumn("protected_by_organisation_id", "text", (c) => c.references("organisations.id"))
    .execute();
  await db.schema
    .alterTable("persons")
    .addColumn("protected_plan_id", "text", (c) => c.references("plans.id").onDelete("set null"))
    .execute();

  await moveDetailsToPlans(db);

  await db.schema.dropIndex("persons_lower_name_idx").ifExists().execute();
  for (const column of ["name", ...CONTACT]) await db.schema.alterTable("persons").dropColumn(column).execute();
}

async function moveDetailsToPlans(db: Kysely<any>): Promise<void> {
  const persons: {
    id: string;
    name: string;
    address: string | null;
    phone: string | null;
    email: string | null;
    protected_identity: number;
  }[] = await db
    .selectFrom("persons")
    .select(["id", "name", "address", "phone", "email", "protected_identity"])
    .execute();
  const plans: {
    id: string;
    person_id: string;
    lead_organisation_id: string;
    created_by: string;
    created_at: string;
  }[] = await db
    .selectFrom("plans")
    .select(["id", "person_id", "lead_organisation_id", "created_by", "created_at"])
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  const updates: {
    plan_id: string;
    user_id: string;
    organisation_id: string;
    occurred_at: string;
    after: string | null;
  }[] = await db
    .selectFrom("plan_history")
    .innerJoin("users", "users.id", "plan_history.user_id")
    .select([
      "plan_history.plan_id",
      "plan_history.user_id",
      "users.organisation_id",
      "plan_history.occurred_at",
      "plan_history.after",
    ])
    .where("plan_history.change", "=", "person.update")
    .orderBy("plan_history.occurred_at")
    .orderBy("plan_history.id")
    .execute();

  const plansOf = new Map<string, typeof plans>();
  for (const plan of plans) plansOf.set(plan.person_id, [...(plansOf.get(plan.person_id) ?? []), plan]);
  const personOf = new Map(plans.map((p) => [p.id, p.person_id]));
  const writesOf = new Map<string, Write[]>();
  const add = (personId: string, write: Write) => writesOf.set(personId, [...(writesOf.get(personId) ?? []), write]);
  for (const plan of plans) {
    add(plan.person_id, {
      planId: plan.id,
      organisationId: plan.lead_organisation_id,
      userId: plan.created_by,
      at: plan.created_at,
      kind: "create",
    });
  }
  for (const u of updates) {
    const personId = personOf.get(u.plan_id);
    if (!personId) continue;
    const after = u.after ? (JSON.parse(u.after) as { protectedIdentity?: unknown }) : {};
    add(personId, {
      planId: u.plan_id,
      organisationId: u.organisation_id,
      userId: u.user_id,
      at: u.occurred_at,
      kind: "update",
      protectedIdentity: after.protectedIdentity === true,
    });
  }

  for (const person of persons) {
    const own = plansOf.get(person.id) ?? [];
    if (own.length === 0) continue;
    // A creation and a save in the same millisecond: the creation came first.
    const writes = (writesOf.get(person.id) ?? []).sort((a, b) =>
      a.at === b.at ? (a.kind === b.kind ? 0 : a.kind === "create" ? -1 : 1) : a.at < b.at ? -1 : 1,
    );
    const isProtected = person.protected_identity === 1;
    const details = new Map<string, Details>(
      own.map((p) => [p.id, { name: "", address: null, phone: null, email: null }]),
    );
    /** Applies a value to the plans it was written on and to plans the writer's organisation leads. */
    const give = (organisationId: string, writtenOn: Set<string>, apply: (d: Details) => void) => {
      for (const plan of own) {
        if (writtenOn.has(plan.id) || plan.lead_organisation_id === organisationId) apply(details.get(plan.id)!);
      }
    };

    // Every creation and every saved form wrote the name: the last writer's value is theirs.
    const last = writes.at(-1)!;
    give(last.organisationId, new Set([last.planId]), (d) => (d.name = person.name));

    // Contact details: the first creation and every saved form wrote all of them; a later
    // creation for the same number wrote only those it was given. Anything written since the
    // last full write may come from any plan written since then.
    if (!isProtected) {
      let full = 0;
      for (const [i, w] of writes.entries()) if (w.kind === "update") full = i;
      const since = writes.slice(full);
      const organisations = new Set(since.map((w) => w.organisationId));
      if (organisations.size === 1) {
        const writtenOn = new Set(since.map((w) => w.planId));
        give(since[0].organisationId, writtenOn, (d) => {
          for (const field of CONTACT) d[field] = person[field];
        });
      }
    }

    for (const [planId, d] of details) {
      await db
        .insertInto("plan_person_details")
        .values({ plan_id: planId, person_id: person.id, ...d, updated_at: new Date().toISOString() })
        .execute();
    }

    if (isProtected) {
      const marker = protectionMarker(writes);
      if (marker) {
        await db
          .updateTable("persons")
          .set({
            protected_at: marker.at,
            protected_by: marker.userId,
            protected_by_organisation_id: marker.organisationId,
            protected_plan_id: marker.planId,
          })
          .where("id", "=", person.id)
          .execute();
      }
    }
  }
}

/**
 * Who made the identity protected: the save that ticked it (with no later save unticking it), or
 * else the plan created with it ticked, when only one organisation created plans for it.
 */
function protectionMarker(writes: Write[]): Write | undefined {
  let marker: Write | undefined;
  for (const w of writes) {
    if (w.kind !== "update") continue;
    if (!w.protectedIdentity) marker = undefined;
    else marker ??= w;
  }
  if (marker) return marker;
  const creations = writes.filter((w) => w.kind === "create");
  return new Set(creations.map((w) => w.organisationId)).size === 1 ? creations[0] : undefined;
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("persons")
    .addColumn("name", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  for (const column of CONTACT) await db.schema.alterTable("persons").addColumn(column, "text").execute();

  // The shared row can hold only one plan's details again: the most recently saved ones.
  const rows: {
    person_id: string;
    name: string;
    address: string | null;
    phone: string | null;
    email: string | null;
    protected_identity: number;
  }[] = await db
    .selectFrom("plan_person_details")
    .innerJoin("persons", "persons.id", "plan_person_details.person_id")
    .select([
      "plan_person_details.person_id",
      "plan_person_details.name",
      "plan_person_details.address",
      "plan_person_details.phone",
      "plan_person_details.email",
      "persons.protected_identity",
    ])
    .where("plan_person_details.name", "!=", "")
    .orderBy("plan_person_details.updated_at")
    .execute();
  const latest = new Map(rows.map((r) => [r.person_id, r]));
  for (const [personId, r] of latest) {
    const hidden = r.protected_identity === 1;
    await db
      .updateTable("persons")
      .set({
        name: r.name,
        address: hidden ? null : r.address,
        phone: hidden ? null : r.phone,
        email: hidden ? null : r.email,
      })
      .where("id", "=", personId)
      .execute();
  }
  await db.schema
    .createIndex("persons_lower_name_idx")
    .on("persons")
    .expression(sql`lower(name)`)
    .execute();

  for (const column of ["protected_plan_id", "protected_by_organisation_id", "protected_by", "protected_at"]) {
    await db.schema.alterTable("persons").dropColumn(column).execute();
  }
  await db.schema.dropTable("plan_person_details").execute();
}
