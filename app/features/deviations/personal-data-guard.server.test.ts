import { describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";
import { planSetup } from "../../../test/plans";
import { checkForPersonalData, findPatterns } from "./personal-data-guard.server";

describe("the personal-data guard", () => {
  it.each([
    ["Personen 19121212-1212 fick vänta", "identity_number"],
    ["Personen 191212121212 fick vänta", "identity_number"],
    ["Personen 121212-1212 fick vänta", "identity_number"],
    ["Personen 121212+1212 fick vänta", "identity_number"],
    ["Personen 1212121212 fick vänta", "identity_number"],
    ["Personen 19121212-1213 (fel kontrollsiffra) fick vänta", "identity_number"],
    ["Samordningsnummer 19701063-2391 saknades", "identity_number"],
    ["Mejla sanna.exempel@example.se om detta", "email"],
    ["Ring 070-123 45 67 efter lunch", "phone"],
    // Ten digits could as well be someone born 2007-01-23: refused either way.
    ["Ring 0701234567", "identity_number"],
    ["Ring +46 70 123 45 67", "phone"],
    ["Växeln 08-123 456 78 svarade inte", "phone"],
  ])("refuses %s", (text, kind) => {
    expect(findPatterns(text).map((f) => f.kind)).toContain(kind);
  });

  it.each([
    "Personen stod utan ersättning i 45 dagar mellan 2026-01-15 och 2026-03-01.",
    "Handläggningstiden var 12 veckor, mot normalt 4.",
    "Ärendet skickades mellan tre parter under HT 2026.",
    "Kostnaden var 12 500 kronor per månad.",
    "Remissen från vårdcentralen kom aldrig fram till Arbetsförmedlingen.",
  ])("accepts %s", (text) => {
    expect(findPatterns(text)).toEqual([]);
  });

  it("refuses the full name of a person in the database, in any case, and names the field", async () => {
    const db = getDb();
    // Names are recorded per plan (docs/decisions/0010).
    await planSetup("Sanna Exempelsson");
    const result = await checkForPersonalData(db, {
      description: "Vi kunde inte hjälpa SANNA EXEMPELSSON eftersom reglerna krockade.",
      triedLocally: "Ringde Försäkringskassan.",
    });
    expect(Object.keys(result)).toEqual(["description"]);
    expect(result.description).toEqual([{ kind: "person_name", match: "SANNA EXEMPELSSON" }]);
    // A first name alone is not a full name.
    expect(await checkForPersonalData(db, { description: "Sanna fick vänta." })).toEqual({});
  });
});
