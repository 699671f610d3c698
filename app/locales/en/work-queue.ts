// The start page's work queues: what waits for each role, most urgent first.
const enWorkQueue = {
  titles: {
    caseworker: "Consents to renew",
    coordinator: "To do as coordinator",
    contact: "Cases to answer",
    steering: "New for the steering group",
    auditor: "Log review",
    admin: "To fix as administrator",
  },
  empty: {
    caseworker: "No consent ends before the next follow-up or meeting. Plans whose consent ends too early appear here.",
    coordinator:
      "Nothing is waiting. New cases, reporters' replies, overdue answers per party, cases for the next steering meeting and periods to freeze appear here.",
    contact: "No case is waiting for your organisation's answer. Cases to answer appear here, overdue ones first.",
    steering: "Nothing new since your last visit. Shared summaries, published cases and the next meeting appear here.",
    admin: "Nothing to fix. Users without a role and e-mail that could not be sent appear here.",
  },
  auditorIntro: "Review who read and changed personal data in your organisation, and check that the log is intact.",
  items: {
    consentEndsFirst: "{{kind}}: the consent is valid until {{date}}, but the next follow-up or meeting is {{next}}",
    newCases_one: "new case to receive",
    newCases_other: "new cases to receive",
    replies_one: "reply from a reporter to read",
    replies_other: "replies from reporters to read",
    answersOverdue_one: "overdue answer from {{organisation}}",
    answersOverdue_other: "overdue answers from {{organisation}}",
    answersDueThisWeek_one: "answer from {{organisation}} due within a week",
    answersDueThisWeek_other: "answers from {{organisation}} due within a week",
    onAgenda_one: "case for the steering meeting on {{date}}",
    onAgenda_other: "cases for the steering meeting on {{date}}",
    readyToFreeze: "{{period}} has ended and can be frozen for the steering group",
    caseToAnswer: "Case {{number}}: answer by {{date}}",
    caseOverdue: "Case {{number}}: was due {{date}}",
    summariesReleased_one: "summary has been shared with the steering group",
    summariesReleased_other: "summaries have been shared with the steering group",
    casesPublished_one: "case has been published for the steering group",
    casesPublished_other: "cases have been published for the steering group",
    nextMeeting: "Next steering meeting: {{date}}",
    mailFailed_one: "e-mail could not be sent",
    mailFailed_other: "e-mails could not be sent",
    usersWithoutRole_one: "user has no role",
    usersWithoutRole_other: "users have no role",
    reviewLog: "Review the log",
    verifyChain: "Check that the log is intact",
  },
} as const;

export default enWorkQueue;
