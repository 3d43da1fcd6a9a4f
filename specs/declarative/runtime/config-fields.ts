// Which config fields a template reads, as JSON pointers: `{{ config['api_key'] }}` → /api_key,
// `{{ config.credentials.access_token }}` → /credentials/access_token, `config.get('x')` → /x.
// A failed check points the person at these fields (the key the authenticator sent, the
// subdomain in url_base). Read from the template text: no rendering is needed to know what a
// template reaches for.
import { toPointer } from "../../pointer.ts";

const ACCESS = /\s*(?:\.get\(\s*(['"])(.*?)\1\s*(?:,[^)]*)?\)|\.\s*([A-Za-z_][A-Za-z0-9_]*)(?![A-Za-z0-9_]|\s*\()|\[\s*(['"])(.*?)\4\s*\])/y;

/** Config pointers a template (or any value holding templates) reads, in order of appearance. */
export function configFieldsOf(value: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (typeof node === "string") {
      for (const match of node.matchAll(/\bconfig\b/g)) {
        const segments: string[] = [];
        ACCESS.lastIndex = match.index! + match[0].length;
        let access: RegExpExecArray | null;
        while ((access = ACCESS.exec(node))) segments.push(access[2] ?? access[3] ?? access[5]);
        if (segments.length > 0) found.push(toPointer(segments));
      }
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") Object.values(node).forEach(visit);
  };
  visit(value);
  return [...new Set(found)];
}
