import {
  ButtonStyle,
  ChannelType,
  ComponentType,
  SelectMenuDefaultValueType,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
} from 'discord.js';
import type { SummarySentence } from '../summarize/summarize.js';
import { customId } from './command.js';
import { escapeText, quoteMarkdown } from './escape.js';
import { fitParts, LIMITS, packEmbeds, truncate } from './limits.js';
import { PendingStore } from './pending.js';

/**
 * Pure formatting of summaries into Discord messages (plain API JSON): every sentence quoted
 * whole with its attribution, split across embeds and messages between sentences, never inside one.
 */

export const SUMMARY_COMPONENTS = { channel: 'summary.channel', post: 'summary.post', cancel: 'summary.cancel' } as const;

export interface SummaryView {
  /** An article summary names its article once; a topic summary names one per sentence. */
  kind: 'article' | 'topic';
  /** The article's title, or the topic as asked. */
  heading: string;
  /** One line under the heading: the article's date and file, or the articles a topic drew on. */
  subtitle: string;
  sentences: SummarySentence[];
}

/** A summary a moderator previewed, waiting for Post or Cancel. */
export interface SummaryPreview {
  /** The moderator who made it: only they may post or cancel it. */
  userId: string;
  /** Where it will be posted (the command's channel until another is picked). */
  channelId: string;
  view: SummaryView;
}

/** Previews wait 15 minutes for Post or Cancel (Discord's interaction tokens last about as long). */
export const createSummaryPreviews = () => new PendingStore<SummaryPreview>(15 * 60_000, 500);

interface SummaryMessage {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

const GREEN = 0x16a34a;
const FOOTER = 'Extractive summary: every sentence is quoted word for word from its article.';
/** Room kept in an embed description for the subtitle line. */
const DESCRIPTION_ROOM = LIMITS.embedDescription - 400;

/** A quoted sentence with where it comes from; a sentence too long for one embed is trimmed between words. */
function block(s: SummarySentence, kind: SummaryView['kind']): string {
  const where =
    kind === 'article'
      ? `paragraph ${s.paragraph}`
      : `*${escapeText(s.title)}* (${s.date ?? 'undated'}), ${escapeText(s.source)}, paragraph ${s.paragraph}`;
  const frame = (quote: string) => `> “${quote}”\n— ${where}`;
  const [quote = ''] = fitParts(s.text, [], DESCRIPTION_ROOM - frame('').length, 1, quoteMarkdown);
  return frame(quote);
}

/**
 * Groups whole blocks into chunks of at most `max` characters (joined by blank lines). A block
 * longer than `max` on its own is left out rather than cut.
 */
export function packBlocks(blocks: readonly string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const b of blocks) {
    if (b.length > max) continue;
    const joined = current ? `${current}\n\n${b}` : b;
    if (joined.length <= max) current = joined;
    else {
      chunks.push(current);
      current = b;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}

/** The summary as embeds: the first titled, the last with the footer, each within Discord's limits. */
function summaryEmbeds(view: SummaryView): APIEmbed[] {
  const subtitle = `*${truncate(escapeText(view.subtitle), 300)}*`;
  const chunks = packBlocks(
    view.sentences.map((s) => block(s, view.kind)),
    DESCRIPTION_ROOM,
  );
  return chunks.map((chunk, i) => ({
    color: GREEN,
    ...(i === 0 ? { title: truncate(`Summary: ${escapeText(view.heading)}`, LIMITS.embedTitle) } : {}),
    description: i === 0 ? `${subtitle}\n\n${chunk}` : chunk,
    ...(i === chunks.length - 1 ? { footer: { text: FOOTER } } : {}),
  }));
}

/** The public messages: the summary, and who posted it (a mention that never pings). */
export function postedMessages(view: SummaryView, moderatorId: string): SummaryMessage[] {
  return packEmbeds(summaryEmbeds(view)).map((embeds, i) => ({
    ...(i === 0 ? { content: `Summary posted by <@${moderatorId}>` } : {}),
    embeds,
    components: [],
  }));
}

/** The private preview: the summary (or as much as one message holds), a channel select, Post and Cancel. */
export function previewMessage(view: SummaryView, key: string, channelId: string, note?: string): SummaryMessage {
  const messages = packEmbeds(summaryEmbeds(view));
  const more = messages.length > 1 ? ` The summary is long: it will be posted as ${messages.length} messages; the first is shown.` : '';
  return {
    content: `${note ? `${note}\n` : ''}Preview, only you can see it. Post it in <#${channelId}> (or pick another channel below).${more}`,
    embeds: messages[0] ?? [],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.ChannelSelect,
            custom_id: customId(SUMMARY_COMPONENTS.channel, key),
            channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
            default_values: [{ id: channelId, type: SelectMenuDefaultValueType.Channel }],
            min_values: 1,
            max_values: 1,
            placeholder: 'Channel to post in',
          },
        ],
      },
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.Button,
            style: ButtonStyle.Primary,
            label: 'Post to channel',
            custom_id: customId(SUMMARY_COMPONENTS.post, key),
          },
          {
            type: ComponentType.Button,
            style: ButtonStyle.Secondary,
            label: 'Cancel',
            custom_id: customId(SUMMARY_COMPONENTS.cancel, key),
          },
        ],
      },
    ],
  };
}
