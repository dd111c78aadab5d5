/** Small dated articles for index tests: varied enough that terms have different frequencies. */
export const SMALL_CORPUS: Record<string, string> = {
  'a.txt':
    'date 2022-01-03 Harbour reopens\n\nThe harbour master reopened the port on Monday after repairs.\n\nShips queued outside the harbour for three days. The port handles grain and coal.',
  'b.txt':
    'date 2022-01-04 Grain prices rise\n\nGrain prices rose 4% on Tuesday as ships waited at the port.\n\nTraders said the harbour delay cut supply. Coal prices were flat.',
  'c.txt':
    'Council budget\n\nThe city council approved a budget of $12 million for road repairs.\n\nThe mayor said repairs would start in March.',
  'sub/d.txt':
    'date 2022-02-10 Storm warning\n\nA storm closed the port again on Thursday. The harbour master said ships would wait.\n\nForecasters expect the storm to pass by Saturday.',
};
