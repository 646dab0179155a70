// Bundles the pages into the server's web root (src/Tracking.Server/wwwroot), which the build owns:
// it is emptied first, so nothing stale survives. Every package comes from node_modules (npm ci from the lockfile);
// nothing is fetched at build time or by the page at run time.
//   node build.mjs             minified bundles with content-hashed names under assets/, and each page's HTML naming its own
// Pages: the control room's live map (index.html, served at /) and the supervisors' reports (reports.html, served at /reports).
import * as esbuild from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const pages = [
  { entry: 'app', script: path.join(here, 'src', 'main.js'), html: 'index.html' },
  { entry: 'reports', script: path.join(here, 'src', 'reports', 'main.js'), html: 'reports.html' },
];
const outdir = path.resolve(here, '..', 'src', 'Tracking.Server', 'wwwroot');
const assets = path.join(outdir, 'assets');

await rm(outdir, { recursive: true, force: true });
await mkdir(assets, { recursive: true });

const result = await esbuild.build({
  entryPoints: Object.fromEntries(pages.map((page) => [page.entry, page.script])),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: ['chrome109', 'firefox115', 'safari16', 'edge109'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  outdir: assets,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  // Leaflet's stylesheet names its control images; they are bundled beside it.
  loader: { '.png': 'file', '.svg': 'file' },
  metafile: true,
  logLevel: 'warning',
});

// Each page's HTML names its hashed bundle; the server sends the pages with no-cache and the assets as immutable.
const outputs = Object.keys(result.metafile.outputs).map((file) => path.relative(outdir, path.resolve(file)));
const named = (entry, extension) => {
  const file = outputs.find((f) => f.startsWith(`assets/${entry}-`) && f.endsWith(extension));
  if (!file) throw new Error(`build.mjs: the bundle has no ${entry}-*${extension}`);
  return file;
};
for (const page of pages) {
  const template = await readFile(path.join(here, 'src', page.html), 'utf8');
  const html = template
    .replace(`{{${page.entry}.css}}`, named(page.entry, '.css'))
    .replace(`{{${page.entry}.js}}`, named(page.entry, '.js'));
  await writeFile(path.join(outdir, page.html), html);
}
console.log(`build.mjs: ${pages.map((p) => p.html).join(', ')} bundled into ${path.relative(process.cwd(), outdir) || '.'} (${outputs.length + pages.length} files)`);
