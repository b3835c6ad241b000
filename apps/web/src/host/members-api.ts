// The workspace's members and invites (`/api/host/members`, `/api/host/invites`, and the public
// `/api/auth/invites/<token>`): the calls the Members page and the invite page make.
import { api } from '../common/api';
import type { Host, Invite, Member } from '../common/types';

/**
 * The hosts of the signed-in host's workspace, with their connected calendar providers.
 *
 * @example
 * ```ts
 * const { members } = await fetchMembers();
 * members.map((m: Member) => m.name);
 * ```
 */
export function fetchMembers(): Promise<{ members: Member[] }> {
  return api('GET', '/api/host/members');
}

/**
 * The workspace's pending invites, newest first.
 *
 * @example
 * ```ts
 * const { invites } = await fetchInvites();
 * invites.map((i: Invite) => i.email);
 * ```
 */
export function fetchInvites(): Promise<{ invites: Invite[] }> {
  return api('GET', '/api/host/invites');
}

/**
 * Invites `email` into the workspace. `url` is answered this once (the server keeps only a hash
 * of its token); `emailSent` says whether the invite email went out.
 *
 * @example
 * ```ts
 * const { url, emailSent } = await createInvite('grace@example.com');
 * ```
 */
export function createInvite(
  email: string,
): Promise<{ invite: Invite; url: string; emailSent: boolean }> {
  return api('POST', '/api/host/invites', { email });
}

/**
 * Revokes a pending invite: its URL stops working.
 *
 * @example
 * ```ts
 * await revokeInvite('inv_1');
 * ```
 */
export function revokeInvite(id: string): Promise<void> {
  return api('DELETE', `/api/host/invites/${encodeURIComponent(id)}`);
}

/**
 * What an invite URL shows; rejects with `INVITE_NOT_FOUND` when it is unknown, used or expired.
 *
 * @example
 * ```ts
 * const { invitedBy, email } = await fetchInviteView(token);
 * ```
 */
export function fetchInviteView(
  token: string,
): Promise<{ workspaceName?: string; invitedBy: string; email: string }> {
  return api('GET', `/api/auth/invites/${encodeURIComponent(token)}`);
}

/**
 * Accepts an invite: creates the account in the inviter's workspace and signs it in.
 *
 * @example
 * ```ts
 * const { host, csrfToken } = await acceptInvite(token, { name: 'Grace', password: 'correct horse', timeZone: 'Europe/Berlin' });
 * ```
 */
export function acceptInvite(
  token: string,
  body: { name: string; password: string; timeZone: string },
): Promise<{ host: Host; csrfToken: string }> {
  return api('POST', `/api/auth/invites/${encodeURIComponent(token)}/accept`, body);
}
