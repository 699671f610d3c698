import type svPlatform from "../sv/platform";
import type { TranslationShape } from "../locales";

const platform: TranslationShape<typeof svPlatform> = {
  refusal: {
    badRequest: {
      title: "The form could not be read",
      text: "What was sent could not be read as a form. Go back to the page, reload it and try again.",
    },
    forbidden: {
      title: "This action is not allowed",
      text: "The request did not come from Samsyn and was stopped. Go to Samsyn and do it again from there.",
    },
    methodNotAllowed: {
      title: "This action is not allowed",
      text: "Samsyn only accepts page views and filled-in forms.",
    },
    payloadTooLarge: {
      title: "Too much text at once",
      text: "The form was larger than 1 MB and was not accepted. Shorten the text and try again.",
    },
    unsupportedMediaType: {
      title: "This format is not supported",
      text: "Samsyn only accepts forms filled in on its own pages. Go back to the page and send the form from there.",
    },
    serverError: {
      title: "Something went wrong",
      text: "An unexpected error occurred. Please try again in a moment.",
    },
    goHome: "Go to the start page",
  },
};

export default platform;
