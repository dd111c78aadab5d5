import { describe, expect, it } from 'vitest';
import ask from '../commands/ask.js';
import articles from '../commands/articles.js';
import digest from '../commands/digest.js';
import { commandSchema, focusedText, optionProblem, wholeNumberArg } from '../src/bot/options.js';

const CHANNEL = '300000000000000001';
const text = { type: 0 };
const schemaOf = (command: { data: { toJSON(): never } }) => commandSchema(command.data.toJSON());
const digestSet = (options: object[]) => [{ name: 'set', type: 1, options }];
const setOptions = (extra: object[] = [], channel: object = { name: 'channel', type: 7, value: CHANNEL, channel: text }) => [
  channel,
  { name: 'time', type: 3, value: '08:00' },
  { name: 'timezone', type: 3, value: 'UTC' },
  ...extra,
];

describe('options checked against the command definitions', () => {
  const digestSchema = schemaOf(digest as never);

  it('accepts what Discord would send', () => {
    expect(optionProblem(digestSchema, digestSet(setOptions([{ name: 'size', type: 4, value: 25 }])) as never)).toBeNull();
    expect(optionProblem(digestSchema, [{ name: 'now', type: 1 }] as never)).toBeNull();
    expect(optionProblem(schemaOf(ask as never), [{ name: 'question', type: 3, value: 'who met' }] as never)).toBeNull();
    expect(optionProblem(schemaOf(articles as never), [] as never)).toBeNull();
  });

  it.each([
    [[{ name: 'size', type: 4, value: 0 }], '`size` must be a whole number from 1 to 25'],
    [[{ name: 'size', type: 4, value: 1_000_000 }], '`size` must be a whole number from 1 to 25'],
    [[{ name: 'size', type: 4, value: 2.5 }], '`size` must be a whole number from 1 to 25'],
    [[{ name: 'size', type: 4, value: '3' }], '`size` must be a whole number from 1 to 25'],
    [[{ name: 'quiet', type: 3, value: 'loud' }], '`quiet` must be one of “post nothing”, “post a short line”'],
    [[{ name: 'volume', type: 3, value: 'x' }], '`volume` is not an option of this command'],
    [[{ name: 'size', type: 3, value: '3' }], '`size` has the wrong type'],
  ])('refuses a /digest set option outside its definition (%#)', (extra, problem) => {
    expect(optionProblem(digestSchema, digestSet(setOptions(extra)) as never)).toBe(problem);
  });

  it('refuses a channel that is not a resolved text or announcement channel (a role id, a voice channel), and missing options', () => {
    const role = { name: 'channel', type: 7, value: '456000000000000000' };
    const expected = '`channel` must be a text or announcement channel of this server';
    expect(optionProblem(digestSchema, digestSet(setOptions([], role)) as never)).toBe(expected);
    expect(optionProblem(digestSchema, digestSet(setOptions([], { ...role, channel: { type: 2 } })) as never)).toBe(expected);
    expect(optionProblem(digestSchema, digestSet(setOptions().slice(1)) as never)).toBe('`channel` is required');
    expect(optionProblem(digestSchema, [{ name: 'explode', type: 1 }] as never)).toBe('no such subcommand');
  });

  it('words a text over its length as the commands do, and checks booleans', () => {
    const articlesSchema = schemaOf(articles as never);
    expect(optionProblem(articlesSchema, [{ name: 'query', type: 3, value: 'q'.repeat(101) }] as never)).toBe(
      'The query is too long (101 characters; at most 100)',
    );
    const askSchema = schemaOf(ask as never);
    const question = { name: 'question', type: 3, value: 'who' };
    expect(optionProblem(askSchema, [question, { name: 'private', type: 5, value: 'yes' }] as never)).toBe(
      '`private` must be true or false',
    );
    expect(optionProblem(askSchema, [question, { name: 'count', type: 4, value: 6 }] as never)).toBe(
      '`count` must be a whole number from 1 to 5',
    );
  });

  it('reads custom-id numbers strictly, and finds the option being typed in', () => {
    const page = wholeNumberArg(0, 9);
    expect(page.safeParse('7')).toMatchObject({ success: true, data: 7 });
    for (const bad of ['NaN', '', '-1', '10', '1e3', '0x1', ' 1']) expect(page.safeParse(bad).success).toBe(false);
    expect(focusedText([{ name: 'set', type: 1, options: [{ name: 'timezone', type: 3, value: 'Eu', focused: true }] }] as never)).toBe(
      true,
    );
    expect(focusedText([{ name: 'timezone', type: 3, value: 'Eu' }] as never)).toBe(false);
    expect(focusedText([{ name: 'size', type: 4, value: 3, focused: true }] as never)).toBe(false);
  });
});
