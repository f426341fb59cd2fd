import type { Reply } from './reply.ts';

/**
 * Folds short notes ("Location noted.") into the question that follows them, so a turn sends one
 * message where it can: fewer messages for cheap phones and the platforms' per-chat limits.
 * Replies with buttons, requests, receipts or marked standalone stay whole messages.
 */
export function mergeReplies(replies: Reply[]): Reply[] {
  const merged: Reply[] = [];
  let pending: Reply['text'] = [];
  for (const reply of replies) {
    const isNote = !reply.choices?.length && !reply.request && !reply.receiptFor && !reply.standalone;
    if (isNote) {
      pending = [...pending, ...reply.text];
      continue;
    }
    if (pending.length > 0 && !reply.receiptFor && !reply.standalone) {
      merged.push({ ...reply, text: [...pending, ...reply.text] });
    } else {
      if (pending.length > 0) merged.push({ text: pending });
      merged.push(reply);
    }
    pending = [];
  }
  if (pending.length > 0) merged.push({ text: pending });
  return merged;
}
