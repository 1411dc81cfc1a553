import { defineStrings } from '../runtime/i18n.ts';
import { adoptionPack } from './strings.ts';

/** The targets form's words, in its chunk (their translations are in the widget's language packs). */
export const targetsStrings = defineStrings(adoptionPack, 'targets', {
  title: 'Targets',
  about: 'What the company aims for, in percent. Everyone who sees these figures sees the same targets.',
  atMost: 'at most',
  atLeast: 'at least',
  save: 'Save the targets',
  saving: 'Saving…',
  saved: 'The targets were saved.',
  saveFailed: 'The targets could not be saved.',
  required: 'Enter a percentage.',
  range: 'Enter a number from 0 to 100.',
  fix_one: 'Fix {n} field to save.',
  fix_other: 'Fix {n} fields to save.',
  percent: '%',
});
