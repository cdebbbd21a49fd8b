/**
 * SCORM 2004 4th edition package: imsmanifest.xml (IMS CP 1.1.4 with ADL CP, SEQ, NAV and IMS SS)
 * with one SCO and minimal sequencing that leaves completion and success to the content, and the
 * schema files at the package root.
 */
import { create } from 'xmlbuilder2';
import type { Course } from '../../core/content/schema.ts';
import { xmlId, type PackageFormat } from './format.ts';
import { schemaFiles } from './schema-files.ts';
import { packageReadme } from '../moodle/settings.ts';

export function scorm2004Manifest(course: Course, contentFiles: readonly string[]): string {
  const content = course.content[course.defaultLanguage]!;
  const manifest = create({ version: '1.0', encoding: 'UTF-8' }).ele('manifest', {
    identifier: xmlId(`inprocap-${course.slug}-${course.version}`),
    version: course.version,
    xmlns: 'http://www.imsglobal.org/xsd/imscp_v1p1',
    'xmlns:adlcp': 'http://www.adlnet.org/xsd/adlcp_v1p3',
    'xmlns:adlseq': 'http://www.adlnet.org/xsd/adlseq_v1p3',
    'xmlns:adlnav': 'http://www.adlnet.org/xsd/adlnav_v1p3',
    'xmlns:imsss': 'http://www.imsglobal.org/xsd/imsss',
    'xmlns:xsi': 'http://www.w3.org/2001/XMLSchema-instance',
    'xsi:schemaLocation':
      'http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd ' +
      'http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd ' +
      'http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd ' +
      'http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd ' +
      'http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd',
  });
  const metadata = manifest.ele('metadata');
  metadata.ele('schema').txt('ADL SCORM');
  metadata.ele('schemaversion').txt('2004 4th Edition');

  const organization = manifest.ele('organizations', { default: 'org' }).ele('organization', {
    identifier: 'org',
    'adlseq:objectivesGlobalToSystem': 'false',
  });
  organization.ele('title').txt(content.title);
  const item = organization.ele('item', { identifier: 'item', identifierref: 'sco', isvisible: 'true' });
  item.ele('title').txt(content.title);
  const itemSequencing = item.ele('imsss:sequencing');
  if (content.quiz) {
    // The LMS learns the pass mark (cmi.scaled_passing_score); the content reports success itself.
    itemSequencing
      .ele('imsss:objectives')
      .ele('imsss:primaryObjective', { objectiveID: 'primary', satisfiedByMeasure: 'true' })
      .ele('imsss:minNormalizedMeasure')
      .txt(String(course.masteryScore / 100));
  }
  itemSequencing.ele('imsss:deliveryControls', { completionSetByContent: 'true', objectiveSetByContent: 'true' });
  organization.ele('imsss:sequencing').ele('imsss:controlMode', { choice: 'true', flow: 'true' });

  const resource = manifest
    .ele('resources')
    .ele('resource', { identifier: 'sco', type: 'webcontent', 'adlcp:scormType': 'sco', href: 'index.html' });
  for (const file of contentFiles) resource.ele('file', { href: file });
  return manifest.end({ prettyPrint: true });
}

export const scorm2004: PackageFormat = {
  id: 'scorm2004',
  label: 'SCORM 2004 4th edition',
  rootFiles(course, contentFiles) {
    const files = new Map<string, Buffer | string>([['imsmanifest.xml', scorm2004Manifest(course, contentFiles)]]);
    for (const [name, data] of schemaFiles('scorm2004-4th')) files.set(name, data);
    files.set('README.txt', packageReadme(course, 'SCORM 2004 4th edition'));
    return files;
  },
};
