// What a period summary shows of the improvement register, as stored in a frozen snapshot.
// Isomorphic: types only, so components may import it.
import type { Cell } from "~/features/summaries/suppression";

export interface RegisterItem {
  title: string;
  ownerOrganisationName: string;
  dueDate: string;
  /** Still open past its due date at the summary's reference date. */
  overdue: boolean;
}

export interface DoneItem {
  title: string;
  ownerOrganisationName: string;
  /** The Stockholm date it was marked done. */
  doneOn: string;
  categories: string[];
  /** Deviations in its categories per period, from the one it was done in to the summary's; suppressed. */
  trend: { key: string; label: string; n: Cell }[];
}

export interface ImprovementRegisterFigures {
  /** The date the register is read at: the period's end, or today while the period runs. */
  asOf: string;
  open: number;
  overdue: number;
  doneInPeriod: number;
  droppedInPeriod: number;
  /** Open at the reference date, overdue first, then by due date. */
  openItems: RegisterItem[];
  /** Done by the reference date, newest first. */
  done: DoneItem[];
}
