import type { Correction } from './chat-forms.js';

/**
 * The words around a question that people type in chat and articles never print: a greeting, a request to be told,
 * a courtesy, the article it is asked of, a link, markdown, capitals or a letter held down, a slip or shorthand in the
 * question word. Each is read away before the question's own words are: their words are in no answer, yet would
 * count among the question's rarest terms.
 */

/**
 * Slips of the word a question starts with, which its wording rules read first: two neighbouring letters swapped,
 * or one dropped. None is an English word ("wen", "were" and "whos" are left out).
 */
const QUESTION_WORD_SLIPS: Record<string, string> = {
  hwat: 'what',
  waht: 'what',
  whta: 'what',
  wht: 'what',
  woh: 'who',
  hwen: 'when',
  wehn: 'when',
  whne: 'when',
  whn: 'when',
  hwere: 'where',
  wehre: 'where',
  whree: 'where',
  whre: 'where',
  wher: 'where',
  wyh: 'why',
  ohw: 'how',
  hwich: 'which',
  wihch: 'which',
  whcih: 'which',
  whihc: 'which',
  wich: 'which',
  whch: 'which',
};
/** Question words as chat shortens them where they open a question ("y did …", "wat is …"). */
const QUESTION_WORD_SHORTHAND: Record<string, string> = { y: 'why', wat: 'what', wut: 'what', wot: 'what', hw: 'how' };
/**
 * What must follow "y" or "hw" for it to be a question word and not a letter or a name ("Y Combinator", "hw sales"):
 * a verb that asks ("y did", "y isnt", "hw r"), or for "hw" a measure word.
 */
