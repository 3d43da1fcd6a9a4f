// A scripted setup session for browser tests that need exact server events (streamed deltas,
// a refused edit, a multiline secret): the real widget bundle on a page whose HTTP requests and
// WebSocket are answered by Playwright routes. Nothing reaches the network. Tests that need the
// real agent use real-server.ts instead.
import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import type { Browser, Page, WebSocketRoute } from "playwright-core";
import type { ClientEvent, ServerEvent, SessionSnapshot } from "../../agent/protocol.ts";

export const MOCK_ORIGIN = "http://127.0.0.1:9";
const bundle = path.resolve(import.meta.dirname, "../dist/widget.js");

export interface MockSessionOptions {
  snapshot: SessionSnapshot;
  view?: "agent" | "form";
  theme?: "light" | "dark";
  viewport?: { width: number; height: number };
  /** Answers a client event (the default answers nothing; the widget's edits stay optimistic). */
  respond?(event: ClientEvent, session: MockSession): void;
  /** Extra markup on the host page, before the widget (a host input, say). */
  hostHtml?: string;
}

export interface MockSession {
  page: Page;
  /** Every event the widget sent over its socket, parsed, in order. */
  sent: ClientEvent[];
  /** The raw frames, as they left the page. */
  frames: string[];
  /** What GET /api/v1/setup-sessions/:id answers (tests may replace it). */
  snapshot: SessionSnapshot;
  /** How many times the widget fetched the snapshot over REST. */
  snapshotFetches: number;
  push(...events: ServerEvent[]): void;
  /** The DOM events the widget fired on the host page. */
  hostEvents(): Promise<Array<{ name: string; detail: any }>>;
}

export function baseSnapshot(overrides: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    id: "mock",
    status: "active",
    definition: { id: "d1", name: "source-mock", displayName: "Mock", kind: "source" },
    spec: { type: "object", properties: {} },
    form: { version: 1, definitionId: "d1", name: "Mock", values: {}, secrets: {}, status: {} },
    pending: null,
    secretMode: null,
    oauthPending: null,
    transcript: [],
    connectorId: null,
    lastTest: null,
    ...overrides,
  };
}

export async function openMockSession(browser: Browser, options: MockSessionOptions): Promise<MockSession> {
  if (!existsSync(bundle)) throw new Error("widget/dist/widget.js is missing: run npm run build:widget");
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 560, height: 700 } });
  let socket: WebSocketRoute | undefined;
  const backlog: string[] = [];
  const session: MockSession = {
    page,
    sent: [],
    frames: [],
    snapshot: options.snapshot,
    snapshotFetches: 0,
    push(...events) {
      for (const event of events) {
        const frame = JSON.stringify(event);
        if (socket) socket.send(frame);
        else backlog.push(frame);
      }
    },
    hostEvents: () => page.evaluate(() => (window as any).onrampEvents ?? []),
  };
  await page.addInitScript(() => {
    (window as any).onrampEvents = [];
    for (const name of ["onramp:completed", "onramp:cancelled", "onramp:error"]) {
      document.addEventListener(name, (event) => (window as any).onrampEvents.push({ name, detail: (event as CustomEvent).detail }));
    }
  });
  const attributes = [`session-id="${options.snapshot.id}"`, `session-token="t"`, `server="${MOCK_ORIGIN}"`];
  if (options.view) attributes.push(`view="${options.view}"`);
  if (options.theme) attributes.push(`theme="${options.theme}"`);
  await page.route(`${MOCK_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === "/widget.js") return route.fulfill({ body: readFileSync(bundle, "utf8"), contentType: "text/javascript" });
    if (url.pathname === "/") {
      return route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="en"><body style="margin:0;padding:16px;background:${options.theme === "dark" ? "#0b1120" : "#f1f5f9"}">${options.hostHtml ?? ""}<script type="module" src="/widget.js"></script><onramp-setup ${attributes.join(" ")}></onramp-setup></body></html>`,
      });
    }
    if (url.pathname === `/api/v1/setup-sessions/${options.snapshot.id}`) {
      session.snapshotFetches += 1;
      return route.fulfill({ json: session.snapshot });
    }
    if (url.pathname === `/api/v1/setup-sessions/${options.snapshot.id}/config`) {
      return route.fulfill({ json: { config: session.snapshot.form.values } });
    }
    return route.fulfill({ status: 404, json: { message: "not found", errors: [] } });
  });
  await page.routeWebSocket(/\/ws/, (ws) => {
    socket = ws;
    ws.onMessage((message) => {
      const frame = String(message);
      session.frames.push(frame);
      const event = JSON.parse(frame) as ClientEvent;
      session.sent.push(event);
      options.respond?.(event, session);
    });
    ws.send(JSON.stringify({ type: "session.snapshot", protocol: 1, session: session.snapshot }));
    for (const frame of backlog.splice(0)) ws.send(frame);
  });
  await page.goto(`${MOCK_ORIGIN}/`);
  await page.waitForFunction(() => !!document.querySelector("onramp-setup")?.shadowRoot?.querySelector("header h2"));
  return session;
}

/** The id of the focused element inside the widget's shadow root ("" when focus is elsewhere). */
export function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector("onramp-setup")?.shadowRoot?.activeElement?.id ?? "");
}
