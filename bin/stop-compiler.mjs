// Runs in Node's module-hooks thread, where tsx compiles TypeScript with esbuild: on a message
// from bin/hutong.js, stops esbuild's compiler process (see there why).
export function initialize({ port }) {
  port.once('message', async () => {
    const { stop } = await import('esbuild');
    await stop();
  });
  port.unref();
}
