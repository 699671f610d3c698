import { describe, expect, it } from "vitest";
import { dependencyOrder, type TableInfo } from "./tables.server";

const table = (name: string, keys: [string, string][] = [], nullable: string[] = []): TableInfo => ({
  name,
  columns: ["id", ...keys.map(([column]) => column)],
  primaryKey: ["id"],
  foreignKeys: keys.map(([column, parent]) => ({ parent, columns: [column] })),
  references: [...new Set(keys.map(([, parent]) => parent))].sort(),
  nullable,
});

describe("the copy's table order", () => {
  it("puts every table after those it references, alphabetically among equals", () => {
    const { order, deferred } = dependencyOrder([
      table("plans", [["person_id", "persons"]]),
      table("persons", [["organisation_id", "organisations"]]),
      table("organisations"),
      table("audit_events"),
    ]);
    expect(order.map((t) => t.name)).toEqual(["audit_events", "organisations", "persons", "plans"]);
    expect(deferred).toEqual([]);
  });

  it("breaks a circle at a key that may be NULL, and only at a key on the circle", () => {
    const { order, deferred } = dependencyOrder([
      table("deviations", [["plan_id", "plans"]], ["plan_id"]),
      table("persons", [["protected_plan_id", "plans"]], ["protected_plan_id"]),
      table("plans", [["person_id", "persons"]]),
    ]);
    expect(deferred).toEqual([{ table: "persons", columns: ["protected_plan_id"], parent: "plans" }]);
    expect(order.map((t) => t.name)).toEqual(["persons", "plans", "deviations"]);
  });

  it("refuses a circle of keys that must be set, and a reference to a missing table", () => {
    expect(() => dependencyOrder([table("a", [["b_id", "b"]]), table("b", [["a_id", "a"]])])).toThrow(
      "Foreign keys form a circle among: a, b",
    );
    expect(() => dependencyOrder([table("a", [["a_id", "a"]])])).toThrow("circle among: a");
    expect(() => dependencyOrder([table("a", [["b_id", "b"]])])).toThrow("references tables that do not exist: b");
  });
});
