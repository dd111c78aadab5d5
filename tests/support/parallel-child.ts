// Runs the parallel analyser from a tsx process (as `npm run ask` does) and prints the analyses as JSON.
import { loadCorpora } from '../../src/articles/load.js';
import { analyzeArticles } from '../../src/nlp/parallel.js';

const { articles } = await loadCorpora([{ dir: process.argv[2]! }]);
console.log(JSON.stringify(await analyzeArticles(articles, { workers: Number(process.argv[3]) })));
