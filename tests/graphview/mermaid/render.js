// Renders Mermaid diagrams with the real `mermaid` npm package in headless Chromium
// (playwright-core, Debian chromium): node render.js INPUT.json OUTPUT.json
// INPUT: [{"name": ..., "text": ...}]; OUTPUT: [{"name", "ok", "error", "svg"}]. No network: the
// page is about:blank and mermaid.min.js is injected from node_modules.
const fs = require('fs');
const path = require('path');
const os = require('os');
const { chromium } = require('playwright-core');

(async () => {
  const [input, output] = process.argv.slice(2);
  const diagrams = JSON.parse(fs.readFileSync(input, 'utf8'));
  const exe = process.env.CHROMIUM || require('child_process').execSync('command -v chromium || command -v chromium-browser').toString().trim();
  const udd = fs.mkdtempSync(path.join(os.tmpdir(), 'stlint-mermaid-'));
  const ctx = await chromium.launchPersistentContext(udd, { executablePath: exe, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    await page.route('**/*', (r) => r.request().url().startsWith('data:') ? r.continue() : r.abort());
    await page.setContent('<!doctype html><html><body><div id="out"></div></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
    const results = await page.evaluate(async (diagrams) => {
      mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      const out = [];
      let i = 0;
      for (const d of diagrams) {
        try {
          await mermaid.parse(d.text);
          const { svg } = await mermaid.render('g' + (i++), d.text);
          out.push({ name: d.name, ok: true, error: null, svg });
        } catch (e) {
          out.push({ name: d.name, ok: false, error: String(e && e.message || e), svg: null });
        }
      }
      return out;
    }, diagrams);
    fs.writeFileSync(output, JSON.stringify(results));
  } finally {
    await ctx.close();
    fs.rmSync(udd, { recursive: true, force: true });
  }
})().catch((e) => { console.error(e); process.exit(1); });
