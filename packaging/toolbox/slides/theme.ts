/**
 * The slides' Marp theme: the Toolbox's colours and Noto Sans, with the font files embedded as data
 * URLs so that a deck is one HTML file that works offline. Contrast meets WCAG AA (text on white
 * and white on the accent blue are above 7:1).
 */
import { readFileSync } from 'node:fs';
import { fontFaces } from '../fonts.ts';

export function themeCss(): string {
  const sans = fontFaces((name, source) => (name.startsWith('noto-sans') ? `data:font/woff2;base64,${readFileSync(source).toString('base64')}` : ''))
    .split('\n')
    .filter((rule) => rule.includes("'Noto Sans'"))
    .join('\n');
  return `/* @theme inprocap */
@import 'default';
${sans}
section {
  font-family: 'Noto Sans', 'Helvetica Neue', Arial, sans-serif;
  font-size: 27px;
  color: #1b1b1f;
  background: #ffffff;
  padding: 56px 72px 64px;
  justify-content: flex-start;
}
section h1, section h2 { color: #0b4f8c; font-weight: 700; }
section h2 { font-size: 40px; margin: 0 0 24px; border-bottom: 4px solid #f2b705; padding-bottom: 8px; }
section ul, section ol { margin: 0; }
section li { margin: 8px 0; line-height: 1.35; }
section table { font-size: 21px; border-collapse: collapse; }
section th { background: #0b4f8c; color: #ffffff; }
section th, section td { border: 1px solid #b9b9c6; padding: 6px 10px; }
section a { color: #0b4f8c; }
section::after { color: #4a4a55; font-size: 18px; }
section.title, section.divider { background: #0b4f8c; color: #ffffff; justify-content: center; }
section.title h1, section.divider h1 { color: #ffffff; font-size: 56px; line-height: 1.15; }
section.title a, section.divider a { color: #ffffff; }
section.title p, section.divider p { font-size: 26px; }
`;
}
