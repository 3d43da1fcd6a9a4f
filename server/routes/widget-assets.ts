// Serves the widget bundle (/widget.js), the operator console (/ and /console.js) and a
// standalone page for one setup session (/embed).
// The bundles are built by `npm run build:widget` (npm start and npm test run it first).
import { Hono } from "hono";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../http-error.ts";

const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../widget/dist");

const consolePage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Onramp console</title>
<link rel="icon" href="data:,">
<script src="/widget.js"></script>
<script type="module" src="/console.js"></script>
</head>
<body>
<div id="onramp-console"></div>
<noscript>The Onramp console needs JavaScript.</noscript>
</body>
</html>
`;

// A standalone page for one setup session: /embed#session_id=...&session_token=...[&view=form].
// The token rides in the fragment, which browsers never send to a server or put in Referer.
const embedPage = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Onramp setup</title>
<link rel="icon" href="data:,">
<script src="/widget.js"></script>
<style>body{margin:0;padding:24px;background:#f1f5f9;font-family:system-ui,sans-serif}@media (prefers-color-scheme:dark){body{background:#0b1120}}main{max-width:480px;margin:0 auto}onramp-setup{--onramp-height:calc(100vh - 48px)}</style>
</head>
<body>
<main id="host"></main>
<script type="module">
const params = new URLSearchParams(location.hash.slice(1));
const element = document.createElement("onramp-setup");
element.setAttribute("session-id", params.get("session_id") || "");
element.setAttribute("session-token", params.get("session_token") || "");
for (const name of ["view", "theme"]) if (params.get(name)) element.setAttribute(name, params.get(name));
document.getElementById("host").appendChild(element);
</script>
</body>
</html>
`;

async function asset(file: string): Promise<string | null> {
  try {
    return await readFile(path.join(distDir, file), "utf8");
  } catch {
    return null;
  }
}

export function widgetAssetRoutes(_deps: AppDeps): Hono {
  const app = new Hono();
  for (const file of ["widget.js", "widget.mjs", "console.js"]) {
    app.get(`/${file}`, async (c) => {
      const body = await asset(file);
      if (body === null) {
        const message = `${file} is not built: run npm run build:widget`;
        throw new ApiError(503, message, [{ field: null, message, error_code: "unavailable" }]);
      }
      return c.body(body, 200, {
        "content-type": "text/javascript; charset=utf-8",
        // Host pages on other origins may load the widget as a module, which is CORS.
        "access-control-allow-origin": "*",
        "cache-control": "no-cache",
      });
    });
  }
  app.get("/", (c) => c.html(consolePage, 200, { "cache-control": "no-cache" }));
  app.get("/embed", (c) => c.html(embedPage, 200, { "cache-control": "no-cache" }));
  return app;
}
