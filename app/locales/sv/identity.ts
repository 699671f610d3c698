// Sign-in with e-legitimation and the second factor (Swedish, the default).
const identity = {
  identity: {
    eidButton: "Logga in med e-legitimation ({{label}})",
    eidIntro: "Har din organisation e-legitimation i Samsyn skickas du dit när du skriver din e-postadress.",
    passwordOptional: "Lämna tomt om du loggar in med e-legitimation.",
    unavailableTitle: "E-legitimationen svarar inte",
    unavailableText: "Inloggningstjänsten svarar inte just nu. Försök igen om en stund.",
    unknownTitle: "Du har inget konto i Samsyn",
    unknownText:
      "Din e-legitimation fungerade, men den är inte kopplad till något konto i Samsyn. Be din administratör att lägga upp dig i Samsyn och koppla din e-legitimation till kontot.",
    refusedTitle: "Inloggningen kunde inte slutföras",
    refusedText:
      "Svaret från inloggningstjänsten kunde inte godkännas, så du är inte inloggad. Försök igen. Händer det igen, kontakta din administratör.",
    expiredTitle: "Inloggningen avbröts",
    expiredText: "Inloggningen tog för lång tid eller startades i en annan webbläsare. Börja om från inloggningssidan.",
    tryAgain: "Till inloggningen",
    secondFactorTitle: "Tvåstegsverifiering",
    secondFactorIntro: "Skriv koden med sex siffror från din autentiseringsapp.",
    code: "Kod",
    codeHint: "Sex siffror, eller en av dina reservkoder.",
    verify: "Verifiera",
    invalidCode: "Koden stämmer inte. Skriv den kod som appen visar nu.",
    codeRequired: "Skriv koden.",
    throttled: "För många felaktiga koder. Vänta {{wait}} och försök igen.",
    enrolTitle: "Aktivera tvåstegsverifiering",
    enrolIntro:
      "Ditt konto kräver tvåstegsverifiering. Skanna QR-koden med en autentiseringsapp (till exempel Microsoft Authenticator eller FreeOTP) och skriv sedan koden som appen visar.",
    qrAlt: "QR-kod för autentiseringsappen",
    typedKey: "Kan appen inte skanna? Skriv in den här nyckeln",
    enrolSubmit: "Aktivera",
    recoveryTitle: "Dina reservkoder",
    recoveryIntro:
      "Tvåstegsverifieringen är aktiverad. Spara de här tio reservkoderna på ett säkert ställe. Varje kod fungerar en gång om du inte har tillgång till appen. De visas bara nu.",
    continue: "Jag har sparat koderna – fortsätt",
    continueSignedIn: "Fortsätt till Samsyn",
    accountStatus: "Tvåstegsverifiering",
    statusOn: "Aktiverad",
    statusOff: "Inte aktiverad",
    turnOn: "Aktivera tvåstegsverifiering",
    providersTitle: "E-legitimation",
    providersIntro:
      "Identitetsleverantörer ställs in av driften i serverns konfiguration, inte här. Organisationer med e-legitimation:",
    providerNone: "Ingen organisation har e-legitimation.",
    hasProvider: "E-legitimation",
    secondFactorRequired: "Kräv tvåstegsverifiering för alla med lösenord",
  },
};

export default identity;
