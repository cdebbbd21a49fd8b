/**
 * What a learning session records, whatever it is sent to (LMS, LRS, the local preview): answers,
 * case decisions, lessons read, survey answers, the score and the status. The trackers send these;
 * the statement factory turns them into xAPI statements.
 */
import type { CaseChoice, DecisionNode, Question, SurveyItem } from './content/schema.ts';
import type { QuestionResult } from './question-types/question-type.ts';
import type { Response } from './quiz/responses.ts';

/** An answered question, a case decision, a lesson read or a survey answer, for the LMS/LRS record. */
export type InteractionRecord =
  | {
      kind: 'question';
      question: Question;
      response: Response;
      result: QuestionResult;
      /** Time from showing the question to checking the answer. */
      latencyMs: number;
      attempt: number;
      timestamp: Date;
    }
  | {
      /** An answer to the pre-check: not scored for the module, never sent to an LMS. */
      kind: 'precheck';
      question: Question;
      response: Response;
      result: QuestionResult;
      latencyMs: number;
      /** The question is also in the quiz (its answer there is the one the gain compares with). */
      inQuiz: boolean;
      timestamp: Date;
    }
  | {
      kind: 'case-decision';
      caseId: string;
      node: DecisionNode;
      choice: CaseChoice;
      /** 1-based position of this decision in the learner's path. */
      step: number;
      latencyMs: number;
      timestamp: Date;
    }
  | {
      kind: 'lesson';
      lessonId: string;
      title: string;
      timestamp: Date;
    }
  | {
      kind: 'survey';
      surveyId: string;
      item: SurveyItem;
      /** Likert value (1..scale length) or free text. */
      value: number | string;
      timestamp: Date;
    };

export interface Score {
  raw: number;
  min: number;
  max: number;
  /** raw / max, 0..1 */
  scaled: number;
}

export type CompletionStatus = 'incomplete' | 'completed';

export type SuccessStatus = 'unknown' | 'passed' | 'failed';
