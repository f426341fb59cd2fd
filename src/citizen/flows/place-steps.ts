import { foldDiacritics } from '../../platform/text/fold-diacritics.ts';
import { choiceStep, keyedChoice } from '../engine/choice-step.ts';
import type { ConversationState } from '../engine/conversation-state.ts';
import type { ReplyChoice } from '../engine/reply.ts';
import type { FlowName, Step, StepInput, StepResult } from '../engine/step.ts';
import { getProvince } from '../places/administrative-units.ts';
import { searchProvinces } from '../places/search-provinces.ts';
import { searchWards } from '../places/search-wards.ts';

/**
 * Where it happened: a shared pin, or a province then a ward found by typing part of its name
 * (diacritics optional), or "don't know". Shared by the crime-tip and trafficking flows.
 */
export function placeSteps(flow: FlowName, prefix: string, next: string): Step[] {
  const names = { method: `${prefix}_place`, province: `${prefix}_province`, ward: `${prefix}_ward` };

  const pinned = (input: StepInput, state: ConversationState): StepResult | null => {
    if (input.kind !== 'location') return null;
    if (!validCoordinates(input.latitude, input.longitude)) {
      return { kind: 'invalid', error: { key: 'place.bad_location' } };
    }
    // Each way of answering replaces the others, so an answer changed after "back" is the one kept.
    const draft = {
      ...state.draft,
      latitude: input.latitude,
      longitude: input.longitude,
      placeUnknown: false,
      provinceCode: undefined,
      wardCode: undefined,
    };
    return {
      kind: 'next',
      state: { ...state, draft },
      to: next,
      notes: [{ text: [{ key: 'place.location_saved' }] }],
    };
  };

  const unknownPlace = (state: ConversationState): StepResult => ({
    kind: 'next',
    state: withDraft(state, {
      placeUnknown: true,
      latitude: undefined,
      longitude: undefined,
      provinceCode: undefined,
      wardCode: undefined,
    }),
    to: next,
  });

  const provinceChoices = (state: ConversationState): ReplyChoice[] => [
    ...(state.draft.provinceQuery ? searchProvinces(state.draft.provinceQuery) : []).map((p) => ({
      id: `p${p.code}`,
      label: { literal: p.name },
    })),
    keyedChoice('unknown', 'place'),
  ];

  const findProvince = (text: string, state: ConversationState): StepResult => {
    const query = text.trim().slice(0, 80);
    const found = searchProvinces(query);
    const exact = found.filter((p) => foldDiacritics(p.name).endsWith(foldDiacritics(query)));
    // A whole name typed wins over partial matches only when it also ranks first: "quang" must
    // show the Quảng provinces, not pick Tuyên Quang because its name ends with the query.
    const only = found.length === 1 || (exact.length === 1 && exact[0] === found[0]) ? found[0] : undefined;
    if (only) return chooseProvince(only.code, state);
    if (found.length === 0)
      return { kind: 'invalid', error: { key: 'place.no_province_match', params: { query } } };
    return { kind: 'again', state: withDraft(state, { provinceQuery: query }) };
  };

  const chooseProvince = (code: string, state: ConversationState): StepResult => {
    const province = getProvince(code);
    if (!province) return { kind: 'invalid', error: { key: 'errors.stale_button' } };
    const draft = {
      ...state.draft,
      provinceCode: province.code,
      wardCode: undefined,
      wardQuery: undefined,
      latitude: undefined,
      longitude: undefined,
      placeUnknown: false,
    };
    return {
      kind: 'next',
      state: { ...state, draft },
      to: names.ward,
      notes: [{ text: [{ key: 'place.province_saved', params: { name: province.name } }] }],
    };
  };

  const wardChoices = (state: ConversationState): ReplyChoice[] => [
    ...(state.draft.provinceCode && state.draft.wardQuery
      ? searchWards(state.draft.provinceCode, state.draft.wardQuery)
      : []
    ).map((w) => ({ id: `w${w.code}`, label: { literal: w.name } })),
    keyedChoice('skip', 'place'),
  ];

  const findWard = (text: string, state: ConversationState): StepResult => {
    const query = text.trim().slice(0, 80);
    const provinceCode = state.draft.provinceCode ?? '';
    const found = searchWards(provinceCode, query);
    const exact = found.filter((w) => foldDiacritics(w.name).endsWith(foldDiacritics(query)));
    const only = found.length === 1 || (exact.length === 1 && exact[0] === found[0]) ? found[0] : undefined;
    if (only) return chooseWard(only.code, only.name, state);
    if (found.length === 0)
      return { kind: 'invalid', error: { key: 'place.no_ward_match', params: { query } } };
    return { kind: 'again', state: withDraft(state, { wardQuery: query }) };
  };

  const chooseWard = (code: string, name: string, state: ConversationState): StepResult => ({
    kind: 'next',
    state: withDraft(state, { wardCode: code, placeUnknown: false }),
    to: next,
    notes: [{ text: [{ key: 'place.ward_saved', params: { name } }] }],
  });

  const method = choiceStep({
    name: names.method,
    flow,
    question: (_state, ctx) => [
      { key: ctx.capabilities.locationRequest ? 'place.question' : 'place.question_no_pin' },
    ],
    request: 'location',
    choices: () => [keyedChoice('province', 'place'), keyedChoice('unknown', 'place')],
    choose: (id, state) =>
      id === 'unknown' ? unknownPlace(state) : { kind: 'next', state, to: names.province },
    // Typing a place name straight away is taken as the province search.
    freeText: (text, state) => {
      const result = findProvince(text, state);
      return result.kind === 'again' ? { kind: 'next', state: result.state, to: names.province } : result;
    },
    other: pinned,
  });

  const province = choiceStep({
    name: names.province,
    flow,
    question: (state) =>
      state.draft.provinceQuery ? [{ key: 'place.pick_province' }] : [{ key: 'place.type_province' }],
    choices: provinceChoices,
    choose: (id, state) => (id === 'unknown' ? unknownPlace(state) : chooseProvince(id.slice(1), state)),
    freeText: findProvince,
    other: pinned,
  });

  const ward = choiceStep({
    name: names.ward,
    flow,
    question: (state) => [state.draft.wardQuery ? { key: 'place.pick_ward' } : { key: 'place.type_ward' }],
    choices: wardChoices,
    choose: (id, state) => {
      if (id === 'skip') return { kind: 'next', state, to: next };
      const choice = wardChoices(state).find((c) => c.id === id);
      const name = choice && 'literal' in choice.label ? choice.label.literal : id;
      return chooseWard(id.slice(1), name, state);
    },
    freeText: findWard,
    other: pinned,
  });

  return [method, province, ward];
}

function withDraft(state: ConversationState, patch: Partial<ConversationState['draft']>): ConversationState {
  return { ...state, draft: { ...state.draft, ...patch } };
}

/** Vietnam and the neighbouring countries where people are held lie well inside these bounds. */
function validCoordinates(latitude: number, longitude: number): boolean {
  return (
    Number.isFinite(latitude) &&
    Number.isFinite(longitude) &&
    Math.abs(latitude) <= 90 &&
    Math.abs(longitude) <= 180
  );
}