const ASKING_VERB = /^\s+(?:(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|must)(?:n'?t)?|r|cant|wont)\b/i;
const LETTER_SHORTHAND = new Set(['y', 'hw']);

const FIRST_WORD = /^(\s*)([a-z]+)\b/i;
/** "hwo" is a slip of "who" and of "how": before a measure word ("hwo many", "hwo long") it is "how". */
const MEASURE_NEXT = /^\s+(much|many|long|far|old|big|large|often|soon|fast|come)\b/i;

/** The question word a shorthand opening stands for, given what follows it (`rest`). */
function shorthandFor(lower: string, rest: string): string | undefined {
  const asking = ASKING_VERB.test(rest) || (lower === 'hw' && MEASURE_NEXT.test(rest));
  return LETTER_SHORTHAND.has(lower) && !asking ? undefined : QUESTION_WORD_SHORTHAND[lower];
}

/** The slip in the question word a question starts with, and the word meant ("waht" → what), if there is one. */
function questionWordSlip(text: string): Correction | null {
  const first = FIRST_WORD.exec(text);
  if (!first) return null;
  const typed = first[2]!;
  const lower = typed.toLowerCase();
  const rest = text.slice(first[0].length);
  const read = lower === 'hwo' ? (MEASURE_NEXT.test(rest) ? 'how' : 'who') : (QUESTION_WORD_SLIPS[lower] ?? shorthandFor(lower, rest));
  return read ? { typed, read } : null;
}

const SOMEONE = "(?:any ?one|any1|any ?body|some ?one|some1|some ?body|u|you|ya|y'?all)";
const IF = '(?: (?:if|whether))?';
/** What a question starts with once its chat words are read away: a question word or an asking verb. */
const QUESTION_WORD = '(?:who|whom|whose|what|when|where|why|how|which|is|are|was|were|do|does|did|has|have|can|will)';
/** Asking for information on a story: "info on", "any details about". */
const INFO = '(?:any )?(?:info|information|details|news|updates?)(?: (?:on|about|regarding|abt))?';
/**
 * The article a question is asked of, named as the medium rather than as what it says: "the article", "that story",
 * "the bbc piece", "reuters". A determiner or a source is required: "article 5 of the treaty" names a subject. Asked
 * of the article ("in the bbc article, …", "what does the story say about …", "… according to the article", "…
 * (bbc article)"), a question's words for it are in no answer, and "bbc" and "reuters" would count among its rarest.
 */
const MEDIUM =
  "(?:(?:the|that|this|ur|your|today'?s)(?: (?:bbc|reuters)(?:'s)?)?|bbc|reuters) (?:news )?(?:article|story|piece|item|headline)s?";
const SOURCE = `(?:${MEDIUM}|(?:the )?bbc|reuters)`;
/**
 * What people open a chat question with that asks nothing itself: a greeting or filler ("hey", "so", "quick
 * question"), or a request to be told ("does anyone know", "can someone tell me", "i'm wondering"). Its words are
 * in no answer, yet they would count as the question's terms, "anyone" and "tell" among its rarest.
 */
const CHAT_OPENING = new RegExp(
  `^\\s*(?:${[
    "(?:hey|hi|hello|yo|ok|okay|so|um+|uh+|hm+|also|and|but|btw|oh|sorry|guys|folks|everyone|y'?all|pls|please|plz|quick (?:q(?:uestion)?|one)|eli5|tl;?dr|iirc|afaik|ngl|fyi)\\b",
    // Words that only stand before a question ("wait, who …", "so like why …", "lol what …"), and the bot addressed by name.
    `(?:wait|like|bot|newsdesk|lo+l(?:ol)*|lmao|omg|bruh|idk|wtf|legit|real talk)(?=\\s*(?:[,:!-]|${QUESTION_WORD}\\b))`,
    // Excusing the question: "sorry if this is a dumb question, but …", "stupid q but …".
    `(?:(?:(?:sorry|apologies),? )?if (?:this is |its |it's )?)?(?:a |an )?(?:dumb|stupid|silly|obvious|noob|newbie) q(?:uestion|n)?,? (?:but )?`,
    `what(?:'?s| is) the (?:deal|situation) with\\b`,
    `(?:does|do|did) (?:${SOMEONE}|we)(?: here)? (?:know|remember|have any idea|have ${INFO})${IF}\\b`,
    `(?:any ?one|any1|any ?body|some ?one|some1|some ?body)(?: here)? (?:knows?|remembers?|(?:got|has|have) ${INFO})${IF}\\b`,
    `(?:(?:can|could|would|will) )?${SOMEONE} (?:please |pls |plz )?(?:tell|remind|show) (?:me|us)${IF}\\b`,
    `(?:(?:can|could|would|will) ${SOMEONE} )?(?:please |pls |plz )?(?:explain|help me understand)(?: to (?:me|us))?${IF}\\b`,
    `what (?:can|could|do|would) ${SOMEONE} (?:tell|say to) (?:me|us)(?: about)?\\b`,
    // Something heard, to be confirmed: "is it true that …", "i heard …".
    `(?:is it true|i (?:heard|read|saw)|some ?one said)(?: that)?\\b`,
    `(?:(?:i'?m|i am|just) )?(?:wondering|curious)(?: about)?${IF}\\b`,
    `(?:i )?(?:wonder|want to know|wanna know|would like to know|'?d like to know|need to know|need ${INFO})${IF}\\b`,
    `(?:any ideas?|you know|tell me|remind me)${IF}\\b`,
    // Asking for news of a story names the story, not a word in it: "any news on", "what's the latest on".
    `(?:any|some) (?:news|updates?|word|info)(?: (?:on|about|regarding))?\\b`,
    `(?:give|get|fill|catch) (?:me|us) (?:in|up|(?:the |an |a )?(?:latest|news|updates?|rundown|lowdown|gist))(?: (?:on|about|with|regarding))?\\b`,
    `what(?:'?s| is) (?:the )?(?:latest|news|update|story)(?: (?:on|about|with|regarding))\\b`,
    `what(?:'?s| is) (?:going on|happening|up) with\\b`,
    // Naming the article asked of, but not as the owner of what is asked ("in the article's title").
    `(?:in|from|on|re|per|according to) ${SOURCE}(?: (?:about|on|re|abt|regarding))?\\b(?!'s)`,
    `${MEDIUM} (?:says?|said|mentions?|mentioned|reports?|reported)(?: that)?\\b`,
    `what (?:does|did|do) ${MEDIUM} say (?:about|on|re|abt|regarding)\\b`,
  ].join('|')})[\\s,:;.!?-]*`,
  'i',
);
/** Courtesies and chat noises people close one with ("…, anyone?", "pls", "thanks", "lol"), and the article asked of. */
const CHAT_CLOSING = new RegExp(
  `[\\s,]*(?:${[
    `\\b(?:any ideas?|(?:do|does) ${SOMEONE} know|if ${SOMEONE} knows?|just (?:curious|wondering)|asking for a friend|real quick|btw|tho|cheers|(?:thanks|thank you|thx|ty) in advance|(?:pls|please|plz) and (?:thanks|thank you|thx|ty))\\b`,
    '\\b(?:(?:is|was) (?:it|that|this) (?:true|right)|pls|please|plz|thanks|thank you|thx|ty|(?:if |does )?(?:any ?one|any1|any ?body)(?: knows?| here)?|or (?:smth|sth|something|nah)|etc|lo+l(?:ol)*|lmao|lmfao|ha(?:ha)+|xd|smh|tbh|idk|imo|iirc|afaik|ngl|rn|fr|tia|asap|anyways?|thank u|(?:k|ok|okay) (?:thx|thanks|ty)|(?:im|i am|i.m) (?:confused|lost))\\b',
    `\\(${SOURCE}\\)`,
    `\\b(?:in|from|per|according to) ${SOURCE}`,
  ].join('|')})[\\s.!?]*$`,
  'i',
);
/**
 * An emoji, typed as its Discord short code (":thinking:") or as the character itself (with its skin tone and
 * joiners): its name is no word of the question, and it hides a chat closing before it ("lol 😂").
 */
const EMOJI = /:[\w+-]*[a-z][\w+-]*:|\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200D|\uFE0F/giu;
/** A link pasted with the question ("… www.bbc.co.uk/news"): its host and path are no words of an answer. */
const LINK = /\b(?:https?:\/\/|www\.)\S+/giu;
/** A phone's keyboard types "what’s" and "i’m" with a curly apostrophe; the rules of this module are written with a straight one. */
const CURLY_APOSTROPHE = /[‘’ʼ]/g;
/**
 * Chat's markdown: bold, italics, underline, strikethrough, spoilers and code (`**when**`, `__why__`, `||who||`), and a
 * block quote's marks. They are no words, but around the question word they hid it from the wording rules ("__why__
 * did it fall" asked for no reason). An underscore inside a word ("snake_case") stays.
 */
const EMPHASIS = /\*+|~~|\|\||`+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])|^\s*>{1,3}\s/gu;
/** A hashtag names a topic word ("#brexit"): the word is what is asked about. "#1" is a rank, and stays. */
const HASHTAG = /(^|\s)#(?=\p{L})/gu;

