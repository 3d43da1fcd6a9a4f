import { describe, expect, it } from "vitest";
import type { ClientEvent } from "../agent/protocol.ts";
import { restRoute } from "./transport.ts";

describe("restRoute", () => {
  it("gives every client event but view.switch a REST twin, Cancel buttons included", () => {
    const events: ClientEvent[] = [
      { type: "user.message", text: "hi" },
      { type: "secret.submit", path: "/password", value: "x" },
      { type: "secret.cancel", path: "/password" },
      { type: "form.patch", base_version: 1, ops: [{ op: "set", path: "/host", value: "h" }] },
      { type: "test.request" },
      { type: "oauth.cancel", path: "/credentials" },
      { type: "session.cancel" },
    ];
    expect(events.map((event) => restRoute(event)?.path)).toEqual(["/messages", "/secrets", "/secret-cancel", "/form", "/test", "/oauth-cancel", "/cancel"]);
    expect(restRoute({ type: "view.switch", view: "form" })).toBeNull();
  });
});
