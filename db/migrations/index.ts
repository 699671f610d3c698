import type { Migration } from "kysely";
import * as m0001 from "./0001_organisations_and_users";
import * as m0002 from "./0002_sessions_and_login_attempts";
import * as m0003 from "./0003_audit_events";
import * as m0004 from "./0004_persons_plans_consents";
import * as m0005 from "./0005_meetings";
import * as m0006 from "./0006_deviations";
import * as m0007 from "./0007_summaries";
import * as m0008 from "./0008_summary_speed";
import * as m0009 from "./0009_person_details_per_plan";
import * as m0010 from "./0010_audit_chain";
import * as m0011 from "./0011_login_throttle_and_password_links";
import * as m0012 from "./0012_snapshot_retraction";
import * as m0013 from "./0013_enum_checks";
import * as m0015 from "./0015_retention";
import * as m0016 from "./0016_identity_and_second_factor";
import * as m0017 from "./0017_routine_deviations_to_managers";
import * as m0018 from "./0018_outcomes_partnership_kind_escalation";
import * as m0020 from "./0020_page_speed";
import * as m0021 from "./0021_scheduler_and_reminders";
import * as m0022 from "./0022_breakdowns_cadence_progression";
import * as m0027 from "./0027_inbox_counts";
import * as m0028 from "./0028_daily_work";
import * as m0029 from "./0029_improvement_register";
import * as m0030 from "./0030_actions_by_the_person";

/**
 * Listed explicitly (not read from disk) so the same migrations run from the
 * scripts, the tests and the bundled server.
 */
export const migrations: Record<string, Migration> = {
  "0001_organisations_and_users": m0001,
  "0002_sessions_and_login_attempts": m0002,
  "0003_audit_events": m0003,
  "0004_persons_plans_consents": m0004,
  "0005_meetings": m0005,
  "0006_deviations": m0006,
  "0007_summaries": m0007,
  "0008_summary_speed": m0008,
  "0009_person_details_per_plan": m0009,
  "0010_audit_chain": m0010,
  "0011_login_throttle_and_password_links": m0011,
  "0012_snapshot_retraction": m0012,
  "0013_enum_checks": m0013,
  "0015_retention": m0015,
  "0016_identity_and_second_factor": m0016,
  "0017_routine_deviations_to_managers": m0017,
  "0018_outcomes_partnership_kind_escalation": m0018,
  "0020_page_speed": m0020,
  "0021_scheduler_and_reminders": m0021,
  "0022_breakdowns_cadence_progression": m0022,
  "0027_inbox_counts": m0027,
  "0028_daily_work": m0028,
  "0029_improvement_register": m0029,
  "0030_actions_by_the_person": m0030,
};
