/**
 * Makes a module's source index (core/content/source-index.ts), written with the reviewer's pages
 * as `dist/review/<slug>.sources.json`. Keys are the activity IRIs the runtime's statements use
 * (core/xapi/statement-factory.ts); each entry names the file and line of the item, and the
 * anchor of the reviewer's page that shows it.
 */
import { isAbsolute, relative } from 'node:path';
import type { Course } from '../../core/content/schema.ts';
import type { SourceIndex, SourcePlace } from '../../core/content/source-index.ts';
import { precheckActivityId } from '../../core/quiz/precheck.ts';
import type { Loaded, LoadedContent, LoadedModule } from '../content/load.ts';

/** The line a list item starts at in a YAML file. */
const lineOf = (loaded: Loaded<unknown>, path: (string | number)[]) => loaded.source.positionOf(path).line;

export function sourceIndex(root: string, content: LoadedContent, module: LoadedModule, course: Course): SourceIndex {
  const language = course.defaultLanguage;
  const files = module.languages.get(language)!;
  const items: Record<string, SourcePlace> = {};
  // Content files are named relative to the project root, as in the content check's messages.
  const file = (path: string) => (isAbsolute(path) ? relative(root, path) : path);
  for (const lesson of files.lessons) {
    items[`${course.id}/lessons/${lesson.frontMatter.data.id}`] = { file: file(lesson.file), line: 1 };
  }
  if (files.quiz) {
    files.quiz.data.questions.forEach((q, i) => {
      items[`${course.id}/questions/${q.id}`] = { file: file(files.quiz!.source.file), line: lineOf(files.quiz!, ['questions', i]), anchor: `question-${q.id}` };
    });
  }
  // A pre-check's own questions (its quiz items are indexed above, under the quiz's activities).
  files.quiz?.data.precheck?.questions.forEach((q, i) => {
    if (typeof q !== 'string') items[`${precheckActivityId(course.id)}/${q.id}`] = { file: file(files.quiz!.source.file), line: lineOf(files.quiz!, ['precheck', 'questions', i]) };
  });
  if (files.case) {
    const exercise = files.case.data;
    exercise.nodes.forEach((n, i) => {
      const anchor = n.type === 'decision' ? `decision-${n.id}` : `ending-${n.id}`;
      items[`${course.id}/case/${exercise.id}/${n.id}`] = { file: file(files.case!.source.file), line: lineOf(files.case!, ['nodes', i]), anchor };
    });
  }
  const survey = content.survey.get(language) ?? [...content.survey.values()][0];
  if (survey) {
    survey.data.items.forEach((item, i) => {
      items[`${course.id}/survey/${survey.data.id}/${item.id}`] = { file: file(survey.source.file), line: lineOf(survey, ['items', i]) };
    });
  }
  return { slug: course.slug, moduleId: course.id, version: course.version, language, review: `${course.slug}.html`, items };
}
