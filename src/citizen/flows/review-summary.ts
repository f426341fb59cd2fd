import type { LocalText } from '../../platform/vocabulary/local-text.ts';
import type { Draft } from '../engine/conversation-state.ts';
import { getProvince, getWard } from '../places/administrative-units.ts';

const summaryLimit = 300;

/** The lines of the summary shown before confirming: what will be sent, in the citizen's words. */
export function reviewSummary(draft: Draft): LocalText[] {
  const lines: LocalText[] = [{ key: 'review.heading' }];
  const add = (key: string, value: string | number | LocalText | undefined) => {
    if (value !== undefined && value !== '') lines.push({ key, params: { value } });
  };
  if (draft.kind === 'trafficking') {
    add('review.danger', { key: draft.dangerNow ? 'answer.yes' : 'answer.no' });
    add('review.affected', draft.affected ? { key: `affected.${draft.affected}` } : undefined);
    add('review.child', draft.childInvolved ? { key: `child.${draft.childInvolved}` } : undefined);
    add('review.situation', draft.situation ? { key: `situation.${draft.situation}` } : undefined);
  } else {
    add('review.category', draft.category ? { key: `category.${draft.category}` } : undefined);
  }
  add('review.description', shorten(draft.description));
  add(
    'review.when',
    draft.occurredText ?? (draft.occurredWhen ? { key: `when.${draft.occurredWhen}` } : undefined),
  );
  add('review.country', draft.country ? countryText(draft.country) : undefined);
  add('review.place', placeText(draft));
  add(
    'review.last_contact',
    draft.lastContactText?.startsWith('#')
      ? { key: `last_contact.${draft.lastContactText.slice(1)}` }
      : draft.lastContactText,
  );
  for (const help of draft.helpNeeded) add('review.help', { key: `help_kind.${help}` });
  add('review.people', shorten(draft.peopleText));
  add('review.attachments', draft.attachments.length > 0 ? draft.attachments.length : undefined);
  add('review.anonymity', draft.anonymity ? { key: `anonymity.${draft.anonymity}` } : undefined);
  lines.push({ key: 'review.confirm_hint' });
  return lines;
}

function countryText(country: string): LocalText | string {
  return country.startsWith('custom:') ? country.slice('custom:'.length) : { key: `country.${country}` };
}

function placeText(draft: Draft): LocalText | string | undefined {
  if (draft.latitude !== undefined && draft.longitude !== undefined) {
    return `${draft.latitude.toFixed(5)}, ${draft.longitude.toFixed(5)}`;
  }
  const province = draft.provinceCode ? getProvince(draft.provinceCode) : undefined;
  const ward = draft.wardCode ? getWard(draft.wardCode) : undefined;
  if (province) return ward ? `${ward.name}, ${province.name}` : province.name;
  return draft.placeUnknown ? { key: 'place.unknown' } : undefined;
}

function shorten(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  return text.length > summaryLimit ? `${text.slice(0, summaryLimit)}…` : text;
}
