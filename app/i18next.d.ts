import "i18next";
import type sv from "./locales/sv/index";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: typeof sv };
  }
}
