// Browser test of a `microcosm report` HTML file (run by
// tests/python/test_web.py): opens it in Debian's chromium with the network
// disabled and checks that it renders every section and every figure.
//   REPORT    the .html file
//   CHROMIUM  the browser binary (default /usr/bin/chromium)
//   ARTIFACTS directory for the screenshot
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../../web/package.json"));
const { chromium } = require("playwright-core");

const SECTIONS = ["scenario", "metrics", "opinions", "communities", "needs", "platforms", "network"];
const artifacts = process.env.ARTIFACTS || path.join(here, "../../build/test-artifacts");
mkdirSync(artifacts, { recursive: true });

function check(cond, msg) {
  if (!cond) throw new Error(msg);
  console.log(`ok: ${msg}`);
}

const args = [];
if (process.getuid && process.getuid() === 0) args.push("--no-sandbox");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args,
});
let failed = false;
try {
  const context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 1000 } });
  const outside = [];
  await context.route("**/*", (route) => {
    const u = route.request().url();
    if (u.startsWith("file:") || u.startsWith("data:")) return route.continue();
    outside.push(u);
    return route.abort();
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(process.env.REPORT).href);
  await page.waitForLoadState("load");
  for (const id of SECTIONS) {
    const h = await page.locator(`section#${id} h2`).textContent();
    check(h && h.length > 0, `section #${id} renders ("${h}")`);
  }
  const imgs = await page.evaluate(() => [...document.images].map((i) => ({
    ok: i.complete && i.naturalWidth > 0, data: i.src.startsWith("data:image/png;base64,"), alt: i.alt })));
  check(imgs.length >= 6, `${imgs.length} figures`);
  check(imgs.every((i) => i.ok && i.data), "every figure is an inlined PNG that decodes");
  check(await page.locator("section#network img").count() >= 1, "the network section draws a sample");
  check(outside.length === 0, `no request leaves the file (${outside.join(", ")})`);
  check(errors.length === 0, `no page errors${errors.length ? ": " + errors.join("; ") : ""}`);
  await page.screenshot({ path: path.join(artifacts, "report.png") });
} catch (e) {
  console.log(`FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
