// The start page's work queues: what waits for each role, most urgent first.
const svWorkQueue = {
  titles: {
    caseworker: "Samtycken att förnya",
    manager: "Rutinavvikelser i din organisation",
    coordinator: "Att göra som samordnare",
    contact: "Ärenden att besvara",
    steering: "Nytt för styrgruppen",
    auditor: "Logggranskning",
    admin: "Att åtgärda som administratör",
  },
  empty: {
    caseworker:
      "Inga samtycken upphör före nästa uppföljning eller möte. Här visas planer där samtycket tar slut för tidigt.",
    manager: "Inga rutinavvikelser väntar. Här visas anmälningar om att den egna organisationens rutiner inte följdes.",
    coordinator:
      "Inget väntar just nu. Här visas nya ärenden, svar från anmälare, försenade svar per part, ärenden till nästa styrgruppsmöte och perioder att frysa.",
    contact: "Inga ärenden väntar på din organisations svar. Här visas ärenden att besvara, de försenade först.",
    steering:
      "Inget nytt sedan ditt förra besök. Här visas sammanställningar som delats och ärenden som publicerats, och nästa möte.",
    admin: "Inget att åtgärda. Här visas användare utan roll och e-post som inte kunde skickas.",
  },
  auditorIntro: "Granska vem som läst och ändrat personuppgifter i din organisation och kontrollera att loggen är hel.",
  items: {
    consentEndsFirst: "{{kind}}: samtycket gäller till {{date}}, men nästa uppföljning eller möte är {{next}}",
    routineNew_one: "ny rutinavvikelse att ta emot",
    routineNew_other: "nya rutinavvikelser att ta emot",
    routineInReview_one: "rutinavvikelse under beredning",
    routineInReview_other: "rutinavvikelser under beredning",
    newCases_one: "nytt ärende att ta emot",
    newCases_other: "nya ärenden att ta emot",
    replies_one: "svar från anmälare att läsa",
    replies_other: "svar från anmälare att läsa",
    answersOverdue_one: "försenat svar från {{organisation}}",
    answersOverdue_other: "försenade svar från {{organisation}}",
    answersDueThisWeek_one: "svar från {{organisation}} ska komma inom en vecka",
    answersDueThisWeek_other: "svar från {{organisation}} ska komma inom en vecka",
    onAgenda_one: "ärende till styrgruppens möte {{date}}",
    onAgenda_other: "ärenden till styrgruppens möte {{date}}",
    readyToFreeze: "{{period}} är slut och kan frysas för styrgruppen",
    caseToAnswer: "Ärende {{number}}: svara senast {{date}}",
    caseOverdue: "Ärende {{number}}: skulle ha besvarats {{date}}",
    summariesReleased_one: "sammanställning har delats med styrgruppen",
    summariesReleased_other: "sammanställningar har delats med styrgruppen",
    casesPublished_one: "ärende har publicerats för styrgruppen",
    casesPublished_other: "ärenden har publicerats för styrgruppen",
    nextMeeting: "Nästa styrgruppsmöte: {{date}}",
    mailFailed_one: "e-postmeddelande kunde inte skickas",
    mailFailed_other: "e-postmeddelanden kunde inte skickas",
    usersWithoutRole_one: "användare saknar roll",
    usersWithoutRole_other: "användare saknar roll",
    reviewLog: "Granska loggen",
    verifyChain: "Kontrollera att loggen är hel",
  },
} as const;

export default svWorkQueue;
