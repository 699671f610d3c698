// The plan page's overview: what is read every day, with editing one section at a time.
const planPage = {
  goalHeading: "Mål och behov",
  noGoal: "Inget mål är skrivet ännu.",
  noNeeds: "Inga behov är beskrivna ännu.",
  editGoal: "Ändra mål och behov",
  whoDoesWhat: "Vem gör vad",
  byPersonGroup: "Det här gör {{name}} själv",
  byPersonField: "Personen gör det här själv",
  byPersonHelp: "Till exempel att söka tre jobb i veckan. Det står under ”Det här gör jag själv” i Min plan.",
  myPlanSelf: "Det här gör jag själv",
  myPlanNextPassed: "Uppföljningen var planerad till {{date}}. Din kontaktperson hör av sig om en ny tid.",
  editActions: "Lägg till eller ändra insatser",
  responsible: "Ansvarig: {{name}}",
  due: "Klart senast {{date}}",
  followUpsLatest: "Senaste uppföljningarna",
  allFollowUps: "Visa alla uppföljningar ({{count}})",
  notesLatest: "Senaste anteckningarna",
  writeNote: "Skriv en anteckning",
  allNotes: "Visa alla anteckningar ({{count}})",
  editTeam: "Ändra teamet",
  editPerson: "Ändra personuppgifter",
  consentNone: "Inget samtycke är dokumenterat.",
  consentLine: "{{state}} {{from}}–{{until}} för {{organisations}}",
  consentLeadOnly: "gäller planeringsansvarig organisation",
  showConsents: "Visa samtycken",
  editConsents: "Visa och dokumentera samtycken",
  closePlan: "Avsluta planen …",
  closeWhatFollows:
    "När planen avslutas kan ingen längre ändra den, och påminnelserna om den upphör. Teamet kan fortfarande läsa den tills den gallras.",
  showHistory: "Visa planens historik",
  backToOverview: "Tillbaka till översikten",
  removeTitle: "Ta bort {{name}} ur teamet?",
  removeWhatFollows:
    "{{name}} förlorar åtkomsten till planen direkt och får inga fler påminnelser om den. Du kan lägga till personen igen senare.",
  removeSelf: "Du förlorar själv åtkomsten till planen direkt och kommer tillbaka till listan över planer.",
  removeConfirm: "Ja, ta bort ur teamet",
  withdrawWhatFollows:
    "När samtycket återkallas får organisationerna det gällde inte längre ta del av planen, och deras medarbetare i teamet markeras som inte täckta.",
};

export default planPage;
