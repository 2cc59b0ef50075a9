import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks, symmetric scheme (spec 1.0.0): HMAC-SHA256 with the endpoint's secret over
 * `{webhook-id}.{webhook-timestamp}.{body}`, sent as `webhook-signature: v1,<base64>`. The secret
 * is `whsec_` + base64 of 32 random bytes (the spec asks for 24 to 64). Receivers verify with any
 * Standard Webhooks library (the tests use svix's).
 */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/**
 * The headers of one attempt: the id is the same on every attempt, the timestamp is the attempt's own.
 * One signature per secret, space-separated (the spec's way to rotate: a receiver accepts the request
 * when any of them verifies with the secret it knows).
 */
export function signedHeaders(secrets: string | readonly string[], id: string, at: Date, body: string): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  const keys = typeof secrets === 'string' ? [secrets] : secrets;
  return {
    'content-type': 'application/json',
    'user-agent': 'hutong-webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': keys.map((secret) => signatureOf(secret, id, timestamp, body)).join(' '),
  };
}
