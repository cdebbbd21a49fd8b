/**
 * The Toolbox's typefaces: Noto Serif for text and Noto Sans for headings (SIL Open Font License,
 * from @fontsource), in the Latin and Latin Extended subsets, which cover every language of the
 * modules (Polish, Slovak, Danish, German, French, Spanish, Dutch). Printed documents embed them;
 * the Toolbox site serves the same files.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Unicode ranges of @fontsource's subsets (as in its own CSS). */
const SUBSETS = {
  latin: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext': 'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
} as const;

interface Face {
  family: 'Noto Serif' | 'Noto Sans';
  weight: 400 | 700;
  style: 'normal' | 'italic';
}

const FACES: Face[] = [
  { family: 'Noto Serif', weight: 400, style: 'normal' },
  { family: 'Noto Serif', weight: 400, style: 'italic' },
  { family: 'Noto Serif', weight: 700, style: 'normal' },
  { family: 'Noto Sans', weight: 400, style: 'normal' },
  { family: 'Noto Sans', weight: 700, style: 'normal' },
];

const packageOf = (family: Face['family']) => (family === 'Noto Serif' ? '@fontsource/noto-serif' : '@fontsource/noto-sans');
const fileName = (face: Face, subset: keyof typeof SUBSETS) =>
  `${face.family.toLowerCase().replace(' ', '-')}-${subset}-${face.weight}-${face.style}.woff2`;
const sourcePath = (face: Face, subset: keyof typeof SUBSETS) =>
  join(dirname(require.resolve(`${packageOf(face.family)}/package.json`)), 'files', fileName(face, subset));

/** Every font file, with where it comes from and its name in a copy. */
export function fontFiles(): { source: string; name: string }[] {
  return FACES.flatMap((face) => (Object.keys(SUBSETS) as (keyof typeof SUBSETS)[]).map((subset) => ({ source: sourcePath(face, subset), name: fileName(face, subset) })));
}

/** `@font-face` rules; `url(name)` says where each file is (a file: URL for printing, a relative path on the site). */
export function fontFaces(url: (name: string, source: string) => string): string {
  return FACES.flatMap((face) =>
    (Object.keys(SUBSETS) as (keyof typeof SUBSETS)[]).map(
      (subset) =>
        `@font-face { font-family: '${face.family}'; font-style: ${face.style}; font-weight: ${face.weight}; font-display: swap; src: url('${url(fileName(face, subset), sourcePath(face, subset))}') format('woff2'); unicode-range: ${SUBSETS[subset]}; }`,
    ),
  ).join('\n');
}

/** Copies the font files into `dir` (the Toolbox site's fonts/). */
export function copyFonts(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const { source, name } of fontFiles()) copyFileSync(source, join(dir, name));
}
