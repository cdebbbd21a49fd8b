/** The dashboard app's entry point (index.html loads it; the page holds one <dash-app>). */
import './components/dashboard-app.ts';
