// A failed test that blames what the OAuth sign-in wrote (tokens, the server-held client id and
// secret) sends the person through the sign-in again; they are never asked to type those values.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Catalog, type CheckResult, type Definition } from "../../specs/index.ts";
import { createSetupAgent } from "../setup-agent.ts";
import { converse } from "../testing/conversation.ts";
import { createMemoryCheckpoints, createMemoryPort } from "../memory-port.ts";

let taskboard: Definition;
let catalog: Catalog;

beforeAll(async () => {
  catalog = await Catalog.load({ builtins: true });
  taskboard = catalog.get("source-taskboard")!;
});

const SIGN_IN_OUTPUTS = ["/credentials/access_token", "/credentials/refresh_token", "/credentials/client_id", "/credentials/client_secret"];

describe("a failed test on OAuth-written values", () => {
  it("opens the sign-in again instead of asking for the client id or tokens, then tests and saves", async () => {
    const results: CheckResult[] = [
      { status: "failed", reason: "auth_failed", message: "The API refused the token.", fields: ["/credentials/access_token", "/credentials/client_id"] },
      { status: "succeeded", message: "ok" },
    ];
    const port = createMemoryPort({ definition: taskboard, check: () => results.shift()! });
    const agent = createSetupAgent({ catalog, checkpoints: createMemoryCheckpoints(), model: { kind: "offline" } });
    const chat = converse(agent, port);
    await chat.send({ kind: "start" });
    await chat.say("Sign in with Taskboard, since 2024-01-01");
    const signIn = async () => {
      for (const path of SIGN_IN_OUTPUTS) await port.storeSecret(path, `v-${randomBytes(8).toString("hex")}`);
      return chat.send({ kind: "oauth.completed", path: "/credentials" });
    };
    let events = await signIn();
    if (chat.pending()?.path === "/start_date") events = await chat.say("2024-01-01");
    expect(events.some((event) => event.type === "test.result" && event.status === "failed")).toBe(true);
    expect(events.some((event) => event.type === "oauth.request")).toBe(true);
    expect(port.saved).toHaveLength(0);

    // A form edit while the popup is open does not start a test of the old tokens.
    port.editForm([{ op: "set", path: "/api_url", value: "https://tasks.example.com/v2" }]);
    const edited = await chat.send({ kind: "form.changed" });
    expect(edited.some((event) => event.type === "test.started")).toBe(false);

    const after = await signIn();
    expect(after.some((event) => event.type === "session.completed")).toBe(true);
    expect(chat.asked(port.events).filter((path) => path.startsWith("/credentials/"))).toEqual([]);
  });
});
