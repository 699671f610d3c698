// Texts of the HTTP edge: the short pages that answer requests the app refuses before any route runs.
const platform = {
  refusal: {
    badRequest: {
      title: "Formuläret kunde inte läsas",
      text: "Det som skickades gick inte att läsa som ett formulär. Gå tillbaka till sidan, ladda om den och försök igen.",
    },
    forbidden: {
      title: "Åtgärden är inte tillåten",
      text: "Begäran kom inte från Samsyn och stoppades. Gå till Samsyn och gör om det därifrån.",
    },
    methodNotAllowed: {
      title: "Åtgärden är inte tillåten",
      text: "Samsyn tar bara emot sidvisningar och ifyllda formulär.",
    },
    payloadTooLarge: {
      title: "För mycket text på en gång",
      text: "Formuläret var större än 1 MB och togs inte emot. Korta texten och försök igen.",
    },
    unsupportedMediaType: {
      title: "Formatet stöds inte",
      text: "Samsyn tar bara emot ifyllda formulär från sina egna sidor. Gå tillbaka till sidan och skicka formuläret därifrån.",
    },
    serverError: {
      title: "Något gick fel",
      text: "Ett oväntat fel inträffade. Försök igen om en stund.",
    },
    goHome: "Till startsidan",
  },
} as const;

export default platform;
