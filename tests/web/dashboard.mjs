// Browser test of `microcosm serve` (run by tests/python/test_web.py): drives
// Debian's chromium with playwright-core against a running server.
//   MICROCOSM_URL  the server's address
//   CHROMIUM       the browser binary (default /usr/bin/chromium)
//   ARTIFACTS      directory for the screenshot
// Prints one line per check; exits 1 with the reason on the first failure.
import { createRequire } from "node:module";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../../web/package.json"));
const { chromium } = require("playwright-core");

const url = process.env.MICROCOSM_URL;
const artifacts = process.env.ARTIFACTS || path.join(here, "../../build/test-artifacts");
mkdirSync(artifacts, { recursive: true });

function check(cond, msg) {
  if (!cond) throw new Error(msg);
  console.log(`ok: ${msg}`);
}

const args = ["--use-angle=swiftshader", "--enable-unsafe-swiftshader", "--ignore-gpu-blocklist"];
if (process.getuid && process.getuid() === 0) args.push("--no-sandbox");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium", headless: true, args,
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 1100 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.__dashboard && window.__dashboard.info, null, { timeout: 10000 });
  check(await page.locator(".chart").count() >= 4, "the page loads with metric charts");
  const help = await page.locator(".chart .metric-help").first().textContent();
  check(help.length > 20, `each chart says what its metric measures ("${help.slice(0, 40)}...")`);
  const t0 = Number(await page.textContent("#time"));

  // A run starts and the charts fill.
  await page.click("#btn-start");
  await page.waitForFunction(() => Number(document.querySelector("#time").textContent) >= 15,
    null, { timeout: 20000 });
  await page.click("#btn-pause");
  const t1 = Number(await page.textContent("#time"));
  check(t1 > t0, `time advances (${t0} -> ${t1})`);
  await page.waitForFunction(() => Number(document.querySelector(".chart").dataset.points) > 5,
    null, { timeout: 5000 });
  const points = Number(await page.locator(".chart").first().getAttribute("data-points"));
  check(points > 5, `charts have points (${points})`);
  await page.waitForFunction(() => Number(document.querySelector("#net-main").dataset.nodes) > 0,
    null, { timeout: 10000 });
  const nodes = Number(await page.getAttribute("#net-main", "data-nodes"));
  const edges = Number(await page.getAttribute("#net-main", "data-edges"));
  check(nodes > 100, `the network view shows ${nodes} agents and ${edges} edges`);

  // A branch with an intervention diverges from main; before the branch
  // point both are the same run (same seed).
  await page.selectOption("#event-type", "need_support");
  await page.fill("#event-magnitude", "0.5");
  await page.click("#btn-branch-event");
  await page.waitForFunction(() => window.__dashboard.status && window.__dashboard.status.branch &&
    window.__dashboard.status.branch.caught_up, null, { timeout: 20000 });
  const start = await page.evaluate(() => window.__dashboard.status.branch.change.start);
  await page.fill("#step-n", "20");
  await page.click("#btn-step");
  const target = start + 20;
  await page.waitForFunction((t) => {
    const d = window.__dashboard;
    return d.status && d.status.time >= t && d.branch && d.branch.steps.includes(t) && d.main.steps.includes(t);
  }, target, { timeout: 20000 });
  const cmp = await page.evaluate((t) => {
    const d = window.__dashboard;
    const col = d.names.indexOf("significance");
    const at = (inst, s) => inst.rows[inst.steps.indexOf(s)][col];
    const start = d.status.branch.change.start;
    const common = d.main.steps.filter((s) => s <= start && d.branch.steps.includes(s));
    const same = common.length > 10 && common.every((s) => at(d.main, s) === at(d.branch, s));
    return { main: at(d.main, t), branch: at(d.branch, t), same, start, common: common.length };
  }, target);
  check(cmp.same, `main and branch agree at all ${cmp.common} recorded steps up to the branch point (step ${cmp.start})`);
  check(cmp.branch > cmp.main + 1e-3,
    `need_support raises significance in the branch (${cmp.branch.toFixed(4)} vs ${cmp.main.toFixed(4)} at step ${target})`);
  await page.waitForFunction(() => Number(document.querySelector("#net-branch").dataset.nodes) > 0,
    null, { timeout: 10000 });
  check(await page.isVisible("#net-branch"), "the branch network is drawn beside main");
  await page.waitForTimeout(600);
  const shot = path.join(artifacts, "dashboard.png");
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`screenshot: ${shot}`);

  // Bad input shows an error and the page keeps working.
  await page.fill("#step-n", "0");
  await page.click("#btn-step");
  await page.waitForSelector("#error:not([hidden])", { timeout: 5000 });
  check((await page.textContent("#error")).includes("n="), "a bad step count shows the server's message");
  check(errors.length === 0, `no page errors${errors.length ? ": " + errors.join("; ") : ""}`);
} catch (e) {
  console.log(`FAILED: ${e.message}`);
  failed = true;
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
