import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateStatement } from '../../lrs/xapi/validate-statement.ts';
import { loadCheckedCourses } from '../../packaging/build.ts';
import type { Course } from '../../core/content/schema.ts';
import { correctResponse, scoreQuestion } from '../../core/quiz/scoring.ts';
import { StatementFactory } from '../../core/xapi/statement-factory.ts';
import { CONTEXT, EXTENSIONS, VERBS } from '../../core/xapi/vocabulary.ts';

const quiet = { info: () => {}, warn: () => {} };
const course: Course = loadCheckedCourses(resolve(import.meta.dirname, '../..'), { only: ['fundamentals'] }, quiet)[0]!.course!;
const content = course.content.en!;
const actor = { objectType: 'Agent', account: { homePage: 'https://dti.dk', name: 'a1b2c3' } };
const factory = new StatementFactory(course, { actor, registration: '6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b', language: 'en', packageFormat: 'xapi', organisation: 'DTI' });

describe('statement factory', () => {
  it('builds an answered statement with a full interaction definition for every question, valid for the LRS', () => {
    for (const question of content.quiz!.questions) {
      const response = correctResponse(question);
      const statement = factory.interaction({ kind: 'question', question, response, result: scoreQuestion(question, response), latencyMs: 4200, attempt: 1, timestamp: new Date() })!;
      expect(() => validateStatement(statement, '2.0'), question.id).not.toThrow();
      expect(() => validateStatement(statement, '1.0'), question.id).not.toThrow();
      const object = statement.object as any;
      expect(object.id).toBe(`${course.id}/questions/${question.id}`);
      expect(object.definition.interactionType).toMatch(/^(choice|true-false|matching|sequencing|fill-in|numeric)$/);
      expect(object.definition.correctResponsesPattern.length).toBeGreaterThan(0);
      expect((statement.result as any).success).toBe(true);
      expect((statement.verb as any).id).toBe(VERBS.answered);
      expect((statement.context as any).contextActivities.parent[0].id).toBe(course.id);
      expect((statement.context as any).extensions[EXTENSIONS.packageFormat]).toBe('xapi');
      expect((statement.context as any).contextActivities.grouping).toEqual([{ objectType: 'Activity', id: CONTEXT.curriculum }]);
      expect((statement.context as any).contextActivities.category).toEqual([{ objectType: 'Activity', id: CONTEXT.profile }]);
    }
  });

  it('builds case decisions, survey responses, lesson reads and the module statements, all valid', () => {
    const node = content.case!.nodes.find((n) => n.type === 'decision')!;
    if (node.type !== 'decision') throw new Error('no decision');
    const survey = content.survey!;
    const statements = [
      factory.interaction({ kind: 'case-decision', caseId: content.case!.id, node, choice: node.choices[0]!, step: 1, latencyMs: 1000, timestamp: new Date() })!,
      ...survey.items.map((item) => factory.interaction({ kind: 'survey', surveyId: survey.id, item, value: item.type === 'likert' ? 4 : 'More cases <b>please</b>', timestamp: new Date() })!),
      factory.interaction({ kind: 'lesson', lessonId: content.lessons[0]!.id, title: content.lessons[0]!.title, timestamp: new Date() })!,
      factory.initialized(),
      factory.scored(true, { raw: 90, min: 0, max: 100, scaled: 0.9 }, 60_000),
      factory.completed(61_000),
      factory.terminated(62_000),
    ];
    for (const statement of statements) expect(() => validateStatement(statement, '2.0')).not.toThrow();
    expect(new Set(statements.map((s) => s.id)).size).toBe(statements.length);
    expect((statements[0]!.verb as any).id).toBe(VERBS.decided);
    expect((statements.at(-3)!.result as any).score.scaled).toBe(0.9);
  });
});
