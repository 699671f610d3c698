// Notifications, reminders and the e-mail choices. A notification names what it is about by
// number or kind, never by the person's name.
const svNotifications = {
  title: "Aviseringar",
  empty: "Du har inga aviseringar. Här visas nya ärenden, kallelser, svar och påminnelser när de kommer.",
  markRead: "Markera alla som lästa",
  markOneRead: "Markera som läst",
  unread: "{{count}} olästa",
  unreadLabel: "Oläst",
  open: "Öppna",
  today: "I dag",
  yesterday: "I går",
  subject: {
    deviation: "Ärende {{ref}}",
    plan: "Plan ({{ref}})",
    meeting: "Möte",
  },
  due: {
    "reminder.answer_due": "Svara senast {{date}}",
    "reminder.answer_overdue": "Skulle ha besvarats {{date}}",
    "reminder.follow_up_passed": "Uppföljningen skulle ha gjorts {{date}}",
    "reminder.summons_unanswered": "Mötet är {{date}}",
    "reminder.consent_ending": "Samtycket gäller till och med {{date}}",
    deviation: "Svar senast {{date}}",
    plan: "Nästa uppföljning {{date}}",
    meeting: "Mötet {{date}}",
  },
  kinds: {
    improvement: {
      recorded: "En förbättring som din organisation äger har registrerats.",
    },
    meeting: {
      summons: "Du är kallad till ett möte",
      invitation: "Du är inbjuden till ett möte",
      rescheduled: "Ett möte har fått ny tid eller plats",
      cancelled: "Ett möte är inställt",
      declined: "Någon har tackat nej till ditt möte",
    },
    deviation: {
      submitted: "En ny avvikelse har anmälts.",
      in_review: "Din anmälan granskas nu.",
      question: "Samordnaren har en fråga om din anmälan.",
      reply: "Anmälaren har svarat på din fråga.",
      routed: "Ett ärende har skickats till din organisation för svar.",
      routed_reporter: "Din anmälan har skickats till de berörda parterna.",
      answered: "En part har svarat i ett ärende.",
      closed: "Din anmälan är avslutad. Läs beskedet.",
      reopened: "Ett ärende har öppnats igen.",
    },
    reminder: {
      answer_due: "Påminnelse: ett ärende väntar på din organisations svar.",
      answer_overdue: "Svarsdatumet har passerat för ett ärende som väntar på din organisations svar.",
      follow_up_passed: "Uppföljningsdatumet har passerat för en plan du leder.",
      summons_unanswered: "Du har inte svarat på en kallelse till ett möte som snart hålls.",
      consent_ending: "Ett samtycke i en plan du leder upphör snart.",
    },
  },
  settings: {
    title: "E-post om aviseringar",
    intro: "Allt du får här syns alltid i Samsyn. Välj vad som också ska komma med e-post.",
    kindsLegend: "Skicka e-post när",
    digest: "Skicka en daglig sammanfattning kl. 07.00 (vardagar) med det som är oläst",
    save: "Spara val",
    saved: "Dina val för e-post är sparade.",
    link: "Välj vad som kommer med e-post",
    groups: {
      meeting: "Möten",
      deviation: "Avvikelser",
      reminder: "Påminnelser",
    },
  },
  mail: {
    subject: "Samsyn: {{what}}",
    open: "Öppna i Samsyn: {{url}}",
    footer: "Du får det här e-postmeddelandet för att du har valt det i Samsyn. Ändra dina val: {{url}}",
    digestSubject: "Samsyn: {{count}} olästa aviseringar",
    digestIntro: "Det här väntar på dig i Samsyn:",
  },
} as const;

export default svNotifications;
