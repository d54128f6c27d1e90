/** The «Modelo» select of the widgets that run the lesson-10 CNN (DOM). */
import { select } from '../widget/dom';
import { CHOICE_OPTIONS, type Choice } from './load';

/** Your model if there is one, your model, or the course's (CHOICE_OPTIONS). */
export function modelChoiceSelect(value: Choice, onChange: (v: Choice) => void): ReturnType<typeof select<Choice>> {
  return select({ label: 'Modelo', value, onChange, options: CHOICE_OPTIONS });
}
