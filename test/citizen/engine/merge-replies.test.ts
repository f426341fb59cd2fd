import { describe, expect, it } from 'vitest';
import { mergeReplies } from '../../../src/citizen/engine/merge-replies.ts';
import type { Reply } from '../../../src/citizen/engine/reply.ts';

const note = (key: string): Reply => ({ text: [{ key }] });
const question = (key: string): Reply => ({
  text: [{ key }],
  choices: [{ id: 'a', label: { key: 'answer.yes' } }],
  stepName: 'step',
});

describe('mergeReplies', () => {
  it('folds a note into the question that follows it', () => {
    expect(mergeReplies([note('place.location_saved'), question('tip.people_question')])).toEqual([
      {
        ...question('tip.people_question'),
        text: [{ key: 'place.location_saved' }, { key: 'tip.people_question' }],
      },
    ]);
  });

  it('folds several notes into one question, in order', () => {
    const [merged] = mergeReplies([note('n1'), note('n2'), question('q')]);
    expect(merged?.text.map((t) => t.key)).toEqual(['n1', 'n2', 'q']);
  });

  it('folds a note into a location or contact request', () => {
    const request: Reply = { text: [{ key: 'contact.question' }], request: 'contact' };
    expect(mergeReplies([note('n'), request])).toEqual([
      { ...request, text: [{ key: 'n' }, { key: 'contact.question' }] },
    ]);
  });

  it('joins notes with nothing after them into one message', () => {
    expect(mergeReplies([note('n1'), note('n2')])).toEqual([{ text: [{ key: 'n1' }, { key: 'n2' }] }]);
  });

  it('keeps a standalone reply whole, sending the notes before it on their own', () => {
    const card: Reply = { text: [{ key: 'emergency.card' }], standalone: true };
    expect(mergeReplies([note('n'), card, note('m'), question('q')])).toEqual([
      { text: [{ key: 'n' }] },
      card,
      { ...question('q'), text: [{ key: 'm' }, { key: 'q' }] },
    ]);
  });

  it('never merges a note into a receipt', () => {
    const receipt: Reply = { text: [{ key: 'receipt.submitted' }], receiptFor: 'r-1' };
    expect(mergeReplies([note('n'), receipt])).toEqual([{ text: [{ key: 'n' }] }, receipt]);
  });

  it('never merges a receipt into what follows', () => {
    const receipt: Reply = { text: [{ key: 'receipt.submitted' }], receiptFor: 'r-1' };
    expect(mergeReplies([receipt, question('menu.question')])).toEqual([receipt, question('menu.question')]);
  });

  it('keeps two questions as two messages', () => {
    expect(mergeReplies([question('q1'), question('q2')])).toHaveLength(2);
  });

  it('returns nothing for nothing', () => {
    expect(mergeReplies([])).toEqual([]);
  });

  it('does not change the replies it is given', () => {
    const replies = [note('n'), question('q')];
    const copy = structuredClone(replies);
    mergeReplies(replies);
    expect(replies).toEqual(copy);
  });
});
