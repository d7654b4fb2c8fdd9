// Checks HTML pages against WCAG 2.2 level AA and axe-core's best practices with axe-core, in headless Chromium driven by
// puppeteer-core (run by tests/accessibility.rs; `npm ci` in this folder installs both).
//
// Usage: node axe.mjs PAGE.html...
// Environment: CHROMIUM (the browser to run; default `chromium` on PATH).
//
// Prints each violation (page, rule id, impact, target selector, help URL), then a closing line
// `axe: P pages, N violations, R rules passed`. Exits 0 when no page has a violation, 1 when one
// has, 2 when a page could not be checked.
import { accessSync, constants, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// WCAG 2.0, 2.1 and 2.2, levels A and AA, and axe-core's best practices (rules outside WCAG:
// empty table headers, landmarks with the same label...): every rule tagged with one of these.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

const pages = process.argv.slice(2);
if (pages.length === 0) {
  console.error('usage: node axe.mjs PAGE.html...');
  process.exit(2);
}

// puppeteer-core wants the browser's path, not a name to look up on PATH.
function onPath(program) {
  for (const dir of (process.env.PATH || '').split(delimiter)) {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return join(dir, program);
    } catch {
      // not in this folder
    }
  }
  return program;
}

const browser = await puppeteer.launch({
  executablePath: onPath(process.env.CHROMIUM || 'chromium'),
  headless: true,
  // As root (CI) Chromium needs --no-sandbox; the rest keeps it off the network.
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

let violations = 0;
let passed = 0;
let failed = false;
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 1600 });
  for (const file of pages) {
    const url = pathToFileURL(resolve(file)).href;
    try {
      await page.goto(url, { waitUntil: 'load' });
      await page.evaluate(axeSource);
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
        TAGS,
      );
      passed += result.passes.length;
      for (const v of result.violations) {
        for (const node of v.nodes) {
          violations += 1;
          console.log(
            `${file}: ${v.id} (${v.impact}) at ${node.target.join(' ')}: ${v.help}; ${v.helpUrl}`,
          );
          if (node.failureSummary) {
            console.log(`    ${node.failureSummary.replace(/\n/g, '\n    ')}`);
          }
        }
      }
      // What axe could not decide (a colour over an image, say) is listed for a person to look at.
      const review = result.incomplete.map((r) => `${r.id} (${r.nodes.length})`);
      if (review.length > 0) {
        console.log(`${file}: to review by eye (axe could not decide): ${review.join(', ')}`);
      }
      if (result.passes.length === 0) {
        console.log(`${file}: axe ran no rule that passed: the page did not load as HTML`);
        failed = true;
      }
    } catch (e) {
      console.log(`${file}: cannot be checked: ${e.message}`);
      failed = true;
    }
  }
} finally {
  await browser.close();
}
console.log(`axe: ${pages.length} pages, ${violations} violations, ${passed} rules passed`);
process.exit(failed ? 2 : violations > 0 ? 1 : 0);
