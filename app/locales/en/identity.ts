import type sv from "../sv/identity";
import type { TranslationShape } from "../resources";

const identity: TranslationShape<typeof sv> = {
  identity: {
    eidButton: "Sign in with e-legitimation ({{label}})",
    eidIntro:
      "If your organisation signs in to Samsyn with e-legitimation, typing your e-mail address takes you there.",
    passwordOptional: "Leave empty if you sign in with e-legitimation.",
    unavailableTitle: "The e-legitimation service does not answer",
    unavailableText: "The sign-in service does not answer right now. Try again in a while.",
    unknownTitle: "You have no account in Samsyn",
    unknownText:
      "Your e-legitimation worked, but it is not linked to any account in Samsyn. Ask your administrator to add you to Samsyn and link your e-legitimation to the account.",
    refusedTitle: "The sign-in could not be completed",
    refusedText:
      "The answer from the sign-in service could not be accepted, so you are not signed in. Try again. If it happens again, contact your administrator.",
    expiredTitle: "The sign-in was interrupted",
    expiredText: "The sign-in took too long or was started in another browser. Start again from the sign-in page.",
    tryAgain: "To the sign-in page",
    secondFactorTitle: "Two-step verification",
    secondFactorIntro: "Type the six-digit code from your authenticator app.",
    code: "Code",
    codeHint: "Six digits, or one of your recovery codes.",
    verify: "Verify",
    invalidCode: "The code is not right. Type the code the app shows now.",
    codeRequired: "Type the code.",
    throttled: "Too many wrong codes. Wait {{wait}} and try again.",
    enrolTitle: "Turn on two-step verification",
    enrolIntro:
      "Your account requires two-step verification. Scan the QR code with an authenticator app (for example Microsoft Authenticator or FreeOTP), then type the code the app shows.",
    qrAlt: "QR code for the authenticator app",
    typedKey: "Can the app not scan? Type in this key",
    enrolSubmit: "Turn on",
    recoveryTitle: "Your recovery codes",
    recoveryIntro:
      "Two-step verification is on. Keep these ten recovery codes somewhere safe. Each works once if you cannot reach the app. They are shown only now.",
    continue: "I have saved the codes – continue",
    continueSignedIn: "Continue to Samsyn",
    accountStatus: "Two-step verification",
    statusOn: "On",
    statusOff: "Off",
    turnOn: "Turn on two-step verification",
    providersTitle: "E-legitimation",
    providersIntro:
      "Identity providers are set by the operators in the server's configuration, not here. Organisations with e-legitimation:",
    providerNone: "No organisation has e-legitimation.",
    hasProvider: "E-legitimation",
    secondFactorRequired: "Require two-step verification for everyone with a password",
    secondFactorRequiredHint:
      "Everyone in the organisation who signs in with a password must then also type a code from an authenticator app. Admins and log reviewers always must.",
    saveSecondFactorRequired: "Save the two-step verification requirement",
    secondFactorRequiredOn:
      "Two-step verification is now required for everyone in the organisation who signs in with a password.",
    secondFactorRequiredOff: "Two-step verification is no longer required for everyone in the organisation.",
    signInHeading: "Sign-in",
    operatorConfigured:
      "Identity providers are set up by the operators in the server's configuration and cannot be changed here.",
    organisationProvider: "E-legitimation",
    organisationProviderValue: "{{name}} (identifier: {{claim}})",
    organisationNoProvider: "None. The organisation's users sign in with a password.",
    passwordSignIn: "Sign-in with a password",
    passwordAllowed: "Allowed",
    passwordNotAllowed: "Not allowed – the users sign in with e-legitimation",
    linkedIdentities: "Linked e-legitimations",
    noLinks: "No e-legitimation is linked to the user.",
    provider: "Identity provider",
    issuer: "Issuer",
    identifier: "Identifier",
    providerGone: "No longer configured",
    linkHeading: "Link an e-legitimation",
    linkHint:
      "Type the identifier the provider sends for the user. Ask the user or the provider's administrator. An e-mail address does not work.",
    identifierHelpSub: "{{provider}}: the user's id at the provider (the sub claim).",
    identifierHelpClaim: "{{provider}}: the user's HSA-id (the {{claim}} claim).",
    identifierSpaces: "The identifier cannot contain spaces.",
    link: "Link",
    linked: "The e-legitimation is linked to the user.",
    linkedElsewhere: "This e-legitimation is already linked to another user. Remove that link first if it is wrong.",
    unknownProvider: "Choose one of the identity providers of the user's organisation.",
    userHasNoProvider:
      "The user's organisation does not sign in with e-legitimation, so no e-legitimation can be linked. Identity providers are set up by the operators.",
    unlink: "Remove link",
    unlinkQuestion: "The user can then no longer sign in with this e-legitimation, and sign-ins made with it end.",
    unlinkYes: "Yes, remove the link",
    unlinked: "The link is removed.",
    noLink: "The link no longer existed.",
    userSecondFactor: "Two-step verification",
    userEnrolled_one: "On. {{count}} unused recovery code.",
    userEnrolled_other: "On. {{count}} unused recovery codes.",
    userNotEnrolled: "Not turned on.",
    userRequired: "Required when signing in with a password.",
    userNotRequired: "Not required when signing in with a password.",
    resetSecondFactor: "Reset two-step verification",
    resetSecondFactorHint:
      "For a user who has lost their phone. The key and the recovery codes are removed and the user is signed out. At the next sign-in with a password the user turns on two-step verification with a new key. You never see the key.",
    resetSecondFactorYes: "Yes, reset two-step verification",
    secondFactorWasReset: "Two-step verification is reset and the user is signed out.",
  },
};

export default identity;
