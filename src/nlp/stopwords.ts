/**
 * Function words that carry no topic. Deliberately shorter than wink's own list, which also drops
 * content words a question depends on ("call", "take", "show", "find", "move").
 */
export const STOP_WORDS = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers herself him
  himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
  our ours ourselves us out over own same she should so some such than that the their theirs them themselves then there
  these they this those through to too under until up very was we were what when where which while who whom whose why
  will with would you your yours yourself yourselves also may might must shall yet ever very's let's it's i'm
  n't 's 're 've 'd 'll 'm s t d ll m o re ve y`.split(/\s+/),
);
