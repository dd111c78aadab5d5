// Worker-thread entry for parallel analysis. Plain JavaScript so that Node can start it whether the
// parent runs under tsx (npm run ask, npm start) or under vitest; it then loads the TypeScript
// worker through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./analysis-worker.ts', import.meta.url);
