/**
 * A SCORM package validator for any package, ours or a third party's: detects the standard and
 * edition, checks the zip layout, the manifest's well-formedness and its validity against the
 * official ADL/IMS schemas (libxml2 compiled to WebAssembly), unique identifiers, that every
 * referenced file is present, and that there is something to launch.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { validateXML } from 'xmllint-wasm';
import { schemaFilesForValidation, type SchemaSet } from '../formats/schema-files.ts';
import { moodleUploadChecks } from '../moodle/upload-checks.ts';

export type Standard = 'SCORM 1.2' | 'SCORM 2004 2nd Edition' | 'SCORM 2004 3rd Edition' | 'SCORM 2004 4th Edition' | 'xAPI (TinCan launch)' | 'cmi5';

export interface ValidationReport {
  name: string;
  standard?: Standard;
  /** What was checked and held. */
  passed: string[];
  errors: string[];
  warnings: string[];
  valid: boolean;
}

const NS = {
  cp12: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
  cp2004: 'http://www.imsglobal.org/xsd/imscp_v1p1',
  lom: 'http://ltsc.ieee.org/xsd/LOM',
};

/** The namespaces and schema files each standard's manifest is validated with. */
const SCHEMAS: Record<'1.2' | '2004', { set: SchemaSet; imports: [string, string][]; names: string }> = {
  '1.2': {
    set: 'scorm12',
    imports: [
      [NS.cp12, 'imscp_rootv1p1p2.xsd'],
      ['http://www.adlnet.org/xsd/adlcp_rootv1p2', 'adlcp_rootv1p2.xsd'],
      ['http://www.imsglobal.org/xsd/imsmd_rootv1p2p1', 'imsmd_rootv1p2p1.xsd'],
    ],
    names: 'IMS CP 1.1.2, ADL CP 1.2 and IMS MD 1.2.1',
  },
  '2004': {
    set: 'scorm2004-4th',
    imports: [
      [NS.cp2004, 'imscp_v1p1.xsd'],
      ['http://www.adlnet.org/xsd/adlcp_v1p3', 'adlcp_v1p3.xsd'],
      ['http://www.adlnet.org/xsd/adlseq_v1p3', 'adlseq_v1p3.xsd'],
      ['http://www.adlnet.org/xsd/adlnav_v1p3', 'adlnav_v1p3.xsd'],
      ['http://www.imsglobal.org/xsd/imsss', 'imsss_v1p0.xsd'],
    ],
    names: 'IMS CP 1.1.4, ADL CP, ADL SEQ, ADL NAV and IMS SS (2004 4th edition)',
  },
};

type XmlNode = Record<string, unknown>;

