import type { TranslationShape } from "../locales";
import type sv from "../sv/privacy";

const privacy: TranslationShape<typeof sv> = {
  identity_number: "“{{match}}” looks like a personal identity or coordination number.",
  email: "“{{match}}” is an e-mail address.",
  phone: "“{{match}}” looks like a phone number.",
  person_name: "The text appears to contain a person's name.",
  why: "The text appears to contain personal data (a name, identity number, e-mail address or phone number). Write it without anything that points out a person.",
};

export default privacy;
