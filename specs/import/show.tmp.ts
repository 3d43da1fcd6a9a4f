import { readFileSync } from "node:fs";
import { createDraft } from "/work/wt-import/specs/import/create-draft.ts";
const d = await createDraft(readFileSync(process.argv[2], "utf8"));
console.log(JSON.stringify({ base: d.baseUrl, fields: d.fields.map(f=>[f.key,f.default,f.required]), auth: d.auth.map(a=>[a.kind,a.key,a.fields.map(f=>f.key), a.reason]) }, null, 0));
for (const e of d.entities) console.log(e.id, e.name, JSON.stringify(e.recordPath), JSON.stringify(e.primaryKey), JSON.stringify(e.pagination), e.parent ? JSON.stringify(e.parent) : "", JSON.stringify(e.queryFields));
