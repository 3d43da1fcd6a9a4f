// Bundles the embeddable widget and the operator console with esbuild.
// The widget is what host pages download, so it is minified and kept under a gzip budget
// (widget/size.test.ts); the console is a separate bundle so it never counts against it.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const distDir = path.join(here, "dist");
export const WIDGET_BUDGET_BYTES = 25 * 1024;

/** Builds both bundles into `outDir` (a temp dir in tests, so a running server never reads a half-written file). */
export async function buildWidget(outDir = distDir): Promise<{ widgetGzip: number; consoleGzip: number }> {
  const common = {
    bundle: true,
    minify: true,
    format: "esm" as const,
    target: "es2020",
    jsx: "automatic" as const,
    jsxImportSource: "preact",
    legalComments: "none" as const,
    logLevel: "warning" as const,
  };
  // widget.js works from a plain <script> tag (and from type="module"): it defines the element
  // and leaves mount() on window.Onramp. widget.mjs is the same for bundlers and imports.
  await build({ ...common, format: "iife", globalName: "Onramp", entryPoints: [path.join(here, "index.ts")], outfile: path.join(outDir, "widget.js") });
  await build({ ...common, entryPoints: [path.join(here, "index.ts")], outfile: path.join(outDir, "widget.mjs") });
  await build({
    ...common,
    entryPoints: [path.join(here, "console", "main.tsx")],
    outfile: path.join(outDir, "console.js"),
  });
  const gz = (file: string) => gzipSync(readFileSync(path.join(outDir, file))).length;
  return { widgetGzip: gz("widget.js"), consoleGzip: gz("console.js") };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = await buildWidget();
  console.log(
    `widget.js ${(sizes.widgetGzip / 1024).toFixed(1)} KB gzip (budget ${WIDGET_BUDGET_BYTES / 1024} KB), ` +
      `console.js ${(sizes.consoleGzip / 1024).toFixed(1)} KB gzip`,
  );
}
