// Notifications, reminders and the e-mail choices. A notification names what it is about by
// number or kind, never by the person's name.
const enNotifications = {
  title: "Notifications",
  empty: "You have no notifications. New cases, summonses, answers and reminders appear here as they arrive.",
  markRead: "Mark all as read",
  markOneRead: "Mark as read",
  unread: "{{count}} unread",
  unreadLabel: "Unread",
  open: "Open",
  today: "Today",
  yesterday: "Yesterday",
  subject: {
    deviation: "Case {{ref}}",
    plan: "Plan ({{ref}})",
    meeting: "Meeting",
  },
  due: {
    "reminder.answer_due": "Answer by {{date}}",
    "reminder.answer_overdue": "Was due {{date}}",
    "reminder.follow_up_passed": "The follow-up was due {{date}}",
    "reminder.summons_unanswered": "The meeting is on {{date}}",
    "reminder.consent_ending": "The consent is valid until {{date}}",
    deviation: "Answer by {{date}}",
    plan: "Next follow-up {{date}}",
    meeting: "Meeting on {{date}}",
  },
  kinds: {
    improvement: {
      recorded: "An improvement your organisation owns has been recorded.",
    },
    meeting: {
      summons: "You are summoned to a meeting",
      invitation: "You are invited to a meeting",
      rescheduled: "A meeting has a new time or place",
      cancelled: "A meeting is cancelled",
      declined: "Someone declined your meeting",
    },
    deviation: {
      submitted: "A new deviation has been reported.",
      in_review: "Your report is being reviewed.",
      question: "The coordinator has a question about your report.",
      reply: "The reporter has answered your question.",
      routed: "A case has been sent to your organisation for an answer.",
      routed_reporter: "Your report has been sent to the parties concerned.",
      answered: "A party has answered in a case.",
      closed: "Your report is closed. Read the outcome.",
      reopened: "A case has been reopened.",
    },
    reminder: {
      answer_due: "Reminder: a case is waiting for your organisation's answer.",
      answer_overdue: "The answer-by date has passed for a case waiting for your organisation's answer.",
      follow_up_passed: "The follow-up date has passed for a plan you lead.",
      summons_unanswered: "You have not answered a summons to a meeting that is coming up.",
      consent_ending: "A consent in a plan you lead ends soon.",
    },
  },
  settings: {
    title: "E-mail about notifications",
    intro: "Everything you get here is always shown in Samsyn. Choose what should also come by e-mail.",
    kindsLegend: "Send an e-mail when",
    digest: "Send a daily digest at 07:00 (working days) of what is unread",
    save: "Save choices",
    saved: "Your e-mail choices are saved.",
    link: "Choose what comes by e-mail",
    groups: {
      meeting: "Meetings",
      deviation: "Deviations",
      reminder: "Reminders",
    },
  },
  mail: {
    subject: "Samsyn: {{what}}",
    open: "Open in Samsyn: {{url}}",
    footer: "You get this e-mail because you chose it in Samsyn. Change your choices: {{url}}",
    digestSubject: "Samsyn: {{count}} unread notifications",
    digestIntro: "This is waiting for you in Samsyn:",
  },
} as const;

export default enNotifications;
