import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/** One wink-nlp instance per process: loading the model is the expensive part. */
export const nlp = winkNLP(model);
export const its = nlp.its;

/** The model's Porter2 stemmer, for word parts wink did not tokenise on their own (hyphenated words). */
export const stem: (word: string) => string = (model as unknown as { addons: { stem(w: string): string } }).addons.stem;
