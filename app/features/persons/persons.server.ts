// Persons are unique by identity number, but visible only through a plan the user may see
// (app/features/access). Nothing here lists or searches persons on its own.
import type { DB } from "#db/client.server";
import { fromBool, newId, nowIso, toBool } from "#db/portable";

export interface PersonInput {
  identityNumber: string;
  name: string;
  protectedIdentity: boolean;
  address?: string;
  phone?: string;
  email?: string;
}

/**
 * The person with this identity number, created if new. An existing person is linked
 * silently: the caller learns nothing about other plans. Protected identity is never
 * lifted here, and while it holds no address or contact details are stored.
 */
export async function upsertPerson(trx: DB, input: PersonInput): Promise<{ id: string; created: boolean }> {
  const existing = await trx
    .selectFrom("persons")
    .select(["id", "protected_identity"])
    .where("identity_number", "=", input.identityNumber)
    .executeTakeFirst();
  const isProtected = input.protectedIdentity || fromBool(existing?.protected_identity);
  const contact = isProtected
    ? { address: null, phone: null, email: null }
    : { address: input.address || null, phone: input.phone || null, email: input.email || null };
  const now = nowIso();
  if (existing) {
    await trx
      .updateTable("persons")
      .set({
        name: input.name,
        protected_identity: toBool(isProtected),
        ...(isProtected ? contact : Object.fromEntries(Object.entries(contact).filter(([, v]) => v !== null))),
        updated_at: now,
      })
      .where("id", "=", existing.id)
      .execute();
    return { id: existing.id, created: false };
  }
  const id = newId();
  await trx
    .insertInto("persons")
    .values({
      id,
      identity_number: input.identityNumber,
      name: input.name,
      protected_identity: toBool(isProtected),
      ...contact,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, created: true };
}

export async function updatePersonDetails(
  trx: DB,
  personId: string,
  input: { name: string; protectedIdentity: boolean; address?: string; phone?: string; email?: string },
): Promise<void> {
  const contact = input.protectedIdentity
    ? { address: null, phone: null, email: null }
    : { address: input.address || null, phone: input.phone || null, email: input.email || null };
  await trx
    .updateTable("persons")
    .set({ name: input.name, protected_identity: toBool(input.protectedIdentity), ...contact, updated_at: nowIso() })
    .where("id", "=", personId)
    .execute();
}
