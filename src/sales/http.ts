import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Access } from '../identity';
import { idempotencyKey, type Answer } from './idempotency';

/** Sends a stored or fresh answer; a replay says so (`Idempotent-Replayed: true`, as Stripe does). */
export function sendAnswer(reply: FastifyReply, answer: Answer) {
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(answer.status).type('application/json').send(answer.body);
}

/** The Idempotency-Key of a request (coded 400 when missing or malformed). */
export const keyOf = (req: FastifyRequest): string => idempotencyKey(req.headers['idempotency-key']);

/** Who a shop-side call acts as, for idempotency scopes: an account or an API key. */
export function actorScope(scope: Awaited<ReturnType<Access['shop']>>): string {
  return scope.actor.kind === 'user' ? `u:${scope.actor.user.id}` : `k:${scope.actor.keyId}`;
}
