import { expect, it } from "vitest";
import { startTestServer } from "./http-server";

it("smoke", async () => {
  const s = await startTestServer();
  const r = await fetch(`${s.url}/login`);
  const text = await r.text();
  console.log(r.status, [...r.headers.entries()], text.slice(0, 400));
  const p = await fetch(`${s.url}/logout`, { method: "POST", body: "x", headers: {} });
  console.log(p.status, (await p.text()).slice(0, 300));
  const t0 = Date.now();
  for (let i = 0; i < 50; i++) await (await fetch(`${s.url}/login`)).text();
  console.log("ms/req", (Date.now() - t0) / 50);
  await s.close();
  expect(r.status).toBe(200);
});
