// Builds the dashboard into dist/ (committed, so building microcosm needs no
// network): dist/index.html, dist/app.js and dist/app.css. `make web`.
import { build } from "esbuild";
import { copyFileSync, mkdirSync } from "node:fs";

mkdirSync("dist", { recursive: true });
await build({
  entryPoints: { app: "src/main.js" },
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  outdir: "dist",
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync("index.html", "dist/index.html");
console.log("web: built dist/index.html, dist/app.js, dist/app.css");
