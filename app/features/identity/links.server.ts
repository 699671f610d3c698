// Linking an identity at a provider to a Samsyn user the admin created beforehand. No
// self-registration: an identity without a link is refused at sign-in. An identity already linked
// to another user is refused, never moved: moving it would silently hand that user's sign-in to
// someone else (docs/decisions/0019-e-legitimation-and-second-factor.md).
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import type { Actor } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { fail, ok, type Failure, type Ok } from "~/lib/result";

export interface IdentityInput {
  userId: string;
  issuer: string;
  subject: string;
}

export type LinkFailure = "linked_elsewhere";

/**
 * The one way a link is written, inside the caller's transaction. Linking the same identity to
 * the same user again changes nothing (`created: false`); to another user it is refused and the
 * refusal audited. The conflict is decided by the primary key (issuer, subject), so two admins
 * linking at once cannot both win.
 */
export async function insertIdentityLink(
  trx: DB,
  actor: Actor,
  input: IdentityInput & { provider?: string },
): Promise<Ok<{ created: boolean }> | Failure<LinkFailure>> {
  const inserted = await trx
    .insertInto("identity_links")
    .values({ issuer: input.issuer, subject: input.subject, user_id: input.userId, created_at: nowIso() })
    .onConflict((oc) => oc.columns(["issuer", "subject"]).doNothing())
    .executeTakeFirst();
  const details = { issuer: input.issuer, ...(input.provider ? { provider: input.provider } : {}) };
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    const owner = await trx
      .selectFrom("identity_links")
      .select("user_id")
      .where("issuer", "=", input.issuer)
      .where("subject", "=", input.subject)
      .executeTakeFirst();
    if (owner?.user_id === input.userId) return ok({ created: false });
    await audit(trx, {
      actor,
      action: "user.link_identity",
      recordType: "user",
      recordId: input.userId,
      outcome: "denied",
      details: { ...details, reason: "linked_elsewhere" },
    });
    return fail("linked_elsewhere");
  }
  await audit(trx, { actor, action: "user.link_identity", recordType: "user", recordId: input.userId, details });
  return ok({ created: true });
}

/** The operator's and the demo's way in (no admin page involved): one link, in its own transaction. */
export async function linkIdentity(
  db: DB,
  actor: Actor,
  input: IdentityInput,
): Promise<Ok<{ created: boolean }> | Failure<LinkFailure>> {
  return db.transaction().execute((trx) => insertIdentityLink(trx, actor, input));
}
