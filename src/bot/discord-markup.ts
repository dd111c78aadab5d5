/**
 * Discord's markup for what is not a word: mentions of members, roles and channels, custom emoji, command mentions
 * and timestamps (`<@123…>`, `<#123…>`, `<:thinking:123…>`, `</ask:123…>`, `<t:1700000000:R>`). A question typed in
 * Discord may hold them, picked from the client's suggestions as one types; their ids are in no article, and would
 * count among the question's rarest words.
 */
const MARKUP = /<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|\/[\w -]+:\d+|t:-?\d+(?::[tTdDfFR])?)>/g;

/**
 * Discord's markdown: bold, italics, underline, strikethrough, spoilers and code (`**when**`, `__why__`, `||who||`),
 * and a block quote's marks. Its marks are no words, but around the question word they hide it from the wording
 * rules ("__why__ did it fall" asked for no reason). An underscore inside a word ("snake_case") stays.
 */
const EMPHASIS = /\*+|~~|\|\||`+|(?<![\p{L}\p{N}])_+|_+(?![\p{L}\p{N}])/gu;
const QUOTE = /^\s*>{1,3}\s/;

/** Text typed in Discord without its markup for members, channels, emoji, commands and times, or its markdown. */
export function withoutDiscordMarkup(text: string): string {
  return text.replace(MARKUP, ' ').replace(QUOTE, '').replace(EMPHASIS, '').replace(/\s+/g, ' ').trim();
}
