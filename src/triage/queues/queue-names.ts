/** The BullMQ queues of the system. Job data holds ids only: queues are visible in dashboards. */
export const queueNames = { triage: 'triage' } as const;
export type QueueName = (typeof queueNames)[keyof typeof queueNames];
