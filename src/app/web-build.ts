import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webDistDir } from './hutong';

const viteConfig = fileURLToPath(new URL('../../web/vite.config.ts', import.meta.url));

/**
 * Builds the web app with Vite (a few seconds) into `outDir` (web/dist by default), unless a build
 * is already there; `force` rebuilds. Tests build into a directory of their own run.
 */
export async function buildWeb({ force = false, outDir = webDistDir } = {}): Promise<'built' | 'present'> {
  if (!force && existsSync(join(outDir, 'index.html'))) return 'present';
  const { build } = await import('vite');
  await build({ configFile: viteConfig, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return 'built';
}
