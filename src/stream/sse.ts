/**
 * Server-Sent Events framing (https://html.spec.whatwg.org/multipage/server-sent-events.html).
 * `data` is one line of JSON (JSON.stringify never emits a raw line break), so one `data:` field holds it.
 */
export function sseEvent(name: string, data: string, id?: string): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${data}\n\n`;
}

/** A comment line: ignored by clients, keeps proxies from closing an idle stream. */
export const sseComment = (text: string): string => `: ${text}\n\n`;

/** How long a client waits before reconnecting after the stream ends. */
export const sseRetry = (ms: number): string => `retry: ${ms}\n\n`;
