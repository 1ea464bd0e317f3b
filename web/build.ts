import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Builds the web console into `web/dist`: one ES module bundle (Preact, the console, and the same
 * shared/domain and shared/schemas code the engine runs) and one stylesheet, both content-hashed
 * under `assets/`, and `index.html` pointing at them (served with no-cache; the assets are immutable).
 * `npm run build:web`; the local runtime also calls `buildConsole()` when `web/dist` is missing.
 */
export const WEB_DIR = dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = join(WEB_DIR, 'dist');

export interface BuildResult {
  outDir: string;
  script: string;
  styles: string;
  bytes: number;
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
    bundle: true,
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
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([file]) => !file.endsWith('.map'));
  const find = (ext: string) => {
    const found = outputs.find(([file, meta]) => file.endsWith(ext) && meta.entryPoint);
    if (!found) throw new Error(`esbuild produced no ${ext} entry`);
    return basename(found[0]);
  };
  const script = find('.js');
  const styles = find('.css');
  const html = (await readFile(join(WEB_DIR, 'index.html'), 'utf8'))
    .replace('%SCRIPT%', script)
    .replace('%STYLES%', styles);
  await writeFile(join(outDir, 'index.html'), html);
  const bytes = outputs.reduce((sum, [, meta]) => sum + meta.bytes, 0);
  return { outDir, script, styles, bytes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildConsole();
  console.log(
    `web console built: ${built.outDir} (${built.script}, ${built.styles}, ${Math.round(built.bytes / 1024)} KiB)`,
  );
}
