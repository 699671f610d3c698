// What a period summary holds once suppressed: the shape stored in a frozen snapshot, shown on
// the page and written to CSV. Isomorphic: types only, so components may import it.
import type { ImprovementRegisterFigures } from "~/features/improvements/register-figures";
import type { Period } from "./periods";
import type { Cell } from "./suppression";

export interface Row {
  key: string;
  /** Only for rows whose key is not a code the UI translates (organisation names). */
  label?: string;
  n: Cell;
}

export interface Table {
  rows: Row[];
  total: Cell;
}

export interface SummaryFigures {
  k: number;
  period: Period;
  previous: Period;
  lastYear: Period;
  computedAt: string;
  /** The improvement register (absent in snapshots frozen before migration 0029). */
  improvementRegister?: ImprovementRegisterFigures;
  deviations: {
    count: Cell;
    previousCount: Cell;
    lastYearCount: Cell;
    byCategory: Table;
    byParty: Table;
    byConsequence: Table;
    byKind: Table;
    statusAtEnd: Table;
    medianDaysToFirstAnswer: number | null;
    medianDaysToClose: number | null;
    shareAnsweredInTime: number | null;
    escalations: Table;
    improvements: { number: number; summary: string }[];
    /** Routine cases by category and by kind of organisation (absent in snapshots frozen before issue 17). */
    routineByCategory?: Table;
    routineByOrganisationKind?: Table;
  };
  plans: {
    created: Cell;
    activeAtEnd: Cell;
    closed: Cell;
    byKind: Table;
    organisationKinds: Table;
    followUpsDone: Cell;
    followUpsOnTime: Cell;
    shareFollowUpsOnTime: number | null;
    closedByOutcome: Table;
    shareWorkOrStudies: number | null;
    activeOver24Months: Cell;
    /** Closed in the period after more than 24 months active, and their share of the closed (Kolada's form). */
    endedOver24Months?: Cell;
    shareEndedOver24Months?: number | null;
    /** By age band and legal gender, from the identity number (absent in snapshots frozen before migration 0022). */
    breakdowns?: Breakdowns;
    /** Follow-up cadence against the partnership's longest interval (absent before migration 0022). */
    cadence?: {
      intervalMonths: number;
      overdueAtEnd: Cell;
      followedUpWithin: Cell;
      shareFollowedUpWithin: number | null;
    };
    /** Persons with a step forward on the progression scale (absent before migration 0022). */
    progression?: { persons: Cell; steppedForward: Cell; shareSteppedForward: number | null };
  };
  meetings: {
    held: Cell;
    medianDaysSummonsToMeeting: number | null;
    /** Summoned staff invitees by kind of organisation, and how many of them attended. */
    summonedByKind: Table;
    attendedByKind: Table;
    shareSummonedAttended: number | null;
  };
  trend: { key: string; label: string; deviations: Cell; newPlans: Cell }[];
}

/** Plans by the person's age band at period end and legal gender; actions by insats type and organisation kind. */
export interface Breakdowns {
  createdByAge: Table;
  createdByGender: Table;
  activeByAge: Table;
  activeByGender: Table;
  closedByAge: Table;
  closedByGender: Table;
  /** Keys "<organisation kind>/<insats type>"; the label is the type's name ("" when none was chosen). */
  actionsByKindAndType: Table;
}
