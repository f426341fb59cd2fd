/**
 * The notices the law requires to the procuracy (VKS), by the deadline rule that counts each
 * (deadline-rules.json): the receipt (3 working days), each decision (24 h), a resumption (3
 * days), and the request for its extension (before the limit it would extend ends).
 */
export const vksNoticeKinds = [
  'receipt_notice',
  'notify_prosecution_decision',
  'notify_no_prosecution',
  'notify_suspension',
  'notify_resumption',
  'vks_extension_request',
] as const;

export type VksNoticeKind = (typeof vksNoticeKinds)[number];

/** How a notice reached the procuracy. */
export const vksNoticeMethods = ['in_person', 'post', 'electronic'] as const;

export type VksNoticeMethod = (typeof vksNoticeMethods)[number];
