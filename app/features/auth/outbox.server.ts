// The admin's view of e-mail kept in the outbox. Admins see what was sent to whom, but never the
// body of a message that carries a link meant for its recipient alone (docs/decisions/0013).
import type { DB } from "#db/client.server";
import { actorOf, type CurrentUser } from "~/features/access/current-user";
import { audit } from "~/features/audit/audit.server";
import { listOutbox } from "~/lib/mail.server";

export async function adminOutbox(db: DB, admin: CurrentUser, page: number) {
  const result = await listOutbox(db, page);
  await audit(db, { actor: actorOf(admin), action: "outbox.read", recordType: "outbox", details: { page } });
  return result;
}
