/**
 * Words that, opening a sentence, lean on the sentence before it: a pronoun ("He said", "They"),
 * a contrast or continuation ("But", "However", "Also"), or a demonstrative ("This", "Such").
 * Read alone, such a sentence has no antecedent.
 */
const DANGLING_OPENER = new RegExp(
  '^["“‘\']?(?:' +
    [
      'he',
      'she',
      'it',
      'they',
      'his',
      'her',
      'its',
      'their',
      'them',
      'him',
      'this',
      'these',
      'those',
      'that',
      'such',
      'but',
      'however',
      'and',
      'or',
      'so',
      'yet',
      'also',
      'still',
      'instead',
      'meanwhile',
      'moreover',
      'furthermore',
      'nevertheless',
      'nonetheless',
      'therefore',
      'thus',
      'hence',
      'otherwise',
      'besides',
      'then',
      'later',
      'indeed',
      'likewise',
      'similarly',
      'consequently',
      'as a result',
      'in addition',
      'on the other hand',
      'by contrast',
      'in contrast',
      'even so',
      'the latter',
      'the former',
    ].join('|') +
    ")(?=[\\s,;:.'’]|$)",
  'i',
);

/** True when a sentence opens with a word that needs the sentence before it. */
export function hasDanglingOpener(text: string): boolean {
  return DANGLING_OPENER.test(text.trimStart());
}
