/**
 * Turns loaded, validated content into the compiled {@link Course} the runtime plays:
 * Markdown becomes sanitised HTML, per-language files are gathered per language.
 */
import type {
  CaseExercise,
  Course,
  CourseContent,
  CourseSection,
  GlossaryTerm,
  Precheck,
  Question,
  Quiz,
  Survey,
} from '../../core/content/schema.ts';
import { PRECHECK_ID } from '../../core/quiz/precheck.ts';
import { authoringOf } from '../../core/question-types/authoring.ts';
import { SHARED_DEFAULT_LANGUAGE, type LoadedContent, type LoadedModule } from './load.ts';
import { GlossaryIndex, MarkdownCompiler } from './markdown.ts';

export function glossaryFor(content: LoadedContent, language: string): GlossaryTerm[] {
  return (content.glossary.get(language) ?? content.glossary.get(SHARED_DEFAULT_LANGUAGE))?.data.terms ?? [];
}

export function compileCourse(content: LoadedContent, loaded: LoadedModule): Course {
  const source = loaded.module.data;
  const sections: CourseSection[] = [];
  const defaultFiles = loaded.languages.get(source.defaultLanguage)!;
  let lessonIndex = 0;
  for (const section of source.sections) {
    if ('lesson' in section) sections.push({ kind: 'lesson', id: defaultFiles.lessons[lessonIndex++]!.frontMatter.data.id });
    else if ('quiz' in section) sections.push({ kind: 'quiz', id: defaultFiles.quiz!.data.id });
    else if ('case' in section) sections.push({ kind: 'case', id: defaultFiles.case!.data.id });
    else sections.push({ kind: 'survey', id: surveyFor(content, source.defaultLanguage)!.id });
  }
  // The pre-check comes before the first lesson: it measures what learners knew before reading.
  if (defaultFiles.quiz?.data.precheck) {
    const firstLesson = sections.findIndex((s) => s.kind === 'lesson');
    sections.splice(Math.max(0, firstLesson), 0, { kind: 'precheck', id: PRECHECK_ID });
  }

  const byLanguage: Record<string, CourseContent> = {};
  for (const [language, files] of loaded.languages) {
    const glossary = glossaryFor(content, language);
    const md = new MarkdownCompiler(new GlossaryIndex(glossary));
    const pick = <T>(map: Record<string, T>) => map[language] ?? map[source.defaultLanguage]!;
    const survey = source.sections.some((s) => 'survey' in s) ? surveyFor(content, language) : undefined;
    byLanguage[language] = {
      title: pick(source.title),
      description: pick(source.description),
      objectives: pick(source.objectives),
      lessons: files.lessons.map((lesson) => ({
        id: lesson.frontMatter.data.id,
        title: lesson.frontMatter.data.title,
        ...(lesson.frontMatter.data.durationMinutes ? { durationMinutes: lesson.frontMatter.data.durationMinutes } : {}),
        html: md.block(lesson.body),
      })),
      ...(files.quiz ? { quiz: compileQuiz(files.quiz.data, md) } : {}),
      ...(files.quiz?.data.precheck ? { precheck: compilePrecheck(files.quiz.data, md) } : {}),
      ...(files.case ? { case: compileCase(files.case.data, md) } : {}),
      ...(survey ? { survey: compileSurvey(survey, md) } : {}),
      // Every term, not only those marked: the glossary page lists them all.
      glossary: [...glossary].sort((a, b) => a.term.localeCompare(b.term, language)),
    };
  }

  return {
    format: 1,
    id: source.id,
    slug: source.slug,
    version: source.version,
    defaultLanguage: source.defaultLanguage,
    languages: source.languages,
    ...(source.order ? { order: source.order } : {}),
    durationMinutes: source.durationMinutes,
    masteryScore: source.masteryScore,
    sections,
    content: byLanguage,
  };
}

function surveyFor(content: LoadedContent, language: string): Survey | undefined {
  return (content.survey.get(language) ?? content.survey.get(SHARED_DEFAULT_LANGUAGE))?.data;
}

function compileQuiz({ precheck: _precheck, ...quiz }: Quiz, md: MarkdownCompiler): Quiz {
  return {
    ...quiz,
    ...(quiz.intro ? { intro: md.block(quiz.intro) } : {}),
    questions: quiz.questions.map((q) => compileQuestion(q, md)),
  };
}

/** The pre-check with its quiz items resolved (the check has made sure each id is in the quiz). */
function compilePrecheck(quiz: Quiz, md: MarkdownCompiler): Precheck {
  const precheck = quiz.precheck!;
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  return {
    id: PRECHECK_ID,
    title: precheck.title,
    ...(precheck.intro ? { intro: md.block(precheck.intro) } : {}),
    questions: precheck.questions.map((q) => compileQuestion(typeof q === 'string' ? byId.get(q)! : q, md)),
  };
}

function compileQuestion(question: Question, md: MarkdownCompiler): Question {
  const base = {
    prompt: md.inline(question.prompt),
    ...(question.feedback
      ? {
          feedback: {
            ...(question.feedback.correct ? { correct: md.inline(question.feedback.correct) } : {}),
            ...(question.feedback.incorrect ? { incorrect: md.inline(question.feedback.incorrect) } : {}),
          },
        }
      : {}),
  };
  const own = authoringOf(question).compile;
  return { ...(own ? own(question, (text) => md.inline(text)) : question), ...base } as Question;
}

function compileCase(exercise: CaseExercise, md: MarkdownCompiler): CaseExercise {
  return {
    ...exercise,
    intro: md.block(exercise.intro),
    debrief: md.block(exercise.debrief),
    nodes: exercise.nodes.map((node) =>
      node.type === 'ending'
        ? { ...node, text: md.block(node.text) }
        : {
            ...node,
            text: md.block(node.text),
            choices: node.choices.map((c) => ({
              ...c,
              label: md.inline(c.label),
              consequence: md.block(c.consequence),
              feedback: md.block(c.feedback),
            })),
          },
    ),
  };
}

function compileSurvey(survey: Survey, md: MarkdownCompiler): Survey {
  return { ...survey, ...(survey.intro ? { intro: md.block(survey.intro) } : {}) };
}
