// Linking an identity at a provider to a Samsyn user the admin created beforehand. No
// self-registration: an identity without a link is refused at sign-in.
import type { DB } from "#db/client.server";
import { nowIso } from "#db/portable";
import type { Actor } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";

export async function linkIdentity(
  db: DB,
  actor: Actor,
  input: { userId: string; issuer: string; subject: string },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("identity_links")
      .values({ issuer: input.issuer, subject: input.subject, user_id: input.userId, created_at: nowIso() })
      .onConflict((oc) => oc.columns(["issuer", "subject"]).doUpdateSet({ user_id: input.userId }))
      .execute();
    await audit(trx, { actor, action: "user.link_identity", recordType: "user", recordId: input.userId });
  });
}
