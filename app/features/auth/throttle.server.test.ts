import { describe, expect, it } from "vitest";
import { accountKey, addressKey } from "./throttle.server";

describe("throttle keys", () => {
  it("count an IPv4 address as itself, also when Node reports it IPv4-mapped", () => {
    expect(addressKey("203.0.113.9")).toBe("address:203.0.113.9");
    expect(addressKey("::ffff:203.0.113.9")).toBe("address:203.0.113.9");
  });

  it("count an IPv6 client by its /64, however the address is written", () => {
    const key = "address:2001:db8:1:2::/64";
    expect(addressKey("2001:db8:1:2::1")).toBe(key);
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:fffe")).toBe(key);
    expect(addressKey("2001:DB8:1:2:0:0:0:9")).toBe(key);
    expect(addressKey("2001:db8:1:3::1")).not.toBe(key);
    expect(addressKey("::1")).toBe("address:0:0:0:0::/64");
  });

  it("never store the e-mail address in clear", () => {
    expect(accountKey("anna@example.se")).toMatch(/^account:[0-9a-f]{64}$/);
    expect(accountKey("anna@example.se")).not.toBe(accountKey("anna2@example.se"));
  });
});
