/** The dashboard app's entry point (index.html loads it; the page holds one <dash-app>). */
import { initialLanguage, useLanguage } from './i18n/localization.ts';

// The language first, so the first screen is already in it.
await useLanguage(initialLanguage(), false);
await import('./components/dashboard-app.ts');
