/**
 * SCORM 1.2 package: imsmanifest.xml (IMS CP 1.1.2 + ADL CP 1.2, metadata in IMS MD 1.2.1) with
 * one SCO, and the schema files at the package root.
 */
import { create } from 'xmlbuilder2';
import type { Course } from '../../core/content/schema.ts';
import { xmlId, type PackageFormat } from './format.ts';
import { schemaFiles } from './schema-files.ts';
import { packageReadme } from '../moodle/settings.ts';

export function scorm12Manifest(course: Course, contentFiles: readonly string[]): string {
  const content = course.content[course.defaultLanguage]!;
  const lang = course.defaultLanguage;
  const manifest = create({ version: '1.0', encoding: 'UTF-8' }).ele('manifest', {
    identifier: xmlId(`inprocap-${course.slug}-${course.version}`),
    version: course.version,
    xmlns: 'http://www.imsproject.org/xsd/imscp_rootv1p1p2',
    'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_rootv1p2',
    'xmlns:imsmd': 'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1',
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation':
      'http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd ' +
      'http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd ' +
      'http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd',
  });

  const metadata = manifest.ele('metadata');
  metadata.ele('schema').txt('ADL SCORM');
  metadata.ele('schemaversion').txt('1.2');
  const lom = metadata.ele('imsmd:lom');
  const general = lom.ele('imsmd:general');
  general.ele('imsmd:title').ele('imsmd:langstring', { 'xml:lang': lang }).txt(content.title);
  for (const language of course.languages) general.ele('imsmd:language').txt(language);
  general.ele('imsmd:description').ele('imsmd:langstring', { 'xml:lang': lang }).txt(content.description);
  lom.ele('imsmd:lifecycle').ele('imsmd:version').ele('imsmd:langstring', { 'xml:lang': 'x-none' }).txt(course.version);

  const organization = manifest.ele('organizations', { default: 'org' }).ele('organization', { identifier: 'org' });
  organization.ele('title').txt(content.title);
  const item = organization.ele('item', { identifier: 'item', identifierref: 'sco', isvisible: 'true' });
  item.ele('title').txt(content.title);
  if (content.quiz) item.ele('adlcp:masteryscore').txt(String(Math.round(course.masteryScore)));

  const resource = manifest
    .ele('resources')
    .ele('resource', { identifier: 'sco', type: 'webcontent', 'adlcp:scormtype': 'sco', href: 'index.html' });
  for (const file of contentFiles) resource.ele('file', { href: file });
  return manifest.end({ prettyPrint: true });
}

export const scorm12: PackageFormat = {
  id: 'scorm12',
  label: 'SCORM 1.2',
  rootFiles(course, contentFiles) {
    const files = new Map<string, Buffer | string>([['imsmanifest.xml', scorm12Manifest(course, contentFiles)]]);
    for (const [name, data] of schemaFiles('scorm12')) files.set(name, data);
    files.set('README.txt', packageReadme(course, 'SCORM 1.2'));
    return files;
  },
};
