import { createInterface } from 'node:readline';

/**
 * Reads one line from stdin: piped (`echo "$PW" | hutong …`) or typed at a prompt without echo.
 * Secrets are never taken as arguments, where `ps` and shell history would show them.
 */
export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const rl = createInterface({ input });
    for await (const line of rl) return line.trim();
    return '';
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  return new Promise((resolve) => {
    let value = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          return resolve(value);
        }
        if (ch === '\u0003') process.exit(130);
        value = ch === '\u007f' ? value.slice(0, -1) : value + ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
