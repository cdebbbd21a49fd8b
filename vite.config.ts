import { defineConfig } from 'vite';

/**
 * Builds the browser runtime once into dist/runtime; packaging then copies it into every module
 * package with that module's compiled course embedded in index.html.
 */
export default defineConfig({
  root: 'src',
  // Packages are served from whatever path an LMS chooses: every URL must be relative.
  base: './',
  build: {
    outDir: '../dist/runtime',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    reportCompressedSize: false,
    sourcemap: false,
  },
});
