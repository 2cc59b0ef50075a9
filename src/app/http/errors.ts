import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../../kernel/app-error';
import { errorCatalogue, type ErrorBody, type ErrorCode } from '../../contracts/errors';

const send = (reply: FastifyReply, code: ErrorCode, message?: string, details?: unknown) => {
  const body: ErrorBody = { error: { code, message: message ?? errorCatalogue[code].message } };
  if (details !== undefined) body.error.details = details;
  return reply.code(errorCatalogue[code].status).type('application/json').send(body);
};

/** `params` of a custom zod issue that names its own error code (and rule), if it does. */
function ownCode(params: unknown): { errorCode?: ErrorCode; rule?: string } {
  const p = (params as { params?: { errorCode?: unknown; rule?: unknown } } | undefined)?.params;
  if (typeof p?.errorCode !== 'string' || !(p.errorCode in errorCatalogue)) return {};
  return { errorCode: p.errorCode as ErrorCode, ...(typeof p.rule === 'string' ? { rule: p.rule } : {}) };
}

/** Fastify's own failures (parsing, limits), by its error code. */
const frameworkCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'HTTP_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'HTTP_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'HTTP_VALIDATION_FAILED',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'HTTP_MALFORMED_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'HTTP_MALFORMED_JSON',
};

/**
 * The one mapper from thrown errors to `{ error: { code, message } }` answers.
 * Coded errors keep their code; anything unexpected is logged and answered as HTTP_INTERNAL,
 * so no stack trace or SQL ever reaches a client.
 */
export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return send(reply, err.code, err.message, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const issues = err.validation.map((v) => ({
      where: err.validationContext,
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
      message: v.message,
      ...ownCode(v.params),
    }));
    // A schema may name the code of a rule of its own (the password rule): the first such issue wins.
    const coded = issues.find((i) => 'errorCode' in i);
    return send(reply, coded ? (coded.errorCode as ErrorCode) : 'HTTP_VALIDATION_FAILED', undefined, { issues });
  }
  const known = err.code ? frameworkCodes[err.code] : undefined;
  if (known) return send(reply, known);
  if (err instanceof SyntaxError && err.statusCode === 400) return send(reply, 'HTTP_MALFORMED_JSON');
  if (err.statusCode === 429) return send(reply, 'HTTP_RATE_LIMITED');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500 && !isResponseSerializationError(err)) {
    req.log.info({ code: err.code }, 'client error');
    return send(reply, 'HTTP_VALIDATION_FAILED', undefined, { reason: err.code ?? 'bad request' });
  }
  req.log.error({ err }, 'unhandled error');
  return send(reply, 'HTTP_INTERNAL');
}

export const notFound = (reply: FastifyReply) => send(reply, 'HTTP_NOT_FOUND');
