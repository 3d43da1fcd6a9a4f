// Opens a setup session in the server's own /embed page (a real page on the server's origin,
// so Chromium treats it like a customer page on that host) and records the widget's DOM events.
import type { Page } from "playwright-core";

export interface HostSession {
  session_id: string;
  session_token: string;
}

export async function openHostPage(page: Page, baseUrl: string, session: HostSession, view: "agent" | "form" = "agent") {
  await page.addInitScript(() => {
    (window as any).onrampEvents = [];
    for (const name of ["onramp:completed", "onramp:cancelled", "onramp:error"]) {
      document.addEventListener(name, (event) => (window as any).onrampEvents.push({ name, detail: (event as CustomEvent).detail }));
    }
  });
  const fragment = new URLSearchParams({ session_id: session.session_id, session_token: session.session_token, view });
  await page.goto(`${baseUrl}/embed#${fragment}`);
}

export function hostEvents(page: Page): Promise<Array<{ name: string; detail: any }>> {
  return page.evaluate(() => (window as any).onrampEvents ?? []);
}
