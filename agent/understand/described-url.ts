// Links read as a field's description shows them. (1) "You can find form IDs in your form URLs. For example, in the URL https://mysite.typeform.com/to/u6nXL7
// the form_id is u6nXL7": a description that shows where the value sits in a link. A link the
// person pastes for such a field gives the part in that place, not the link whole. The place is
// the part of the described link the description also names on its own (or one of the field's
// examples); the link pasted must match the described one everywhere else in its path. (2) A URL
// field's link written as its description or examples show links (urlAsDescribed below).
import type { Question } from "../../specs/types.ts";

interface Place {
  /** Path parts of the described link, with the value's index. */
  parts: string[];
  at: number;
}

const cache = new WeakMap<Question, Place | null>();
const linksCache = new WeakMap<Question, string[]>();

/** The links a field's description writes (in backticks or not), without a closing mark: read once per question. */
function describedLinks(question: Question): string[] {
  let links = linksCache.get(question);
  if (!links) {
    links = [...(question.description ?? "").matchAll(/https?:\/\/[^\s"'<>)\]`]+/g)].map((match) => match[0].replace(/[.,;]+$/, ""));
    linksCache.set(question, links);
  }
  return links;
}
const PLACEHOLDER = /^(?:x{3,}|y{3,}|z{3,}|X{3,}|Y{3,}|<[^>]+>|\{[^}]+\}|:[a-z_]+|[A-Z]+_[A-Z_]+)$/;

/** Whether the field's description shows where its value sits in a link. */
export function describesPlace(question: Question): boolean {
  return placeOf(question) !== null;
}

function placeOf(question: Question): Place | null {
  if (cache.has(question)) return cache.get(question)!;
  let place: Place | null = null;
  const description = question.description ?? "";
  const examples = [...(question.examples ?? []), question.example].filter((item): item is string => typeof item === "string");
  for (const link of describedLinks(question)) {
    let url: URL;
    try {
      url = new URL(link);
    } catch {
      continue;
    }
    const parts = url.pathname.split("/").filter(Boolean);
    const outside = description.split(link).join(" ");
    let at = parts.findIndex((part) => part.length >= 3 && (examples.includes(part) || new RegExp(`(?:^|[^\\w/])${part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w/])`).test(outside)));
    // (Or a placeholder in its place: ".../organization/circleci/xxxxx/overview", "<id>", "{id}",
    // "YYYYY"; of several, the last is the field's own.)
    if (at < 0) {
      const holders = parts.map((part, index) => (PLACEHOLDER.test(part) ? index : -1)).filter((index) => index >= 0);
      if (holders.length) at = holders[holders.length - 1];
    }
    if (at >= 0) {
      place = { parts, at };
      break;
    }
  }
  cache.set(question, place);
  return place;
}

/** The value a pasted link holds where the description shows it; the text as it was otherwise. */
export function fromDescribedUrl(question: Question, value: string): string {
  if (!/^https?:\/\//i.test(value) || [...(question.examples ?? []), question.example].some((example) => typeof example === "string" && /^https?:\/\//i.test(example))) return value;
  const place = placeOf(question);
  if (!place) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  const parts = url.pathname.split("/").filter(Boolean);
  if (parts.length < place.parts.length) return value;
  const same = place.parts.every((part, index) => index === place.at || part === parts[index]);
  return same && parts[place.at] ? decodeURIComponent(parts[place.at]) : value;
}

/**
 * A link given for a URL field, written as its description shows such links: "No trailing slash"
 * ("without trailing slash") drops the closing "/", and a link to a page under the address shown ("ex: https://host/api"
 * against ".../api/client/features?project=x", a request copied from a browser or curl) is cut
 * back to that address. A link only a little longer than the one shown is kept: it may be meant.
 */
export function urlAsDescribed(question: Question, value: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(value)) return value;
  const description = question.description ?? "";
  const shown = [...(question.examples ?? []), question.example, ...describedLinks(question)].filter((item): item is string => typeof item === "string" && /^https?:\/\//i.test(item));
  // ("Shop URL without trailing slash.", with no link shown.)
  const noSlash = /\b(?:no|without(?: a| the| any)?|omit(?:ting)? the|remove the) trailing slash/i.test(description);
  if (shown.length === 0) return noSlash ? value.replace(/\/+$/, "") : value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value;
  }
  let out = value;
  const parts = url.pathname.split("/").filter(Boolean);
  for (const example of shown) {
    let at: URL;
    try {
      at = new URL(example);
    } catch {
      continue;
    }
    const base = at.pathname.split("/").filter(Boolean);
    if (base.length === 0 || !base.every((part, index) => parts[index] === part)) continue;
    if (url.search || parts.length - base.length >= 2) out = `${url.origin}/${base.join("/")}`;
    break;
  }
  if (noSlash || (shown.every((example) => !example.endsWith("/")) && url.pathname === "/" && !url.search)) out = out.replace(/\/+$/, "");
  return out;
}

/**
 * "This is usually the identifier before .snowflakecomputing.com": a host said whole for a field
 * whose description says its value is the part before a domain is written without that domain.
 */
export function beforeDescribedDomain(question: Question, value: string): string {
  const domain = /\bbefore\s+[`"'‘“]?(\.[a-z0-9-]+(?:\.[a-z0-9-]+)+)/i.exec(question.description ?? "")?.[1];
  if (!domain || !value.toLowerCase().endsWith(domain.toLowerCase())) return value;
  const part = value.slice(0, -domain.length).replace(/^[a-z]+:\/\//i, "");
  return part && !/[/\s]/.test(part) ? part : value;
}
