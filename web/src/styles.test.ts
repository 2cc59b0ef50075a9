import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The styles' layout: tokens.css holds every colour and font; each area's CSS sits beside the
 * components that import it. A colour typed anywhere else would fork the theme.
 */
const srcDir = fileURLToPath(new URL('.', import.meta.url));

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name), ext) : ext.test(e.name) ? [join(dir, e.name)] : [],
  );
}

const cssFiles = files(srcDir, /\.css$/);
const codeFiles = files(srcDir, /\.tsx?$/);
const withoutComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '');
const colourLiteral = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|oklch|lab|lch)\(|(?<![-\w])(?:white|black|red|green|blue|gray|grey|yellow|orange|pink|purple)(?![-\w])/i;

describe('web styles', () => {
  it('keep colours and font families in tokens.css only', () => {
    const offenders = cssFiles
      .filter((f) => !f.endsWith('/tokens.css'))
      .flatMap((f) =>
        withoutComments(readFileSync(f, 'utf8'))
          .split('\n')
          .map((line, i) => ({ where: `${relative(srcDir, f)}:${i + 1}`, line: line.trim() }))
          .filter(({ line }) => colourLiteral.test(line) || (/font-family:/.test(line) && !/var\(--font-/.test(line))),
      );
    expect(offenders).toEqual([]);
  });

  it('tokens.css declares custom properties and nothing else', () => {
    const tokens = withoutComments(readFileSync(join(srcDir, 'tokens.css'), 'utf8'));
    const declarations = tokens.replace(/^\s*:root\s*\{|\}\s*$/g, '').split(';').map((d) => d.trim()).filter(Boolean);
    expect(declarations.filter((d) => !d.startsWith('--'))).toEqual([]);
  });

  it('every stylesheet is imported by the code beside it', () => {
    const code = codeFiles.map((f) => readFileSync(f, 'utf8')).join('\n');
    const orphans = cssFiles.filter((f) => {
      const name = f.split('/').pop()!;
      return !code.includes(`/${name}';`);
    });
    expect(orphans.map((f) => relative(srcDir, f))).toEqual([]);
  });
});
