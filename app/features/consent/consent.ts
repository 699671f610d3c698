// A consent as the plan page shows it. Isomorphic: types only.
import type { CONSENT_CATEGORIES, CONSENT_FORMS, CONSENT_GRANTORS } from "#db/schema";
import type { ConsentState } from "~/features/access/access.server";

export type { ConsentState };

export interface ConsentRecord {
  id: string;
  grantor: (typeof CONSENT_GRANTORS)[number];
  childView: string | null;
  categories: (typeof CONSENT_CATEGORIES)[number][];
  purpose: string;
  givenOn: string;
  form: (typeof CONSENT_FORMS)[number];
  documentedByName: string;
  validFrom: string;
  validUntil: string;
  withdrawnAt: string | null;
  withdrawnByName: string | null;
  withdrawalReason: string | null;
  organisations: { id: string; name: string }[];
  state: ConsentState;
}
