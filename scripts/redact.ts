/** A line with every occurrence of `secret` replaced, so a stream key never reaches a terminal or a log. */
export function redact(line: string, secret: string, mask = '<stream key>'): string {
  return secret ? line.split(secret).join(mask) : line;
}
