// Gallring and the register extract. The rules are named in words, never by paragraph: the new
// Social Services Act renumbers its paragraphs, and each organisation answers for its own rule.
const retention = {
  title: "Gallring",
  intro:
    "Här ser du vad som skulle gallras i dag. Varje organisation ansvarar för det den har dokumenterat och har sina egna regler. Sidan visar bara antal och plannummer, aldrig namn eller personnummer.",
  rulesHeading: "Regler och planer per organisation",
  organisation: "Organisation",
  rule: "Regel",
  due: "Ska gallras",
  researchKept: "Sparas (forskningsundantaget)",
  notYet: "Avslutade, inte gallringsbara än",
  planNumbers: "Plannummer",
  planDue: "{{plan}} – sista anteckning {{lastEntry}}, gallras senast {{goneBy}}",
  ownSetting: "Egen inställning",
  defaultSetting: "Standard för organisationstypen",
  basis: {
    social_services:
      "Socialtjänstens dokumentation gallras {{years}} år efter sista anteckningen, senast vid utgången av året därpå.",
    healthcare:
      "Journaler inom hälso- och sjukvården bevaras enligt patientdatalagen, här {{years}} år efter sista anteckningen.",
    own_decision: "Organisationens egna gallringsregler: {{years}} år efter sista anteckningen.",
  },
  researchRule: "Uppgifter om personer födda den 5, 15 eller 25 i en månad sparas (forskningsundantaget).",
  personRule: "En person finns kvar så länge någon annan plan gäller personen.",
  dataHeading: "Uppgifter som inte hör till en plan",
  dataKind: "Uppgifter",
  period: "Sparas",
  days: "{{count}} dagar",
  pastPeriod: "Ska gallras",
  data: {
    login_attempts: "Inloggningsförsök och deras adresser",
    ended_sessions: "Avslutade sessioner",
    outbox: "E-post i utkorgen",
    read_notifications: "Lästa aviseringar",
  },
  auditNote:
    "Loggen sparas så länge den organisation som har längst tid kräver (standard tio år). Gamla delar tas bort bara vid en kontrollpunkt utanför databasen, av kommandot npm run retention -- --purge.",
  purgeHeading: "Gallra",
  nothingDue: "Inga planer ska gallras i dag.",
  purgeIntro:
    "Gallringen tar bort planerna ovan med allt som dokumenterats i dem, en plan i taget. Avvikelser behåller sin text men förlorar kopplingen till planen. Sammanställningar och loggens händelser finns kvar. Det går inte att ångra.",
  confirmLabel: "Skriv antalet planer som ska gallras ({{count}}) för att bekräfta",
  confirmField: "Antal planer",
  confirmMismatch: "Skriv {{count}}, antalet planer som ska gallras just nu.",
  purge: "Gallra nu",
  purged: "Gallringen är klar. Gallrade planer: {{count}}.",
  total_one: "Totalt {{count}} plan ska gallras.",
  total_other: "Totalt {{count}} planer ska gallras.",
};

export default retention;
