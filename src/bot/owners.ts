import { Team, TeamMemberMembershipState, type Client } from 'discord.js';

/**
 * Whether the user owns the bot's application, or is an accepted member of the team that owns it,
 * as Discord's application object says now (fetched on every call: an ownership change applies at
 * once, and nothing the interaction carries is trusted).
 */
export async function isApplicationOwner(client: Client, userId: string): Promise<boolean> {
  const application = await client.application?.fetch();
  const owner = application?.owner;
  if (owner instanceof Team) {
    if (owner.ownerId === userId) return true;
    const member = owner.members.get(userId);
    return member?.membershipState === TeamMemberMembershipState.Accepted;
  }
  return owner?.id === userId;
}
