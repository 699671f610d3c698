import type svPersons from "../sv/persons";
import type { TranslationShape } from "../locales";

const enPersons: TranslationShape<typeof svPersons> = {
  unnamed: "(name missing)",
  nameMissing: "The plan has no name for the person. Fill it in under Edit.",
  protectedBy: "Marked {{date}} by {{name}}, {{organisation}}.",
  lift: "Remove the marking",
  liftHint:
    "Only remove the marking if the person no longer has a protected identity. The marking belongs to the identity number, not only to this plan.",
  protectionLifted: "The protected identity marking has been removed.",
};

export default enPersons;
