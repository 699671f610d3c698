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
  },
};

export default identity;
