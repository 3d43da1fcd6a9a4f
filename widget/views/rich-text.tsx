// Connector descriptions come from upstream specs and carry bits of HTML (`<a href>`, `<b>`,
// `<br>`) and Markdown (backticks, the odd [text](url)). This turns them into Preact nodes, never
// into markup: links survive only with an http(s) URL, code spans become <code>, every other tag
// is dropped and its text kept. Nothing here goes near innerHTML, so a hostile description can at
// worst show odd text.
import type { ComponentChildren } from "preact";

export type RichSegment = { kind: "text"; text: string } | { kind: "code"; text: string } | { kind: "link"; text: string; href: string };

// Tags read as HTML. A bare `<database>` in "https://<account>.example.com/<database>" is a
// placeholder, not a tag: it has no attributes and is no HTML element, so it stays as text.
const HTML_TAGS = new Set(
  "a abbr b big blockquote body br center code dd del div dl dt em embed font form h1 h2 h3 h4 h5 h6 head hr html i iframe img input ins kbd li link meta object ol option p pre q s samp script select small span strike strong style sub sup svg table tbody td textarea tfoot th thead title tr tt u ul var video audio source math".split(
    " ",
  ),
);
// Tags whose content is never text for a reader (and must never run).
const DROP_CONTENT = /<(script|style|iframe|object|template|noscript|svg|math)\b[^>]*>[\s\S]*?(<\/\1\s*>|$)/gi;
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)\/?>/g;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : "";
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** An http(s) URL, normalised; null for javascript:, data:, relative or broken ones. */
export function safeHref(raw: string): string | null {
  try {
    const url = new URL(decode(raw).trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function hrefOf(attributes: string): string | null {
  const match = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i.exec(attributes);
  return match ? safeHref(match[1] ?? match[2] ?? match[3] ?? "") : null;
}

// Backtick code spans and Markdown links inside plain text.
function inline(text: string, out: RichSegment[]) {
  const pattern = /`([^`]+)`|\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) out.push({ kind: "text", text: text.slice(last, match.index) });
    const href = match[3] ? safeHref(match[3]) : null;
    if (match[1] !== undefined) out.push({ kind: "code", text: match[1] });
    else if (href) out.push({ kind: "link", text: match[2], href });
    else out.push({ kind: "text", text: match[2] });
    last = pattern.lastIndex;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
}

export function parseRichText(source: string): RichSegment[] {
  const out: RichSegment[] = [];
  const html = source.replace(DROP_CONTENT, "");
  let link: { href: string | null; text: string } | null = null;
  let last = 0;
  TAG.lastIndex = 0;
  const text = (raw: string) => {
    if (!raw) return;
    if (link) link.text += decode(raw);
    else inline(decode(raw), out);
  };
  const endLink = () => {
    if (!link) return;
    const label = link.text.replace(/\s+/g, " ").trim();
    if (link.href && label) out.push({ kind: "link", href: link.href, text: label });
    else if (label) out.push({ kind: "text", text: label });
    link = null;
  };
  for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
    const [whole, closing, rawName, attributes] = match;
    const name = rawName.toLowerCase();
    if (!HTML_TAGS.has(name) && !attributes.trim()) continue; // a <placeholder>: left in the text
    text(html.slice(last, match.index));
    last = match.index + whole.length;
    if (name === "a") {
      endLink();
      if (!closing) link = { href: hrefOf(attributes), text: "" };
    } else if (/^(br|p|div|li|tr|h[1-6])$/.test(name)) {
      text(" ");
    }
  }
  text(html.slice(last));
  endLink();
  // Neighbouring text pieces read better as one (and render as one text node).
  return out.reduce<RichSegment[]>((merged, segment) => {
    const previous = merged[merged.length - 1];
    if (previous?.kind === "text" && segment.kind === "text") previous.text += segment.text;
    else merged.push({ ...segment });
    return merged;
  }, []);
}

export function RichText({ text }: { text: string }) {
  const children: ComponentChildren = parseRichText(text).map((segment, index) =>
    segment.kind === "link" ? (
      <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
        {segment.text}
      </a>
    ) : segment.kind === "code" ? (
      <code key={index}>{segment.text}</code>
    ) : (
      segment.text
    ),
  );
  return <>{children}</>;
}