/**
 * Adverbs that hedge or stress the asking, not what is asked ("what exactly did he say", "who actually won"): no
 * answer need hold them, and between a question word and its noun they hide the noun ("what exactly is the score").
 */
const ASKING_ADVERBS = /\b(?:exactly|actually|really|basically|precisely|honestly|seriously|literally|kinda|sorta)\b\s*/gi;
/**
 * An oath after a question word ("who tf won", "why the hell did it fall"): it only stresses the asking. Not "on earth",
 * which is as often the planet ("where on Earth is free oxygen found").
 */
const ASKING_OATH = /\b(who|whom|what|when|where|why|how|which)\s+(?:tf|the (?:hell|heck|fuck))\b/gi;

/**
 * The question without the chat words around it that ask nothing ("hey, does anyone know …, thanks", "in the bbc
 * article, …", a link, emoji), and without the adverbs that only stress the asking.
 */
function withoutChatWords(text: string): string {
  let question = text.replace(LINK, ' ').replace(EMOJI, ' ').replace(HASHTAG, '$1').replace(ASKING_ADVERBS, '').replace(ASKING_OATH, '$1');
  for (let before = ''; before !== question;) {
    before = question;
    question = question.replace(CHAT_OPENING, '').replace(CHAT_CLOSING, '');
  }
  // Chat words alone are still what was asked: nothing is left to read them as anything else.
  return /[\p{L}\p{N}]/u.test(question) ? question.trim() : text;
}

const LETTERS_RUN = /\p{L}+/gu;
/**
 * The question in lower case when its capitals say nothing: typed all in capitals, or with every word capitalised
 * ("Who Will Meet In Geneva"). Read as typed, every word would be a name or an acronym (kept whole, unstemmed:
 * "RATES" never meets "rate"); in lower case, a name still meets its term, and an acronym the archive knows is
 * still read as one (typedAcronym).
 */
function withoutShouting(text: string): string {
  const words = text.match(LETTERS_RUN) ?? [];
  const shouted = !/\p{Ll}/u.test(text) || (words.length >= 3 && words.every((word) => /^\p{Lu}/u.test(word)));
  return shouted ? text.toLowerCase() : text;
}

/** A letter held down: three or more of it in a row, which no English word has ("whyyy", "sooo", "goood"). */
const HELD_LETTER = /(\p{L})\1{2,}/gu;
const STRETCHED_WORD = /\p{L}*(\p{L})\1{2,}\p{L}*/gu;
/** "iii", "xxx": a number, not a letter held down. */
const ROMAN_NUMERAL = /^[ivxlcdm]+$/i;
/** "AAA", "IEEE", "zzz": a code or an acronym (capitals after the first letter, or one letter only), not a word stretched. */
const CODE = /^(?:.+\p{Lu}.*|(\p{L})\1+)$/u;

/**
 * The words typed with a letter held down, as the word meant: with the letter twice ("goood" → good) or once
 * ("whyyy" → why, "sooo" → so), whichever `isWord` knows first; a chat word it makes ("lolll", "plsss") goes as
 * chat words do. A word neither reading knows stays as typed ("brrr"), and so does a Roman numeral ("iii").
 */
function withoutStretching(text: string, isWord: (word: string) => boolean): string {
  return text.replace(STRETCHED_WORD, (typed) => {
    if (ROMAN_NUMERAL.test(typed) || CODE.test(typed)) return typed;
    const twice = typed.replace(HELD_LETTER, '$1$1');
    const once = typed.replace(HELD_LETTER, '$1');
    const chat = (word: string) => CHAT_CLOSING.test(` ${word}`);
    return [once, twice].find(chat) ?? [twice, once].find((word) => isWord(word.toLowerCase())) ?? typed;
  });
}

/**
 * What a chat question asks, read past the way it was typed: without markdown, in lower case when its capitals say nothing, with
 * letters held down let go (read against `isWord`), without the words around it that ask nothing, and with a slip
 * in its question word put right ("waht" → "what"), which `corrections` names.
 */
export function questionAsked(text: string, isWord: (word: string) => boolean): { text: string; corrections: Correction[] } {
  const question = withoutChatWords(withoutStretching(withoutShouting(text.replace(CURLY_APOSTROPHE, "'").replace(EMPHASIS, '')), isWord));
  const slip = questionWordSlip(question);
  return slip ? { text: question.replace(FIRST_WORD, `$1${slip.read}`), corrections: [slip] } : { text: question, corrections: [] };
}
