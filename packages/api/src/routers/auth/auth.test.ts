import { afterAll, describe, expect, it } from "vitest";
import { codeOf, createHarness, GOOD_PASSWORD } from "../../testing/harness.ts";

const h = createHarness();
afterAll(() => h.close());

describe("sign up and log in", () => {
  it("signs up with a cookie session whose token never reaches the response body", async () => {
    const caller = h.recording();
    const result = await caller.api.auth.signUp({
      email: `  Cookie-${Date.now()}@Example.TEST `,
      name: "Cookie",
      password: GOOD_PASSWORD,
    });
    expect(result.token).toBeNull();
    expect(result.user.email).toMatch(/^cookie-\d+@example\.test$/);
    expect(typeof caller.recorded.cookie).toBe("string");
    const me = await h.call({ cookie: caller.recorded.cookie! }).auth.me();
    expect(me.user.id).toBe(result.user.id);
    expect(me.workspaces).toEqual([expect.objectContaining({ role: "OWNER", name: "Cookie's workspace" })]);
  });

  it("logs in with the right password and issues a new token each time", async () => {
    const alice = await h.signUp("alice");
    const first = await h.call().auth.logIn({ email: alice.email, password: GOOD_PASSWORD, transport: "bearer" });
    const second = await h.call().auth.logIn({ email: alice.email, password: GOOD_PASSWORD, transport: "bearer" });
    expect(first.token).not.toBe(second.token);
    expect((await h.call({ bearer: first.token! }).auth.me()).user.email).toBe(alice.email);
  });

  it("refuses a wrong password and an unknown email with the same message", async () => {
    const bob = await h.signUp("bob");
    const wrong = h.call().auth.logIn({ email: bob.email, password: "not-the-Password-42" });
    await expect(wrong).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Email or password is incorrect." });
    const unknown = h.call().auth.logIn({ email: "nobody-here@example.test", password: GOOD_PASSWORD });
    await expect(unknown).rejects.toMatchObject({ code: "UNAUTHORIZED", message: "Email or password is incorrect." });
  });

  it("refuses a second account with the same email", async () => {
    const carol = await h.signUp("carol");
    const again = h.call().auth.signUp({ email: carol.email.toUpperCase(), name: "C", password: GOOD_PASSWORD });
    await expect(again).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("records log-ins and failed log-ins in the audit trail with the IP, never the password", async () => {
    const dave = await h.signUp("dave");
    await h.call({ ip: "198.51.100.7" }).auth.logIn({ email: dave.email, password: GOOD_PASSWORD });
    await codeOf(h.call({ ip: "198.51.100.7" }).auth.logIn({ email: dave.email, password: "Wrong-password-123" }));
    const events = await h.db.auditEvent.findMany({ where: { actorId: dave.user.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "auth.signed_up",
      "workspace.created",
      "auth.login",
      "auth.login_failed",
    ]);
    expect(events[2]).toMatchObject({ ip: "198.51.100.7", userAgent: "vitest", actorType: "USER" });
    expect(JSON.stringify(events.map(({ id: _id, ...e }) => e))).not.toContain("Wrong-password-123");
  });
});

describe("password rules", () => {
  const signUpWith = (password: string) =>
    h.call().auth.signUp({ email: `pw-${Math.random().toString(36).slice(2)}@example.test`, name: "P", password });

  it.each([
    ["too short", "Short-pw-1"],
    ["a top-10,000 password", "Unbelievable"],
    ["a common password padded with digits", "password1234567"],
    ["repetitive", "aaaaaaaaaaaaaaaa"],
  ])("refuses a password that is %s", async (_why, password) => {
    await expect(signUpWith(password)).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("accepts a 64-character passphrase", async () => {
    const password = "correct horse battery staple, then seven more words of nonsense!";
    expect(password).toHaveLength(64);
    const result = await signUpWith(password);
    expect(result.user.id).toBeTruthy();
  });

  it("does not treat two passwords sharing their first 72 bytes as the same (bcrypt's 72-byte limit)", async () => {
    const prefix = "Shared-prefix-of-seventy-two-bytes-".padEnd(72, "x");
    const email = `long-${Date.now()}@example.test`;
    await h.call().auth.signUp({ email, name: "Long", password: `${prefix}-first-ending` });
    expect(await codeOf(h.call().auth.logIn({ email, password: `${prefix}-other-ending` }))).toBe("UNAUTHORIZED");
    expect(await codeOf(h.call().auth.logIn({ email, password: `${prefix}-first-ending` }))).toBe("OK");
  });

  it("stores bcrypt cost 12, never the password", async () => {
    const erin = await h.signUp("erin");
    const row = await h.db.user.findUniqueOrThrow({ where: { id: erin.user.id } });
    expect(row.passwordHash).toMatch(/^\$2[aby]\$12\$/);
    expect(row.passwordHash).not.toContain(GOOD_PASSWORD);
  });
});

describe("sessions end when they should", () => {
  it("refuses every older token, cookie and Bearer, after a password change", async () => {
    const frank = await h.signUp("frank");
    const cookieLogin = h.recording();
    await cookieLogin.api.auth.logIn({ email: frank.email, password: GOOD_PASSWORD });
    const oldCookie = cookieLogin.recorded.cookie!;
    const newPassword = "amber-Quarry-88-thimble";
    const changed = await frank.as().auth.changePassword({
      currentPassword: GOOD_PASSWORD,
      newPassword,
      transport: "bearer",
    });
    expect(await codeOf(frank.as().auth.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(h.call({ cookie: oldCookie }).auth.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(h.call({ bearer: changed.token! }).auth.me())).toBe("OK");
    expect(await codeOf(h.call().auth.logIn({ email: frank.email, password: GOOD_PASSWORD }))).toBe("UNAUTHORIZED");
    expect(await codeOf(h.call().auth.logIn({ email: frank.email, password: newPassword }))).toBe("OK");
  });

  it("needs the current password to change it", async () => {
    const gina = await h.signUp("gina");
    const attempt = gina
      .as()
      .auth.changePassword({ currentPassword: "not-my-Password-1", newPassword: "new-Lantern-42-x" });
    await expect(attempt).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("log out revokes that session only; log out everywhere revokes all", async () => {
    const hank = await h.signUp("hank");
    const other = await h.call().auth.logIn({ email: hank.email, password: GOOD_PASSWORD, transport: "bearer" });
    const third = await h.call().auth.logIn({ email: hank.email, password: GOOD_PASSWORD, transport: "bearer" });
    const loggingOut = h.recording({ bearer: hank.token });
    await loggingOut.api.auth.logOut();
    expect(loggingOut.recorded.cookie).toBeNull();
    expect(await codeOf(hank.as().auth.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(h.call({ bearer: other.token! }).auth.me())).toBe("OK");
    await h.call({ bearer: other.token! }).auth.logOutEverywhere();
    expect(await codeOf(h.call({ bearer: other.token! }).auth.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(h.call({ bearer: third.token! }).auth.me())).toBe("UNAUTHORIZED");
  });

  it("refuses calls without credentials", async () => {
    expect(await codeOf(h.call().auth.me())).toBe("UNAUTHORIZED");
  });
});

describe("log-in throttling", () => {
  it("answers TOO_MANY_REQUESTS with Retry-After after repeated failed log-ins, without locking out other IPs", async () => {
    const strict = createHarness({ authPer15Minutes: 5 });
    try {
      const ivan = await strict.signUp("ivan");
      const codes: string[] = [];
      let last = strict.recording({ ip: "203.0.113.9" });
      for (let i = 0; i < 7; i++) {
        last = strict.recording({ ip: "203.0.113.9" });
        codes.push(await codeOf(last.api.auth.logIn({ email: ivan.email, password: `Wrong-password-${i}x` })));
      }
      expect(codes.slice(0, 5)).toEqual(Array(5).fill("UNAUTHORIZED"));
      expect(codes.slice(5)).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]);
      expect(Number(last.recorded.headers["Retry-After"])).toBeGreaterThan(0);
      // Even the right password is refused from that IP until the window passes...
      const blocked = strict.call({ ip: "203.0.113.9" }).auth.logIn({ email: ivan.email, password: GOOD_PASSWORD });
      expect(await codeOf(blocked)).toBe("TOO_MANY_REQUESTS");
      // ...but the owner is not locked out from elsewhere.
      const elsewhere = strict.call({ ip: "203.0.113.50" }).auth.logIn({ email: ivan.email, password: GOOD_PASSWORD });
      expect(await codeOf(elsewhere)).toBe("OK");
    } finally {
      await strict.close();
    }
  });
});

describe("per-user throttling", () => {
  it("limits each signed-in user on their own budget, whatever IP they come from", async () => {
    const limited = createHarness({ userPerMinute: 4 });
    try {
      const jane = await limited.signUp("jane"); // sign-up's own me() call is the first of jane's budget
      const codes: string[] = [];
      for (let i = 0; i < 4; i++) {
        const caller = limited.recording({ bearer: jane.token, ip: `203.0.113.${100 + i}` });
        codes.push(await codeOf(caller.api.auth.me()));
        if (i === 3) expect(Number(caller.recorded.headers["Retry-After"])).toBeGreaterThan(0);
      }
      expect(codes).toEqual(["OK", "OK", "OK", "TOO_MANY_REQUESTS"]);
      const kate = await limited.signUp("kate");
      expect(await codeOf(kate.as().auth.me())).toBe("OK");
    } finally {
      await limited.close();
    }
  });
});

describe("auth.whoami", () => {
  it("names a person, or an API key with the one workspace it acts in", async () => {
    const { owner, member, workspaceId } = await h.team("whoami", "ADMIN");
    expect(await owner.as().auth.whoami()).toEqual({
      kind: "user",
      userId: owner.user.id,
      email: owner.email,
      platformAdmin: false,
    });
    const key = await member.as().apiKeys.create({ workspaceId, name: "desktop" });
    expect(await h.call({ bearer: key.key }).auth.whoami()).toEqual({
      kind: "apiKey",
      apiKeyId: key.id,
      workspace: { id: workspaceId, name: expect.any(String), role: "ADMIN", region: "US" },
    });
    expect(await codeOf(h.call().auth.whoami())).toBe("UNAUTHORIZED");
  });
});
