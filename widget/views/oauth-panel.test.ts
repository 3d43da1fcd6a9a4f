import { describe, expect, it } from "vitest";
import { asMessage } from "./oauth-panel.tsx";

describe("the OAuth panel's message filter", () => {
  it("takes a result that names this widget's session", () => {
    expect(asMessage({ type: "oauth.completed", session: "ses_1", path: "/credentials" }, "ses_1", "/credentials")).toEqual({
      type: "oauth.completed",
      session: "ses_1",
      path: "/credentials",
    });
    expect(asMessage({ type: "oauth.failed", session: "ses_1", path: null, reason: "access_denied", message: "m" }, "ses_1", "/credentials")?.path).toBe("/credentials");
  });

  it("ignores another session's result, one naming no session (the server did not give it to this one), and anything else", () => {
    expect(asMessage({ type: "oauth.completed", session: "ses_2", path: "/credentials" }, "ses_1", "/credentials")).toBeNull();
    expect(asMessage({ type: "oauth.failed", session: null, path: null, reason: "state_unknown", message: "m" }, "ses_1", "/credentials")).toBeNull();
    expect(asMessage({ type: "oauth.failed", path: "/credentials", reason: "x", message: "m" }, "ses_1", "/credentials")).toBeNull();
    expect(asMessage({ type: "something.else", session: "ses_1" }, "ses_1", "/credentials")).toBeNull();
    expect(asMessage(null, "ses_1", "/credentials")).toBeNull();
  });
});
