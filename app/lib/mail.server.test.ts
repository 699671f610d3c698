// E-mail through SMTP when SMTP_URL is set: a tiny SMTP server on the loopback interface
// receives what nodemailer sends; when the server cannot be reached the message is kept.
import { createServer, type AddressInfo, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "#db/client.server";

interface Received {
  rcpt: string[];
  data: string;
}

/** Just enough SMTP (no TLS, no auth) to take one message per connection. */
function fakeSmtp(received: Received[]): Server {
  return createServer((socket) => {
    let buffer = "";
    let inData = false;
    const current: Received = { rcpt: [], data: "" };
    socket.write("220 localhost test SMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push({ ...current });
          socket.write("250 queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250 localhost\r\n");
        else if (verb === "MAIL") socket.write("250 OK\r\n");
        else if (verb === "RCPT") {
          current.rcpt.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, "$1"));
          socket.write("250 OK\r\n");
        } else if (verb === "DATA") {
          inData = true;
          socket.write("354 go ahead\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
          return;
        } else socket.write("250 OK\r\n");
      }
    });
  });
}

const received: Received[] = [];
const server = fakeSmtp(received);
let port = 0;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  // getEnv() reads the environment on first use, which in this file is below.
  process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
  process.env.MAIL_FROM = "Samsyn test <no-reply@test.samsyn.se>";
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("sending e-mail through SMTP", () => {
  it("sends the message with its calendar entry, keeps nothing in the outbox, and keeps it when sending fails", async () => {
    const { sendMail } = await import("./mail.server");
    const calendar =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//test//SV\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n";
    await sendMail(getDb(), [
      {
        to: "omar@example.se",
        subject: "Kallelse: möte",
        text: "Hej Omar",
        calendar: { method: "REQUEST", content: calendar },
      },
    ]);
    expect(received).toHaveLength(1);
    expect(received[0].rcpt).toEqual(["omar@example.se"]);
    expect(received[0].data).toMatch(/^From: Samsyn test <no-reply@test\.samsyn\.se>/m);
    expect(received[0].data).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    expect(await getDb().selectFrom("outbox").selectAll().execute()).toEqual([]);

    // The server goes away: the message is kept, marked as not sent.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.listen(0, "127.0.0.1"); // keep afterAll's close harmless
    await sendMail(getDb(), [{ to: "lena@example.se", subject: "Kallelse", text: "Hej Lena" }]);
    const kept = await getDb().selectFrom("outbox").selectAll().execute();
    expect(kept).toMatchObject([{ to_address: "lena@example.se", delivery: "smtp_failed", subject: "Kallelse" }]);
  });
});
