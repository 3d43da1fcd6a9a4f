#!/usr/bin/env node
// `npx onramp ...`: runs server/cli.ts through tsx (Onramp ships TypeScript, no build step).
import { register } from "tsx/esm/api";

register();
const { main } = await import(new URL("../server/cli.ts", import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
