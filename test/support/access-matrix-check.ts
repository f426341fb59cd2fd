import { isDeepStrictEqual } from 'node:util';
import {
  type MatrixAnswer,
  type MatrixRequest,
  type MatrixSession,
  sendMatrixRequest,
} from './access-matrix-request.ts';
import {
  type AccessWorld,
  type Actor,
  actorNames,
  mayRead,
  showsPhone,
  type WorldReport,
} from './access-matrix-world.ts';

/**
 * What an answer must be: `allow` a 2xx or a 303 that is not to the login page; `deny` 403 or 404;
 * `not_found` 404 (another unit's report, exactly like one that does not exist); `login` the
 * answer to no open session (the console's 303 to its login page, the API's 401); a redirect to
 * exactly that address; exactly that status.
 */
export type Expectation =
  | 'allow'
  | 'deny'
  | 'not_found'
  | 'login'
  | { redirect: string }
  | { status: number };

/** One request of the matrix, and what its answer must be. */
export interface AccessCase {
  /** What the request points at, for the failure message. */
  label: string;
  request: MatrixRequest;
  /** Sent with this session instead of the actor's (a logout ends the session it carries). */
  session?: MatrixSession;
  expect: Expectation;
  /** The report whose reporter's phone this answer may show (an allowed reveal). */
  reveals?: WorldReport;
  /** Texts an allowed answer must show, so a route that shows nothing cannot pass for allowed. */
  shows?: readonly string[];
  /** What the request may change, read before and after: `changes` says whether it must. */
  effect?: { read: () => Promise<unknown>; changes: boolean };
}

/** The answers a stranger or a lapsed session gets: one rule for all routes. */
export function signedInOr(actor: Actor, expectation: Expectation): Expectation {
  return actor.signedIn ? expectation : 'login';
}

/** A report's page and data: readers of its unit; 404 to everyone else. */
export function reading(actor: Actor, report: WorldReport): Expectation {
  return signedInOr(actor, mayRead(actor, report.unitId) ? 'allow' : 'not_found');
}

/** A change to a report: the roles named, of its unit; 403 to its other readers; 404 to the rest. */
export function acting(actor: Actor, report: WorldReport, roles: readonly string[]): Expectation {
  if (!mayRead(actor, report.unitId)) return signedInOr(actor, 'not_found');
  return roles.includes(actor.role ?? '') ? 'allow' : 'deny';
}

/** What the actor must never be shown: other units' report content, other accounts' sessions, other sides' officers. */
export function forbiddenMarkers(world: AccessWorld, actor: Actor): string[] {
  const markers = world
    .allReports()
    .filter((report) => !mayRead(actor, report.unitId))
    .flatMap((report) => report.markers);
  for (const other of actorNames) if (other !== actor.name) markers.push(`UA-MARK-${other}`);
  if (actor.side !== 'A' && actor.role !== 'admin') markers.push('OFFICER-MARK-A');
  if (actor.side !== 'B' && actor.role !== 'admin') markers.push('OFFICER-MARK-B');
  return markers;
}

function meets(answer: MatrixAnswer, expectation: Expectation, via: MatrixRequest['via']): boolean {
  const toLogin = answer.status === 303 && /^\/console\/login(\?ended=1)?$/.test(answer.location ?? '');
  if (expectation === 'allow')
    return (answer.status >= 200 && answer.status < 300) || (answer.status === 303 && !toLogin);
  if (expectation === 'deny') return answer.status === 403 || answer.status === 404;
  if (expectation === 'not_found') return answer.status === 404;
  if (expectation === 'login') return via === 'api' ? answer.status === 401 : toLogin;
  if ('status' in expectation) return answer.status === expectation.status;
  return answer.status === 303 && answer.location === expectation.redirect;
}

/**
 * Sends one case as the actor and says what is wrong with its answer (`problems` empty: nothing):
 * the status against the expectation, any forbidden marker or reporter phone in the body or the
 * redirect, the texts an allowed answer must show, and the effect.
 */
export async function checkAccessCase(
  world: AccessWorld,
  actor: Actor,
  kase: AccessCase,
): Promise<{ problems: string[]; answer: MatrixAnswer }> {
  const where = `${actor.name} ${kase.request.method} ${kase.request.path} (${kase.label})`;
  const before = await kase.effect?.read();
  const answer = await sendMatrixRequest(world.harness.baseUrl, kase.session ?? actor.session, kase.request);
  const problems: string[] = [];
  if (!meets(answer, kase.expect, kase.request.via))
    problems.push(
      `${where}: expected ${JSON.stringify(kase.expect)}, got ${answer.status}${answer.location ? ` → ${answer.location}` : ''}`,
    );
  const text = `${answer.location ?? ''}\n${answer.body}`;
  // A marker the request itself carries (an id in its address) may come back: it tells nothing.
  const sent = `${kase.request.path}\n${JSON.stringify(kase.request.form ?? kase.request.json ?? null)}`;
  for (const marker of forbiddenMarkers(world, actor))
    if (text.includes(marker) && !sent.includes(marker)) problems.push(`${where}: shows ${marker}`);
  for (const report of world.allReports())
    if (report.phone && report !== kase.reveals && showsPhone(text, report.phone))
      problems.push(`${where}: shows the reporter phone of ${report.registerNumber}`);
  if (kase.expect === 'allow' && kase.request.method !== 'HEAD')
    for (const shown of kase.shows ?? [])
      if (!text.includes(shown)) problems.push(`${where}: does not show ${shown}`);
  if (kase.effect) {
    const changed = !isDeepStrictEqual(before, await kase.effect.read());
    if (changed !== kase.effect.changes)
      problems.push(`${where}: ${changed ? 'changed' : 'did not change'} its target`);
  }
  return { problems, answer };
}
