import { chosenOptionFeedback, renderOptions } from '../choice-options-view.ts';
import { defineQuestionView } from '../question-type-view.ts';
import { multiple } from './multiple.ts';

export const view = defineQuestionView(multiple, {
  render: (context) => renderOptions(context as never, true),
  chosenFeedback: (question, response) => chosenOptionFeedback(question, response ?? []),
});
