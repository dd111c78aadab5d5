import { describe, expect, it } from 'vitest';
import { withoutDiscordMarkup } from '../src/bot/discord-markup.js';

describe('Discord markup in typed text', () => {
  it('reads away mentions, custom emoji, command mentions and timestamps, and nothing else', () => {
    expect(withoutDiscordMarkup('<@123456789012345678> who will meet in geneva <:thinking:123456789012345678>')).toBe(
      'who will meet in geneva',
    );
    expect(withoutDiscordMarkup('<a:dance:1> did <@!2> or <@&3> in <#4> say </ask:5> by <t:1700000000:R> or <t:1700000000>?')).toBe(
      'did or in say by or ?',
    );
    // Angle brackets and colons of plain text are kept, and markup alone leaves nothing to ask.
    for (const kept of ['is 2 < 3 > 1', 'what did <b> say at 10:30', 'who owns <mob>']) expect(withoutDiscordMarkup(kept)).toBe(kept);
    expect(withoutDiscordMarkup('<@123> <:x:456>')).toBe('');
  });
});
