import type { TranslationShape } from "../resources";
import type sv from "../sv/retention";

const retention: TranslationShape<typeof sv> = {
  title: "Retention",
  intro:
    "What would be purged today. Each organisation is responsible for what it recorded and has its own rules. This page shows counts and plan numbers only, never names or identity numbers.",
  rulesHeading: "Rules and plans per organisation",
  organisation: "Organisation",
  rule: "Rule",
  due: "Due for purging",
  researchKept: "Kept (research exception)",
  notYet: "Closed, not due yet",
  planNumbers: "Plan numbers",
  planDue: "{{plan}} – last entry {{lastEntry}}, to be gone by {{goneBy}}",
  ownSetting: "Own setting",
  defaultSetting: "Default for the organisation kind",
  basis: {
    social_services:
      "Social services records are purged {{years}} years after the last entry, at the latest by the end of the following year.",
    healthcare: "Healthcare records are kept under the Patient Data Act, here {{years}} years after the last entry.",
    own_decision: "The organisation's own retention rules: {{years}} years after the last entry.",
  },
  researchRule: "Records of persons born on day 5, 15 or 25 of a month are kept (the research exception).",
  personRule: "A person is kept as long as any other plan is about them.",
  dataHeading: "Data not tied to a plan",
  dataKind: "Data",
  period: "Kept for",
  days: "{{count}} days",
  pastPeriod: "Due for purging",
  data: {
    login_attempts: "Login attempts and their addresses",
    ended_sessions: "Ended sessions",
    outbox: "Mail in the outbox",
    read_notifications: "Read notifications",
  },
  auditNote:
    "The audit log is kept as long as the organisation with the longest period requires (ten years by default). Old segments are removed only at a checkpoint kept outside the database, by the command npm run retention -- --purge.",
  purgeHeading: "Purge",
  nothingDue: "No plans are due for purging today.",
  purgeIntro:
    "The purge deletes the plans above and everything recorded in them, one plan at a time. Deviations keep their text but lose the link to the plan. Summaries and the audit log's events are kept. This cannot be undone.",
  confirmLabel: "Type the number of plans to purge ({{count}}) to confirm",
  confirmField: "Number of plans",
  confirmMismatch: "Type {{count}}, the number of plans due right now.",
  purge: "Purge now",
  purged: "The purge is done. Plans purged: {{count}}.",
  total_one: "{{count}} plan is due for purging in all.",
  total_other: "{{count}} plans are due for purging in all.",
};

export default retention;
