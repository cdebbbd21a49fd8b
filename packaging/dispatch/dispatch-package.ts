/**
 * Thin SCORM packages ("dispatch" packages) for LMSs that take only SCORM: a manifest and one
 * small page that opens the LMS session, frames the module as the project's server plays it now,
 * and passes the module's SCORM calls to the LMS (protocol: core/dispatch.ts). The package never
 * changes when the content does: the server has the content, the package only a signed key.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Course } from '../../core/content/schema.ts';
import { RELAYED_READS, type DispatchFormat } from '../../core/dispatch.ts';
import { escapeHtml } from '../../core/html.ts';
import { scorm12 } from '../formats/scorm12.ts';
import { scorm2004 } from '../formats/scorm2004.ts';
import type { Log } from '../log.ts';
import { formatReport, validatePackage, type ValidationReport } from '../validate/validate-package.ts';
import { zipFiles } from '../zip.ts';

export interface DispatchOptions {
  /** The server's public address, e.g. https://lrs.example.org */
  server: string;
  /** The partner's signed key (lrs/dispatch/keys.ts). */
  key: string;
  org: string;
}

/**
 * The page's script, plain ES2017 (it runs in whatever browser the LMS serves): finds the API
 * the ADL way, opens the session, reads what the module reads at start, frames the module, then
 * passes every write on. If the LMS page goes before the module has ended the session, it ends it.
 */
const RELAY_SCRIPT = `(function () {
  var config = JSON.parse(document.getElementById('dispatch').textContent);
  var v12 = config.format === 'scorm12';
  var names = v12
    ? { api: 'API', init: 'LMSInitialize', finish: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', error: 'LMSGetLastError', text: 'LMSGetErrorString', exit: 'cmi.core.exit', time: 'cmi.core.session_time', status: 'cmi.core.lesson_status' }
    : { api: 'API_1484_11', init: 'Initialize', finish: 'Terminate', get: 'GetValue', set: 'SetValue', commit: 'Commit', error: 'GetLastError', text: 'GetErrorString', exit: 'cmi.exit', time: 'cmi.session_time', status: 'cmi.completion_status' };
  function find(win) {
    for (var steps = 0; win && steps <= 10; steps++) {
      try { if (win[names.api]) return win[names.api]; } catch (e) { /* another origin */ }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  var api = find(window) || (window.opener && find(window.opener)) || (window.top && window.top.opener && find(window.top.opener));
  var open = !!api && String(api[names.init]('')) === 'true';
  var ended = false, finished = false, started = Date.now();
  var frame = document.getElementById('module');
  var origin = new URL(config.server).origin;
  function read() {
    var values = {};
    config.reads.forEach(function (element) {
      var value = api[names.get](element);
      values[element] = { value: value == null ? '' : String(value), error: Number(api[names.error]()) || 0 };
    });
    return values;
  }
  function refused(call) {
    var code = String(api[names.error]());
    frame.contentWindow.postMessage({ type: 'inprocap:error', call: call, code: Number(code) || 0, message: String(api[names.text](code) || '') }, origin);
  }
  window.addEventListener('message', function (event) {
    if (event.source !== frame.contentWindow || event.origin !== origin || !event.data) return;
    var m = event.data;
    if (m.type === 'inprocap:ready') {
      frame.contentWindow.postMessage({ type: 'inprocap:lms', connected: open, values: open ? read() : {} }, origin);
      return;
    }
    if (!open || ended) return;
    if (m.type === 'inprocap:set') {
      if (m.element === names.status && (m.value === 'completed' || m.value === 'passed' || m.value === 'failed')) finished = true;
      if (String(api[names.set](String(m.element), String(m.value))) !== 'true') refused('SetValue(' + m.element + ')');
    } else if (m.type === 'inprocap:commit') {
      if (String(api[names.commit]('')) !== 'true') refused('Commit');
    } else if (m.type === 'inprocap:finish') {
      ended = true;
      if (String(api[names.finish]('')) !== 'true') refused('Finish');
    }
  });
  function duration(ms) {
    var s = Math.round(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    if (!v12) return 'PT' + h + 'H' + m + 'M' + r + 'S';
    return (h < 10 ? '000' : h < 100 ? '00' : h < 1000 ? '0' : '') + h + ':' + (m < 10 ? '0' : '') + m + ':' + (r < 10 ? '0' : '') + r;
  }
  window.addEventListener('pagehide', function () {
    if (!open || ended) return;
    ended = true;
    api[names.set](names.time, duration(Date.now() - started));
    if (!finished) api[names.set](names.exit, 'suspend');
    api[names.commit]('');
    api[names.finish]('');
  });
  frame.src = config.server + '/dispatch/' + encodeURIComponent(config.module) + '?key=' + encodeURIComponent(config.key) + '&format=' + config.format;
})();`;

/** The package's page: the module fills it, framed from the server. */
export function relayPage(course: Course, format: DispatchFormat, options: DispatchOptions): string {
  const title = course.content[course.defaultLanguage]!.title;
  const config = { server: options.server.replace(/\/$/, ''), module: course.slug, key: options.key, format, reads: RELAYED_READS[format] };
  return `<!doctype html>
<html lang="${escapeHtml(course.defaultLanguage)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>html,body{height:100%;margin:0}iframe{display:block;width:100%;height:100%;border:0}</style>
<script type="application/json" id="dispatch">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>
</head>
<body>
<iframe id="module" title="${escapeHtml(title)}" allow="fullscreen"></iframe>
<script>${RELAY_SCRIPT}</script>
</body>
</html>
`;
}

export interface DispatchResult {
  slug: string;
  format: DispatchFormat;
  file: string;
  bytes: number;
  validation: ValidationReport;
}

export const dispatchPackageName = (course: Course, format: DispatchFormat, org: string) => `${course.slug}-${org}-dispatch-${format}.zip`;

/** One package per module and format, validated like every package. */
export async function buildDispatchPackages(courses: Course[], formats: DispatchFormat[], outDir: string, options: DispatchOptions, log: Log): Promise<DispatchResult[]> {
  mkdirSync(outDir, { recursive: true });
  const results: DispatchResult[] = [];
  for (const course of courses) {
    for (const format of formats) {
      const page = relayPage(course, format, options);
      const root = (format === 'scorm12' ? scorm12 : scorm2004).rootFiles(course, ['index.html']);
      const files: [string, string | Buffer][] = [['imsmanifest.xml', root.get('imsmanifest.xml')!], ['index.html', page], ...[...root].filter(([name]) => name !== 'imsmanifest.xml').sort(([a], [b]) => (a < b ? -1 : 1))];
      const zip = await zipFiles(files);
      const name = dispatchPackageName(course, format, options.org);
      const file = join(outDir, name);
      writeFileSync(file, zip);
      const validation = await validatePackage(zip, name);
      if (!validation.valid) log.warn(formatReport(validation));
      log.info(`  ${name}: ${(zip.length / 1024).toFixed(1)} KB, ${validation.valid ? 'valid' : 'INVALID'}`);
      results.push({ slug: course.slug, format, file, bytes: zip.length, validation });
    }
  }
  return results;
}
