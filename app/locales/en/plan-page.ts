import type { TranslationShape } from "../resources";
import type sv from "../sv/plan-page";

const planPage: TranslationShape<typeof sv> = {
  goalHeading: "Goal and needs",
  noGoal: "No goal has been written yet.",
  noNeeds: "No needs have been described yet.",
  editGoal: "Edit goal and needs",
  whoDoesWhat: "Who does what",
  byPersonGroup: "What {{name}} does themself",
  byPersonField: "The person does this themself",
  byPersonHelp: "For example applying for three jobs a week. It appears under “What I do myself” in My plan.",
  myPlanSelf: "What I do myself",
  myPlanNextPassed: "The follow-up was planned for {{date}}. Your contact person will get in touch about a new time.",
  editActions: "Add or change actions",
  responsible: "Responsible: {{name}}",
  due: "Due {{date}}",
  followUpsLatest: "Latest follow-ups",
  allFollowUps: "Show every follow-up ({{count}})",
  notesLatest: "Latest notes",
  writeNote: "Write a note",
  allNotes: "Show every note ({{count}})",
  editTeam: "Change the team",
  editPerson: "Edit personal details",
  consentNone: "No consent has been recorded.",
  consentLine: "{{state}} {{from}}–{{until}} for {{organisations}}",
  consentLeadOnly: "applies to the lead organisation",
  showConsents: "Show consents",
  editConsents: "Show and record consents",
  closePlan: "Close the plan …",
  closeWhatFollows:
    "Once the plan is closed nobody can change it, and its reminders stop. The team can still read it until it is purged.",
  showHistory: "Show the plan's history",
  backToOverview: "Back to the overview",
  removeTitle: "Remove {{name}} from the team?",
  removeWhatFollows:
    "{{name}} loses access to the plan at once and gets no more reminders about it. You can add them again later.",
  removeSelf: "You lose access to the plan yourself at once and return to the list of plans.",
  removeConfirm: "Yes, remove from the team",
  withdrawWhatFollows:
    "Once the consent is withdrawn, the organisations it named may no longer take part in the plan, and their staff on the team are marked as not covered.",
};

export default planPage;
