// A new connector from an API description: paste an OpenAPI / Swagger / Postman document or give
// its URL. The draft opens for review as soon as the server has made it.
import { useState } from "preact/hooks";
import type { ConsoleData } from "../console-data.ts";
import { navigate, routeHash } from "../router.ts";

export function ImportPage({ data }: { data: ConsoleData }) {
  const [document, setDocument] = useState("");
  const [url, setUrl] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await data.api.createImport(url.trim() ? { url: url.trim() } : { document });
      navigate({ page: "import", importId: created.id });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="page narrow">
      <div class="crumbs">
        <a href={routeHash({ page: "home" })}>← Connectors</a>
      </div>
      <h2 class="title">New connector from an API description</h2>
      <form class="panel stack" onSubmit={submit}>
        <p class="muted">OpenAPI 3.x or Swagger 2.0 (JSON or YAML), or a Postman 2.0/2.1 collection. Onramp proposes the tables, their keys and paging, and the credentials; you review them before anything is published.</p>
        <label for="import-document">Description</label>
        <textarea id="import-document" rows={12} value={document} onInput={(event) => setDocument((event.target as HTMLTextAreaElement).value)} placeholder="openapi: 3.0.0 …" />
        <label for="import-url">Or its URL</label>
        <input id="import-url" type="url" value={url} onInput={(event) => setUrl((event.target as HTMLInputElement).value)} placeholder="https://…/openapi.json" />
        {error && (
          <p class="err" role="alert">
            {error}
          </p>
        )}
        <div class="actions">
          <button class="p" type="submit" disabled={busy || (!document.trim() && !url.trim())}>
            {busy ? "Reading…" : "Import"}
          </button>
        </div>
      </form>
    </div>
  );
}
