/**
 * Deep Linking 2.0: a teacher adding the tool to a course picks a module (and, if they wish, a
 * language) from the modules this server has; the answer to the platform is a signed
 * LtiDeepLinkingResponse holding one resource link with a line item, so the gradebook has a
 * column for the module before anyone launches it.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT } from 'jose';
import { escapeHtml } from '../../core/html.ts';
import { HttpError } from '../http/errors.ts';
import type { LtiPlatform } from '../storage/lti-store.ts';
import { CLAIMS } from './claims.ts';
import type { HostedModule } from '../hosted/modules.ts';
import { autoPost, page } from '../hosted/pages.ts';
import type { DeepLinkClaims } from './play.ts';
import type { ToolKey } from './tool-key.ts';

/** The language names the picker shows, in their own language. */
const LANGUAGE_NAMES: Record<string, string> = {
  en: 'English', fr: 'Français', es: 'Español', nl: 'Nederlands', pl: 'Polski', da: 'Dansk', sk: 'Slovenčina', de: 'Deutsch',
};
const languageName = (tag: string) => LANGUAGE_NAMES[tag] ?? tag;

/** The picker: one choice per module, the language, and a button; posts to `action`. */
export function pickerPage(modules: HostedModule[], action: string): string {
  if (!modules.length) return page('No modules to add', '<h1>No modules to add</h1><p>This server has no built modules yet: its administrator runs <code>npm run build</code>.</p>');
  const choices = modules
    .map((m, i) => {
      const title = m.titles[m.defaultLanguage] ?? m.slug;
      return `<label><input type="radio" name="module" value="${escapeHtml(m.slug)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(title)} <small>(${m.languages.map(languageName).map(escapeHtml).join(', ')}; version ${escapeHtml(m.version)})</small></label>`;
    })
    .join('');
  const languages = [...new Set(modules.flatMap((m) => m.languages))];
  const options = [`<option value="">Each learner's own language in the LMS</option>`, ...languages.map((l) => `<option value="${escapeHtml(l)}">${escapeHtml(languageName(l))}</option>`)].join('');
  return page(
    'Add an INPROCAP module',
    `<h1>Add an INPROCAP module</h1>
<form method="post" action="${escapeHtml(action)}">
<fieldset><legend>Module</legend>${choices}</fieldset>
<p><label for="language">Language</label><select id="language" name="language">${options}</select></p>
<p><button type="submit">Add to the course</button></p>
</form>`,
  );
}

/** The signed answer to the platform, as a page that posts it to the platform's return address. */
export async function deepLinkingAnswer(options: {
  key: ToolKey;
  platform: LtiPlatform;
  request: DeepLinkClaims;
  module: HostedModule;
  language: string;
  launchUrl: string;
}): Promise<string> {
  const { key, platform, request, module, language, launchUrl } = options;
  if (language && !module.languages.includes(language)) {
    throw new HttpError(400, `"${module.titles[module.defaultLanguage]}" has no ${languageName(language)} version (it has ${module.languages.map(languageName).join(', ')}): pick another language`);
  }
  const title = module.titles[language || module.defaultLanguage] ?? module.titles[module.defaultLanguage] ?? module.slug;
  const url = new URL(launchUrl);
  url.searchParams.set('module', module.slug);
  const item = {
    type: 'ltiResourceLink',
    title,
    url: url.toString(),
    custom: { module: module.slug, ...(language ? { language } : {}) },
    // A gradebook column for the module: scores are percentages.
    lineItem: { scoreMaximum: 100, label: title, resourceId: module.slug },
  };
  const jwt = await new SignJWT({
    [CLAIMS.messageType]: 'LtiDeepLinkingResponse',
    [CLAIMS.version]: '1.3.0',
    [CLAIMS.deploymentId]: request.deploymentId,
    [CLAIMS.deepLinkingContentItems]: [item],
    ...(request.data !== undefined ? { [CLAIMS.deepLinkingData]: request.data } : {}),
    nonce: randomBytes(16).toString('base64url'),
  })
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(platform.clientId)
    .setAudience(platform.issuer)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key.privateKey);
  return autoPost(`Adding "${title}" to the course`, request.returnUrl, { JWT: jwt });
}
