import { chosenOptionFeedback, renderOptions } from '../choice-options-view.ts';
import { defineQuestionView } from '../question-type-view.ts';
import { single } from './single.ts';

export const view = defineQuestionView(single, {
  render: (context) => renderOptions(context as never, false),
  chosenFeedback: (question, response) => chosenOptionFeedback(question, response === undefined ? [] : [response]),
});
