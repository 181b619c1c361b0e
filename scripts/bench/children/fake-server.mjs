// Runs the SDK's fake provider server in its own process (so the measured process holds only the
// client side). Prints its URL, then answers `stats` / `reset` / `close` messages over IPC.
import { dist } from '../lib/paths.mjs';

const options = JSON.parse(process.argv[2] ?? '{}');
const { startFakeProviderServer } = await import(dist('sdk', 'testing/index.js'));
const server = await startFakeProviderServer({ label: true, ...options });
process.send({ type: 'ready', url: server.url });
process.on('message', async (message) => {
  if (message === 'stats') process.send({ type: 'stats', stats: { ...server.stats(), requests: [] } });
  else if (message === 'reset') {
    server.reset();
    process.send({ type: 'reset' });
  } else if (message === 'close') {
    await server.close();
    process.exit(0);
  }
});