export async function validatePackage(zip: Uint8Array, name: string): Promise<ValidationReport> {
  const report: ValidationReport = { name, passed: [], errors: [], warnings: [], valid: false };
  const finish = () => ({ ...report, valid: report.errors.length === 0 });

  // 1. The zip and its layout.
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(zip);
  } catch (error) {
    report.errors.push(`not a readable zip file (${error instanceof Error ? error.message : String(error)})`);
    return finish();
  }
  const paths = Object.keys(entries).filter((p) => !p.endsWith('/'));
  const badPaths = paths.filter((p) => p.includes('\\') || p.startsWith('/') || p.split('/').includes('..'));
  for (const p of badPaths) report.errors.push(`zip entry "${p}" must be a relative path with forward slashes`);
  const manifestBytes = entries['imsmanifest.xml'];
  if (!manifestBytes && entries['tincan.xml']) return validateTincan(entries, paths, report, finish);
  if (!manifestBytes && entries['cmi5.xml']) return validateCmi5(entries, paths, report, finish);
  if (!manifestBytes) {
    const nested = paths.find((p) => p.endsWith('/imsmanifest.xml'));
    const otherCase = paths.find((p) => p.toLowerCase() === 'imsmanifest.xml');
    report.errors.push(
      nested
        ? `imsmanifest.xml must be at the root of the zip, not in "${nested.slice(0, -'imsmanifest.xml'.length)}": zip the folder's contents, not the folder`
        : otherCase
          ? `the manifest must be named imsmanifest.xml in lowercase, not "${otherCase}" (Moodle and other LMSs look for that exact name)`
          : 'imsmanifest.xml is missing: a SCORM package has its manifest at the root of the zip',
    );
    return finish();
  }
  if (!badPaths.length) report.passed.push(`zip layout: ${paths.length} files, imsmanifest.xml at the root, relative forward-slash paths`);

  // 2. Well-formed XML.
  const read = readXml(manifestBytes, 'imsmanifest.xml', report);
  if (!read) return finish();
  const { xml, doc } = read;
  const manifest = first(doc.manifest);
  if (!manifest) {
    report.errors.push('the root element of imsmanifest.xml must be <manifest>');
    return finish();
  }

  // 3. Standard and edition.
  const namespace = rootNamespace(xml);
  const schemaversion = text(first(first(manifest.metadata)?.schemaversion)).trim();
  let family: '1.2' | '2004' | undefined;
  if (namespace === NS.cp12 || schemaversion === '1.2') {
    family = '1.2';
    report.standard = 'SCORM 1.2';
  } else if (namespace === NS.cp2004) {
    family = '2004';
    report.standard = /4th/i.test(schemaversion)
      ? 'SCORM 2004 4th Edition'
      : /3rd/i.test(schemaversion)
        ? 'SCORM 2004 3rd Edition'
        : schemaversion === 'CAM 1.3'
          ? 'SCORM 2004 2nd Edition'
          : undefined;
    if (!report.standard) {
      report.warnings.push(`schemaversion "${schemaversion}" names no SCORM 2004 edition; checked as 4th edition`);
      report.standard = 'SCORM 2004 4th Edition';
    }
  } else {
    report.errors.push(`cannot tell the standard: manifest namespace "${namespace}" and schemaversion "${schemaversion}" are neither SCORM 1.2 nor SCORM 2004`);
    return finish();
  }
  if (!schemaversion) report.warnings.push('metadata/schemaversion is missing; the LMS has to guess the standard');
  report.passed.push(`standard: ${report.standard}`);
  const moodle = moodleUploadChecks({ name, bytes: zip.length, family, schemaversion });
  report.errors.push(...moodle.errors);
  report.warnings.push(...moodle.warnings);
  report.passed.push(...moodle.passed);

  // 4. Schema validity.
  const schema = SCHEMAS[family];
  const usesLom = xml.includes(NS.lom);
  const driver = schemaDriver(schema.imports, usesLom);
  const preload = [...schemaFilesForValidation(schema.set)].map(([fileName, contents]) => ({ fileName, contents: new Uint8Array(contents) }));
  if (usesLom) {
    preload.push({ fileName: 'lom-lax.xsd', contents: new TextEncoder().encode(LAX_LOM_SCHEMA) });
    report.warnings.push('LOM metadata (IEEE LOM namespace) was not validated in detail: only its placement was checked');
  }
  const result = await validateXML({
    xml: [{ fileName: 'imsmanifest.xml', contents: xml }],
    schema: [{ fileName: 'validate-driver.xsd', contents: driver }],
    preload,
  });
  if (result.valid) report.passed.push(`manifest valid against the ${schema.names} schemas`);
  for (const error of result.errors) {
    report.errors.push(`schema: ${error.loc ? `line ${error.loc.lineNumber}: ` : ''}${error.message.trim()}`);
  }

  // 5. Identifiers, references, files and launch.
  const identifiers = new Map<string, number>();
  const resources = new Map<string, XmlNode>();
  const organizationsNode = first(manifest.organizations);
  const organizations = list(organizationsNode?.organization);
  const items: XmlNode[] = [];
  const walkItems = (node: XmlNode) => {
    for (const item of list(node.item)) {
      items.push(item);
      walkItems(item);
    }
  };
  const count = (id: unknown) => {
    if (typeof id === 'string' && id) identifiers.set(id, (identifiers.get(id) ?? 0) + 1);
  };
  count(manifest['@identifier']);
  for (const organization of organizations) {
    count(organization['@identifier']);
    walkItems(organization);
  }
  for (const item of items) count(item['@identifier']);
  for (const resource of list(first(manifest.resources)?.resource)) {
    count(resource['@identifier']);
    resources.set(String(resource['@identifier']), resource);
  }
  const duplicates = [...identifiers].filter(([, n]) => n > 1).map(([id]) => id);
  for (const id of duplicates) report.errors.push(`identifier "${id}" is used more than once: identifiers must be unique in the manifest`);
  if (!duplicates.length) report.passed.push(`${identifiers.size} identifiers, all unique`);

  const defaultOrg = organizationsNode?.['@default'];
  if (defaultOrg && !organizations.some((o) => o['@identifier'] === defaultOrg)) {
    report.errors.push(`organizations default="${String(defaultOrg)}" names no organization`);
  }
  if (!organizations.length) report.errors.push('the manifest has no organization: the LMS has nothing to show');

  const files = new Set(paths);
  const missing = new Set<string>();
  let referenced = 0;
  const checkFile = (href: unknown, base: string, what: string) => {
    if (typeof href !== 'string' || !href) return;
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return; // external URL
    const path = normalisePath(base + decodeURIComponent(href.split(/[?#]/)[0]!));
    referenced++;
    if (!files.has(path)) missing.add(`${path} (${what})`);
  };
  for (const [id, resource] of resources) {
    const base = typeof resource['@base'] === 'string' ? String(resource['@base']) : '';
    checkFile(resource['@href'], base, `href of resource "${id}"`);
    for (const file of list(resource.file)) checkFile(file['@href'], base, `file of resource "${id}"`);
    for (const dependency of list(resource.dependency)) {
      if (!resources.has(String(dependency['@identifierref']))) {
        report.errors.push(`resource "${id}" depends on "${String(dependency['@identifierref'])}", which is no resource`);
      }
    }
  }
  for (const path of missing) report.errors.push(`file missing from the zip: ${path}`);
  if (!missing.size) report.passed.push(`${referenced} referenced files, all present`);

  const launchable: string[] = [];
  for (const item of items) {
    const ref = item['@identifierref'];
    if (ref === undefined) continue;
    const resource = resources.get(String(ref));
    if (!resource) {
      report.errors.push(`item "${String(item['@identifier'])}" refers to resource "${String(ref)}", which does not exist`);
      continue;
    }
    const scormType = String(resource['@scormtype'] ?? resource['@scormType'] ?? '');
    if (!resource['@href']) report.errors.push(`resource "${String(ref)}" is launched by item "${String(item['@identifier'])}" but has no href`);
    else launchable.push(`${String(resource['@href'])} (${scormType || 'no scormtype'})`);
    if (!scormType) report.errors.push(`resource "${String(ref)}" has no adlcp:${family === '1.2' ? 'scormtype' : 'scormType'} (sco or asset)`);
  }
  if (!launchable.length) report.errors.push('no item launches a resource: the package has nothing to start');
  else report.passed.push(`launches ${launchable.join(', ')}`);

  return finish();
}

/** An xAPI package with the TinCan launch convention: tincan.xml names activities and launch files. */
function validateTincan(entries: Record<string, Uint8Array>, paths: string[], report: ValidationReport, finish: () => ValidationReport): ValidationReport {
  report.standard = 'xAPI (TinCan launch)';
  const read = readXml(entries['tincan.xml']!, 'tincan.xml', report);
  if (!read) return finish();
  const { doc } = read;
  report.passed.push(`zip layout: ${paths.length} files, tincan.xml at the root`);
  const activities = list(first(first(doc.tincan)?.activities)?.activity);
  if (!activities.length) report.errors.push('tincan.xml lists no activity');
  const launches: string[] = [];
  for (const activity of activities) {
    const id = String(activity['@id'] ?? '');
    if (!/^[a-z][a-z0-9+.-]*:\S+$/i.test(id)) report.errors.push(`activity id "${id}" is not an absolute IRI`);
    for (const launch of list(activity.launch)) {
      const href = text(launch).trim();
      if (!entries[href]) report.errors.push(`launch file missing from the zip: ${href}`);
      else launches.push(href);
    }
  }
  if (!launches.length) report.errors.push('no activity has a launch file: the package has nothing to start');
  else report.passed.push(`launches ${launches.join(', ')}`);
  return finish();
}

/** A cmi5 package: cmi5.xml with a course and AUs whose relative URLs are in the zip. */
function validateCmi5(entries: Record<string, Uint8Array>, paths: string[], report: ValidationReport, finish: () => ValidationReport): ValidationReport {
  report.standard = 'cmi5';
  const read = readXml(entries['cmi5.xml']!, 'cmi5.xml', report);
  if (!read) return finish();
  const { doc } = read;
  report.passed.push(`zip layout: ${paths.length} files, cmi5.xml at the root`);
  const structure = first(doc.courseStructure);
  if (!first(structure?.course)?.['@id']) report.errors.push('cmi5.xml has no course with an id');
  const aus = list(structure?.au);
  if (!aus.length) report.errors.push('cmi5.xml has no AU');
  const ids = new Set<string>();
  for (const au of aus) {
    const id = String(au['@id'] ?? '');
    if (ids.has(id)) report.errors.push(`AU id "${id}" is used more than once`);
    ids.add(id);
    const moveOn = String(au['@moveOn'] ?? 'NotApplicable');
    if (!['Passed', 'Completed', 'CompletedAndPassed', 'CompletedOrPassed', 'NotApplicable'].includes(moveOn)) report.errors.push(`AU "${id}" has an unknown moveOn "${moveOn}"`);
    const mastery = au['@masteryScore'];
    if (mastery !== undefined && !(Number(mastery) >= 0 && Number(mastery) <= 1)) report.errors.push(`AU "${id}" masteryScore must lie between 0 and 1`);
    const url = text(first(au.url)).trim();
    if (!url) report.errors.push(`AU "${id}" has no url`);
    else if (!/^[a-z][a-z0-9+.-]*:/i.test(url) && !entries[url]) report.errors.push(`AU "${id}" launches ${url}, which is missing from the zip`);
  }
  if (!report.errors.length) report.passed.push(`${aus.length} AU(s), launch files present`);
  return finish();
}

export function formatReport(report: ValidationReport): string {
  const lines = [`${report.name}: ${report.standard ?? 'unknown standard'}`];
  for (const p of report.passed) lines.push(`  ok       ${p}`);
  for (const w of report.warnings) lines.push(`  warning  ${w}`);
  for (const e of report.errors) lines.push(`  error    ${e}`);
  lines.push(report.valid ? '  valid' : `  INVALID: ${report.errors.length} error${report.errors.length === 1 ? '' : 's'}`);
  return lines.join('\n');
}

function schemaDriver(imports: [string, string][], lom: boolean): string {
  const all = lom ? [...imports, [NS.lom, 'lom-lax.xsd'] as [string, string]] : imports;
  return `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
${all.map(([ns, file]) => `  <xs:import namespace="${ns}" schemaLocation="${file}"/>`).join('\n')}
</xs:schema>`;
}

/** Accepts any IEEE LOM element where the content-packaging schema allows metadata. */
const LAX_LOM_SCHEMA = `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${NS.lom}" elementFormDefault="qualified">
  <xs:element name="lom"><xs:complexType><xs:sequence>
    <xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/>
  </xs:sequence><xs:anyAttribute processContents="skip"/></xs:complexType></xs:element>
</xs:schema>`;

/** The namespace of the root element, whether it is the default namespace or a prefixed one. */
function rootNamespace(xml: string): string {
  const root = /<([A-Za-z_][\w.-]*:)?manifest\b([^>]*)>/.exec(xml);
  if (!root) return '';
  const prefix = root[1] ? root[1].slice(0, -1) : '';
  const attribute = prefix ? `xmlns:${prefix}` : 'xmlns';
  return new RegExp(`\\s${attribute}\\s*=\\s*["']([^"']*)["']`).exec(root[2]!)?.[1] ?? '';
}

const PARSER = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, isArray: (_name, _path, _leaf, isAttribute) => !isAttribute });

/** Decodes a manifest, reports it if it is not well-formed XML, and parses it. */
function readXml(bytes: Uint8Array, name: string, report: ValidationReport): { xml: string; doc: XmlNode } | undefined {
  const xml = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) {
    report.errors.push(`${name} is not well-formed XML: line ${wellFormed.err.line}, column ${wellFormed.err.col}: ${wellFormed.err.msg}`);
    return undefined;
  }
  report.passed.push(`${name} is well-formed XML`);
  return { xml, doc: PARSER.parse(xml) as XmlNode };
}

function first(value: unknown): XmlNode | undefined {
  return Array.isArray(value) ? (value[0] as XmlNode | undefined) : (value as XmlNode | undefined);
}

function list(value: unknown): XmlNode[] {
  return Array.isArray(value) ? (value as XmlNode[]) : value ? [value as XmlNode] : [];
}

function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  return String((node as XmlNode)['#text'] ?? '');
}

function normalisePath(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part && part !== '.') parts.push(part);
  }
  return parts.join('/');
}
