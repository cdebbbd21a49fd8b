/**
 * cmi5 package: cmi5.xml describes a course of one AU (the module) with its moveOn criterion,
 * mastery score and launch method; the LMS launches index.html with the cmi5 parameters.
 */
import { create } from 'xmlbuilder2';
import type { Course } from '../../core/content/schema.ts';
import type { PackageFormat } from './format.ts';

export function cmi5Xml(course: Course): string {
  const doc = create({ version: '1.0', encoding: 'UTF-8' }).ele('courseStructure', { xmlns: 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd' });
  const langstrings = (parent: ReturnType<typeof doc.ele>, name: string, pick: (language: string) => string) => {
    const element = parent.ele(name);
    for (const language of course.languages) element.ele('langstring', { lang: language }).txt(pick(language));
  };
  const hasQuiz = course.content[course.defaultLanguage]!.quiz !== undefined;
  const courseElement = doc.ele('course', { id: `${course.id}/cmi5-course` });
  langstrings(courseElement, 'title', (l) => course.content[l]!.title);
  langstrings(courseElement, 'description', (l) => course.content[l]!.description);
  const au = doc.ele('au', {
    id: course.id,
    moveOn: hasQuiz ? 'CompletedAndPassed' : 'Completed',
    ...(hasQuiz ? { masteryScore: String(course.masteryScore / 100) } : {}),
    launchMethod: 'AnyWindow',
  });
  langstrings(au, 'title', (l) => course.content[l]!.title);
  langstrings(au, 'description', (l) => course.content[l]!.description);
  au.ele('url').txt('index.html');
  return doc.end({ prettyPrint: true });
}

export const cmi5: PackageFormat = {
  id: 'cmi5',
  label: 'cmi5',
  rootFiles(course) {
    return new Map([['cmi5.xml', cmi5Xml(course)]]);
  },
};
