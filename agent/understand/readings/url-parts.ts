// A link to a page of the service, pasted for the values in its path:
// "https://sentry.acme.io/organizations/acme-eng/projects/checkout-web/" gives the organization
// acme-eng and the project checkout-web, each the part after a part that names its field
// ("organizations", "projects"); the link's host goes to the one host field. Only a link that names
// a field this way is taken apart: a base URL's host is no answer of its own. A resource name
// without a link ("projects/acme-prod/topics/cdc", as Google's APIs write them) is read so too.
import { describesPlace, fromDescribedUrl } from "../described-url.ts";
import { parseValue } from "../parse-value.ts";
import { emptyReading, isOpen, type Reading, type Scene } from "../scene.ts";
import { examplesOf, stemOf, type FieldEntry } from "../vocabulary.ts";

/** The one-word field a path part names by its key or title, singular or plural ("projects"). */
function fieldNamed(scene: Scene, part: string): FieldEntry | undefined {
  const stem = stemOf(part.toLowerCase());
  const named = scene.vocabulary.fields.filter(
    (field) =>
      !field.question.secret &&
      (field.question.type === "string" || field.question.type === "integer") &&
      !field.choices?.length &&
      // (A field whose examples are links takes the link whole: "Spreadsheet Link".)
      !examplesOf(field.question).some((example) => typeof example === "string" && /^https?:\/\//i.test(example)) &&
      // (Or its id or name: "topics" names the Topic ID.)
      field.names.some((name) => name.stems[0] === stem && ((name.stems.length === 1 && name.weight >= 0.8) || (name.stems.length === 2 && /^(?:id|name)$/.test(name.stems[1]) && name.weight >= 0.9))),
  );
  return named.length === 1 ? named[0] : undefined;
}

export function urlParts(scene: Scene): Reading {
  const reading = emptyReading();
  for (const token of scene.analysis.tokens) {
    // (A resource name without a link, "projects/acme-prod/topics/cdc", names its parts the same way.)
    const resource = token.kind === "path" && !token.text.startsWith("/") && token.text.split("/").length >= 4;
    if (!resource && (token.kind !== "uri" || !/^https?:\/\//i.test(token.text))) continue;
    let url: URL | null = null;
    try {
      if (!resource) url = new URL(token.text);
    } catch {
      continue;
    }
    const parts = (url ? url.pathname : token.text).split("/").filter(Boolean).map(decodeURIComponent);
    const found: Array<{ field: FieldEntry; value: unknown; start: number; end: number }> = [];
    // (A field whose description shows where its value sits in such a link takes that part:
    // ".../organization/circleci/xxxxx/overview".)
    if (url) {
      for (const field of scene.vocabulary.fields) {
        if (field.question.secret || !isOpen(scene, field) || !describesPlace(field.question)) continue;
        const value = fromDescribedUrl(field.question, token.text);
        if (value === token.text) continue;
        const parsed = parseValue(field.question, value);
        const at = token.text.indexOf(`/${value}`);
        if (parsed.ok && at >= 0) found.push({ field, value: parsed.value, start: token.start + at + 1, end: token.start + at + 1 + value.length });
      }
    }
    for (let at = 0; at + 1 < parts.length; at++) {
      const field = fieldNamed(scene, parts[at]);
      if (!field || found.some((known) => known.field === field)) continue;
      const parsed = parseValue(field.question, parts[at + 1]);
      if (!parsed.ok) continue;
      const start = token.start + token.text.indexOf(`/${parts[at + 1]}`, token.text.indexOf(`/${parts[at]}`) + parts[at].length) + 1;
      found.push({ field, value: parsed.value, start, end: start + parts[at + 1].length });
      at++;
    }
    if (found.length === 0) continue;
    const group = `url@${token.start}`;
    for (const { field, value, start, end } of found) reading.candidates.push({ path: field.path, value, start, end, score: 0.85, source: "url-part", group });
    const hosts = scene.vocabulary.fields.filter((field) => field.shape === "host" && !field.question.secret && isOpen(scene, field));
    if (url && hosts.length === 1) {
      const start = token.start + token.text.indexOf(url.host);
      reading.candidates.push({ path: hosts[0].path, value: url.hostname, start, end: start + url.hostname.length, score: 0.8, source: "url-part", group });
    }
  }
  return reading;
}
