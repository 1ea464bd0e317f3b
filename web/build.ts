import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';

/**
 * Builds the web console into `web/dist`: an ES module entry that holds the shell (sign-in, header,
 * router) and one chunk per page, loaded when the page is first opened, with the chunks they share
 * split out; one stylesheet; all content-hashed under `assets/`, each also written brotli- and
 * gzip-compressed (`.br`, `.gz`) for the local runtime to serve as asked by `Accept-Encoding`
 * (CloudFront compresses on its own). `index.html` points at them and preloads the entry.
 * `npm run build:web`; the local runtime also calls `buildConsole()` when `web/dist` is missing.
 */
export const WEB_DIR = dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = join(WEB_DIR, 'dist');

export interface BuildResult {
  outDir: string;
  script: string;
  styles: string;
  /** Minified bytes of every script and stylesheet. */
  bytes: number;
  /** Per page (`dashboard`, `directives`…): gzipped bytes of all the script it loads, shell included. */
  pageScripts: Record<string, number>;
}

/** zod's classic and core APIs re-export every locale; the console needs English only (see zod-locales.ts). */
const zodLocales: Plugin = {
  name: 'zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(join('node_modules', 'zod', 'v4'))
        ? { path: join(WEB_DIR, 'build', 'zod-locales.ts') }
        : undefined,
    );
  },
};

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Writes `<file>.br` and `<file>.gz` next to the page and each script, stylesheet and map. */
async function precompress(files: string[]): Promise<void> {
  await Promise.all(
    files.map(async (file) => {
      const body = await readFile(file);
      const br = await brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
      await writeFile(`${file}.br`, br);
      await writeFile(`${file}.gz`, await gzipped(body, { level: 9 }));
    }),
  );
}

/** The output of one entry point (the pages' chunks are entry points of esbuild's too). */
function entryFile(outputs: Metafile['outputs'], entry: string): string {
  const found = Object.entries(outputs).find(
    ([file, meta]) => !file.endsWith('.map') && meta.entryPoint === entry,
  );
  if (!found) throw new Error(`esbuild produced no output for ${entry}`);
  return basename(found[0]);
}

/** Every script file `file` loads before it runs (its static imports, transitively), itself included. */
function closure(outputs: Metafile['outputs'], file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const i of outputs[file]?.imports ?? [])
    if (i.kind === 'import-statement') closure(outputs, i.path, seen);
  return seen;
}

/** What each page costs a phone: the shell's scripts and the page's, gzipped, each file counted once. */
async function pageScripts(outputs: Metafile['outputs'], shell: string): Promise<Record<string, number>> {
  const gz = async (file: string) => (await readFile(`${file}.gz`)).length;
  const shellFiles = closure(outputs, shell);
  const weights: Record<string, number> = {};
  for (const [file, meta] of Object.entries(outputs)) {
    const page = /src\/pages\/(.+)\.tsx$/.exec(meta.entryPoint ?? '')?.[1];
    if (!page || file.endsWith('.map')) continue;
    const files = closure(outputs, file, new Set(shellFiles));
    weights[page] = (await Promise.all([...files].map(gz))).reduce((a, b) => a + b, 0);
  }
  return weights;
}

export async function buildConsole(
  options: { outDir?: string; minify?: boolean } = {},
): Promise<BuildResult> {
  const outDir = options.outDir ?? DIST_DIR;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });
  const result = await build({
    entryPoints: { app: join(WEB_DIR, 'src/main.tsx'), styles: join(WEB_DIR, 'src/styles.css') },
    outdir: join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: options.minify ?? true,
    sourcemap: true,
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [zodLocales],
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const { outputs } = result.metafile;
  const script = entryFile(outputs, 'web/src/main.tsx');
  const styles = entryFile(outputs, 'web/src/styles.css');
  const html = (await readFile(join(WEB_DIR, 'index.html'), 'utf8'))
    .replaceAll('%SCRIPT%', script)
    .replace('%STYLES%', styles);
  await writeFile(join(outDir, 'index.html'), html);
  await precompress([
    join(outDir, 'index.html'),
    ...Object.keys(outputs).filter((f) => /\.(js|css|map|txt)$/.test(f)),
  ]);
  const bytes = Object.entries(outputs)
    .filter(([file]) => /\.(js|css)$/.test(file))
    .reduce((sum, [, meta]) => sum + meta.bytes, 0);
  const shell = Object.keys(outputs).find((f) => basename(f) === script) ?? script;
  return { outDir, script, styles, bytes, pageScripts: await pageScripts(outputs, shell) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildConsole();
  console.log(
    `web console built: ${built.outDir} (${built.script}, ${built.styles}, ${Math.round(built.bytes / 1024)} KiB)`,
  );
  for (const [page, gz] of Object.entries(built.pageScripts))
    console.log(`  ${page.padEnd(12)} ${(gz / 1024).toFixed(1).padStart(6)} KiB of script, gzipped`);
}
