import { describe, expect, it } from "vitest";
import { classifySmtpError, retryDelaySeconds, serverReply } from "./smtp-outcome.ts";

describe("classifySmtpError", () => {
  it("a refused login pauses the inbox", () => {
    expect(
      classifySmtpError({ code: "EAUTH", responseCode: 535, response: "535 5.7.8 Error: authentication failed" }),
    ).toMatchObject({ kind: "inbox", reason: expect.stringMatching(/refused the inbox's login: 535 5\.7\.8/) });
  });

  it("a server without STARTTLS pauses the inbox", () => {
    expect(classifySmtpError({ code: "ETLS", message: "Email was not sent because STARTTLS was required" }).kind).toBe(
      "inbox",
    );
  });

  it("4xx replies and network errors are temporary", () => {
    expect(classifySmtpError({ responseCode: 451, command: "RCPT TO", response: "451 4.7.1 Greylisted" }).kind).toBe(
      "temporary",
    );
    expect(classifySmtpError({ responseCode: 421, response: "421 4.3.2 Service not available" }).kind).toBe(
      "temporary",
    );
    expect(classifySmtpError({ code: "ETIMEDOUT", message: "Greeting never received" }).kind).toBe("temporary");
    expect(classifySmtpError({ code: "ECONNECTION", message: "connect ECONNREFUSED" }).kind).toBe("temporary");
  });

  it("a 5xx at RCPT TO or with a 5.1.x status is the recipient's: a bounce", () => {
    expect(
      classifySmtpError({
        code: "EENVELOPE",
        responseCode: 550,
        command: "RCPT TO",
        response: "550 5.1.1 <x@example.test>: Recipient address rejected: User unknown",
      }).kind,
    ).toBe("recipient");
    expect(classifySmtpError({ responseCode: 550, command: "DATA", response: "550 5.2.1 Mailbox disabled" }).kind).toBe(
      "recipient",
    );
  });

  it("other 5xx replies fail the message, not the recipient", () => {
    expect(
      classifySmtpError({ responseCode: 554, command: "DATA", response: "554 5.7.1 Message rejected as spam" }).kind,
    ).toBe("message");
    expect(classifySmtpError({ responseCode: 552, command: "DATA", response: "552 5.3.4 Message too big" }).kind).toBe(
      "message",
    );
  });

  it("keeps the user-facing reply to one short line", () => {
    expect(serverReply({ response: "451 4.7.1\r\n  try later" })).toBe("451 4.7.1 try later");
    expect(serverReply({ response: "x".repeat(1000) })).toHaveLength(300);
  });
});

describe("retryDelaySeconds", () => {
  it("grows four-fold from the base and stops at six hours", () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 60))).toEqual([60, 240, 960, 3840]);
    expect(retryDelaySeconds(20, 60)).toBe(6 * 3600);
  });
});
