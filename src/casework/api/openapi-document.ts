import { z } from 'zod';
import { vksNoticeRecord } from '../notices/vks-notice-record.ts';
import {
  actionAnswer,
  actionBody,
  errorAnswer,
  loginBody,
  noteBody,
  questionAnswer,
  questionBody,
  queueAnswer,
  queueQuery,
  reportAnswer,
  sessionAnswer,
  vksNoticeAnswer,
} from './api-schemas.ts';

const json = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) },
});
const input = (schema: z.ZodType) => ({
  'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) },
});
const error = (description: string) => ({ description, content: json(errorAnswer) });
const reportId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const secured = [{ bearer: [] }];

/** The OpenAPI 3.1 description of the JSON API, built from the same zod schemas the routes parse with. */
export function openApiDocument(): Record<string, unknown> {
  const queryParameters = Object.entries(z.toJSONSchema(queueQuery).properties ?? {}).map(
    ([name, schema]) => ({
      name,
      in: 'query',
      required: false,
      schema,
    }),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tin Báo casework API',
      version: '1',
      description:
        'Reports of the caller’s unit (a supervisor: the unit and its subtree), read and moved along the legal status machine with the same checks as the officer console. Reporter identity is never part of an answer.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/api/v1/sessions': {
        post: {
          summary: 'Log in with password and TOTP code; the token is valid 12 h, 30 min idle',
          requestBody: { required: true, content: input(loginBody) },
          responses: {
            201: { description: 'A session', content: json(sessionAnswer) },
            401: error('Refused'),
            429: error('Throttled: wait Retry-After seconds'),
          },
        },
      },
      '/api/v1/sessions/current': {
        delete: {
          summary: 'Log out',
          security: secured,
          responses: { 204: { description: 'Ended' }, 401: error('No session') },
        },
      },
      '/api/v1/reports': {
        get: {
          summary: 'The queue: by priority, then the nearest legal limit',
          security: secured,
          parameters: queryParameters,
          responses: {
            200: { description: 'A page', content: json(queueAnswer) },
            400: error('Bad cursor'),
            401: error('No session'),
          },
        },
      },
      '/api/v1/reports/{id}': {
        get: {
          summary: 'A report with its deadlines, timeline and the actions the caller may take',
          security: secured,
          parameters: [reportId],
          responses: {
            200: { description: 'The report', content: json(reportAnswer) },
            401: error('No session'),
            404: error('No such report in the caller’s units'),
          },
        },
      },
      '/api/v1/reports/{id}/actions': {
        post: {
          summary: 'Take one action of the status machine',
          security: secured,
          parameters: [reportId],
          requestBody: { required: true, content: input(actionBody) },
          responses: {
            200: { description: 'Applied', content: json(actionAnswer) },
            400: error('Invalid body'),
            403: error('The role may not'),
            404: error('No such report in the caller’s units'),
            409: error('Someone acted since the version given'),
            422: error('Wrong state, missing fields, or once only'),
          },
        },
      },
      '/api/v1/reports/{id}/notes': {
        post: {
          summary: 'Add an internal note',
          security: secured,
          parameters: [reportId],
          requestBody: { required: true, content: input(noteBody) },
          responses: {
            201: { description: 'Added' },
            403: error('The role may not'),
            404: error('No such report in the caller’s units'),
          },
        },
      },
      '/api/v1/reports/{id}/questions': {
        post: {
          summary: 'Ask the reporter a question',
          description:
            'Reaches the reporter through the chat they reported on, naming the register number and the unit (never the officer or the tip). Where the channel’s reply window is closed (Zalo OA: 7 days after their last message) it waits for their next status check.',
          security: secured,
          parameters: [reportId],
          requestBody: { required: true, content: input(questionBody) },
          responses: {
            201: { description: 'Asked', content: json(questionAnswer) },
            400: error('Not a question body'),
            403: error('The role may not'),
            404: error('No such report in the caller’s units'),
            422: error('Empty or too long once normalised'),
          },
        },
      },
      '/api/v1/reports/{id}/vks-notices': {
        post: {
          summary: 'Record a notice sent to the procuracy',
          description:
            'Settles the oldest due notice of that kind (receipt, a decision, a resumption, an extension request): when it was sent, its reference number and how. With none due it is logged as sent. The report’s notice limit stops counting once none of its kind is due.',
          security: secured,
          parameters: [reportId],
          requestBody: { required: true, content: input(vksNoticeRecord) },
          responses: {
            201: { description: 'Recorded', content: json(vksNoticeAnswer) },
            403: error('The role may not'),
            404: error('No such report in the caller’s units'),
            422: error('Missing or wrong fields, or a time in the future'),
          },
        },
      },
    },
  };
}
