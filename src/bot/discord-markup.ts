/**
 * Discord's markup for what is not a word: mentions of members, roles and channels, custom emoji, command mentions
 * and timestamps (`<@123…>`, `<#123…>`, `<:thinking:123…>`, `</ask:123…>`, `<t:1700000000:R>`). A question typed in
 * Discord may hold them, picked from the client's suggestions as one types; their ids are in no article, and would
 * count among the question's rarest words.
 */
const MARKUP = /<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|\/[\w -]+:\d+|t:-?\d+(?::[tTdDfFR])?)>/g;

/** Text typed in Discord without its markup for members, channels, emoji, commands and times. */
export function withoutDiscordMarkup(text: string): string {
  return text.replace(MARKUP, ' ').replace(/\s+/g, ' ').trim();
}
