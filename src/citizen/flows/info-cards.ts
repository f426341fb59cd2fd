import type { Reply } from '../engine/reply.ts';

/** The emergency numbers, shown at once whenever someone may be in danger now. */
export const emergencyCard: Reply = { text: [{ key: 'emergency.card' }], standalone: true };

export const helpCard: Reply = { text: [{ key: 'help.card' }] };

/** Red flags of trafficking and the hotlines (journey 6, first stage). */
export const awarenessCard: Reply = { text: [{ key: 'awareness.card' }] };
