/**
 * Hosted launch, as the LRS administrator manages it: `inprocap lrs lti …` registers partners'
 * LMSs (LTI 1.3), `inprocap lrs dispatch …` lists and revokes the keys of dispatch packages.
 * See the README, "Hosting for partners".
 */
import { randomUUID } from 'node:crypto';
import { lrsOptions } from '../lrs/config.ts';
import { createRegistrationLink, toolUrls } from '../lrs/lti/registration.ts';
import { openBackend } from '../lrs/storage/open.ts';
import { revokeDispatchKey } from '../lrs/dispatch/keys.ts';

export const LTI_USAGE = `Usage: inprocap lrs lti config                                  the tool's addresses, for registering it by hand
       inprocap lrs lti link --org ORG [--label TEXT] [--days 14]    a one-time dynamic registration link for ORG
       inprocap lrs lti platforms list
       inprocap lrs lti platforms add --org ORG --issuer URL --client-id ID --auth-login-url URL
                                      --token-url URL --jwks-url URL --deployment ID[,ID] [--label TEXT]
       inprocap lrs lti platforms remove ID                          its launches stop at once
       inprocap lrs lti deployments add --platform ID --deployment ID [--org ORG]
       inprocap lrs lti scores                                       grades not yet accepted by a platform, and why
Addresses use --base-url (or LRS_BASE_URL): the LRS's public address, as partners' LMSs reach it.
`;

export const DISPATCH_USAGE = `Usage: inprocap lrs dispatch list                    the organisations' dispatch keys
       inprocap lrs dispatch revoke ID               its packages stop playing and reporting
Packages are built with: npx inprocap build --dispatch https://… --org ORG
`;

export async function dispatchCommand(root: string, args: string[], flags: Record<string, string | undefined>): Promise<number> {
  const [action, target] = args;
  const backend = await openBackend(lrsOptions(root, flags).databaseUrl);
  try {
    if (action === 'list') {
      const keys = await backend.dispatch.listKeys();
      if (!keys.length) console.log('No dispatch keys yet: npx inprocap build --dispatch https://… --org ORG makes one.');
      for (const k of keys) console.log(`${k.id}  ${k.org.padEnd(10)} ${k.revoked ? `REVOKED ${k.revoked.slice(0, 10)}` : 'active'}  ${k.created.slice(0, 10)}  ${k.label}`);
      return 0;
    }
    if (action === 'revoke') {
      if (!target) throw new Error('dispatch revoke needs the key id (inprocap lrs dispatch list)');
      const done = await revokeDispatchKey(backend, target);
      console.log(done ? `Revoked ${target}: its packages no longer play, and their credential is revoked.` : `No active key ${target}.`);
      return done ? 0 : 1;
    }
    process.stderr.write(DISPATCH_USAGE);
    return 1;
  } finally {
    await backend.close();
  }
}

export async function ltiCommand(root: string, args: string[], flags: Record<string, string | undefined>): Promise<number> {
  const [what, action, target] = args;
  const options = lrsOptions(root, flags);
  const base = (options.baseUrl ?? `http://localhost:${options.port}`).replace(/\/$/, '');
  if (what === 'config') {
    const urls = toolUrls(base);
    console.log(`Tool addresses (base ${base}):
  Initiate login URL:      ${urls.login}
  Redirection URI(s):      ${urls.launch}
  Tool URL / deep linking: ${urls.launch}
  Public keyset URL:       ${urls.jwks}
  Signature method:        RSA (RS256), keyset URL`);
    return 0;
  }
  const backend = await openBackend(options.databaseUrl);
  try {
    if (what === 'link') {
      if (!flags.org) throw new Error('lti link needs --org (the organisation whose learners the platform launches)');
      const days = Number(flags.days ?? 14);
      if (!Number.isFinite(days) || days <= 0) throw new Error('--days must be a positive number');
      const url = await createRegistrationLink(backend, base, flags.org, flags.label ?? '', days);
      console.log(`Registration link for ${flags.org} (one platform, valid ${days} days):\n  ${url}\nThe partner's administrator pastes it into their LMS (Moodle: Site administration > Plugins > Activity modules > External tool > Manage tools > Tool URL).`);
      return 0;
    }
    if (what === 'platforms' && action === 'list') {
      const platforms = await backend.lti.listPlatforms();
      const deployments = await backend.lti.listDeployments();
      if (!platforms.length) console.log('No platforms yet: inprocap lrs lti link --org ORG');
      for (const p of platforms) {
        const ids = deployments.filter((d) => d.platformId === p.id).map((d) => `${d.deploymentId}${d.org !== p.org ? ` (${d.org})` : ''}`);
        console.log(`${p.id}  ${p.org.padEnd(10)} ${p.issuer}  client ${p.clientId}  deployments ${ids.join(', ') || 'none'}  ${p.label}`);
      }
      return 0;
    }
    if (what === 'platforms' && action === 'add') {
      const required = ['org', 'issuer', 'client-id', 'auth-login-url', 'token-url', 'jwks-url', 'deployment'] as const;
      const missing = required.filter((name) => !flags[name]);
      if (missing.length) throw new Error(`lti platforms add needs ${missing.map((m) => `--${m}`).join(', ')}`);
      for (const name of ['issuer', 'auth-login-url', 'token-url', 'jwks-url'] as const) {
        if (!/^https?:\/\/[^\s]+$/.test(flags[name]!)) throw new Error(`--${name} must be an http(s) address, not "${flags[name]}"`);
      }
      const platform = {
        id: randomUUID(),
        org: flags.org!,
        issuer: flags.issuer!,
        clientId: flags['client-id']!,
        authLoginUrl: flags['auth-login-url']!,
        tokenUrl: flags['token-url']!,
        jwksUrl: flags['jwks-url']!,
        label: flags.label ?? new URL(flags.issuer!).host,
        created: new Date().toISOString(),
      };
      await backend.lti.savePlatform(platform, flags.deployment!.split(',').map((d) => d.trim()).filter(Boolean));
      console.log(`Platform ${platform.id} registered for ${platform.org}.`);
      return 0;
    }
    if (what === 'platforms' && action === 'remove') {
      if (!target) throw new Error('lti platforms remove needs the platform id (inprocap lrs lti platforms list)');
      const done = await backend.lti.removePlatform(target);
      console.log(done ? `Removed ${target}: its launches are refused from now on.` : `No platform ${target}.`);
      return done ? 0 : 1;
    }
    if (what === 'deployments' && action === 'add') {
      if (!flags.platform || !flags.deployment) throw new Error('lti deployments add needs --platform and --deployment');
      const platform = await backend.lti.platform(flags.platform);
      if (!platform) throw new Error(`no platform ${flags.platform} (inprocap lrs lti platforms list)`);
      await backend.lti.addDeployment({ platformId: platform.id, deploymentId: flags.deployment, org: flags.org ?? platform.org, created: new Date().toISOString() });
      console.log(`Deployment ${flags.deployment} of ${platform.issuer} reports as ${flags.org ?? platform.org}.`);
      return 0;
    }
    if (what === 'scores') {
      const pending = await backend.lti.pendingScores();
      if (!pending.length) console.log('Every grade has been accepted by its platform.');
      for (const s of pending) console.log(`#${s.id}  ${s.org.padEnd(10)} queued ${s.created}  tries ${s.attempts}  next ${s.nextAttempt}  ${s.lastError ?? ''}`);
      return 0;
    }
    process.stderr.write(LTI_USAGE);
    return 1;
  } finally {
    await backend.close();
  }
}
