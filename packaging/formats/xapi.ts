/**
 * xAPI package, TinCan launch convention: tincan.xml at the root names the activity and the
 * launch file; the LMS launches index.html with endpoint, auth, actor and registration.
 */
import { create } from 'xmlbuilder2';
import type { Course } from '../../core/content/schema.ts';
import { ACTIVITY_TYPES } from '../../core/xapi/vocabulary.ts';
import type { PackageFormat } from './format.ts';

export function tincanXml(course: Course): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele('tincan', { xmlns: 'http://projecttincan.com/tincan.xsd' });
  const activity = doc.ele('activities').ele('activity', { id: course.id, type: ACTIVITY_TYPES.module });
  for (const language of course.languages) {
    const content = course.content[language]!;
    activity.ele('name', { lang: language }).txt(content.title);
    activity.ele('description', { lang: language }).txt(content.description);
  }
  activity.ele('launch', { lang: course.defaultLanguage }).txt('index.html');
  return doc.end({ prettyPrint: true });
}

export const xapi: PackageFormat = {
  id: 'xapi',
  label: 'xAPI (TinCan launch)',
  rootFiles(course) {
    return new Map([['tincan.xml', tincanXml(course)]]);
  },
};
