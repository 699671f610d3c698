// The start page: each role's work queue. A page query composing the features' own reads.
import type { DB } from "#db/client.server";
import type { CurrentUser } from "~/features/access/current-user";
import { can } from "~/features/access/policy";
import { meetingsStart } from "~/features/meetings/start.server";
import { caseworkerStart } from "~/features/plans/start.server";
import { workQueues } from "./queues.server";

export async function startPage(db: DB, user: CurrentUser) {
  const isCaseworker = can(user, "plans:work");
  return {
    name: user.name,
    isAdmin: can(user, "admin:manage"),
    work: isCaseworker ? await caseworkerStart(db, user) : null,
    meetings: isCaseworker ? await meetingsStart(db, user) : null,
    queues: await workQueues(db, user),
  };
}
