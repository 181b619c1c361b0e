import {
  type RecordingHandler,
  type RecordingHttpServer,
  startRecordingHttpServer,
} from './recording-http-server.js';
import { vitestApi } from './vitest-api.js';

/**
 * A recording server for a test file or a `describe` block: started in `beforeAll`, closed in `afterAll`,
 * and before each test emptied of requests and given `defaultHandler` again (default: answer 500), so a
 * test may replace the handler freely. Read `url` and `requests` only inside tests and hooks.
 */
export function useRecordingHttpServer(
  defaultHandler: RecordingHandler = () => ({ status: 500 }),
): RecordingHttpServer {
  const { afterAll, beforeAll, beforeEach } = vitestApi();
  let current: RecordingHttpServer | undefined;
  const live = (): RecordingHttpServer => {
    if (!current) throw new Error('the recording server starts in beforeAll: use it inside tests and hooks');
    return current;
  };
  beforeAll(async () => {
    current = await startRecordingHttpServer();
  });
  afterAll(async () => {
    await current?.close();
  });
  beforeEach(() => {
    const server = live();
    server.requests.length = 0;
    server.handler = defaultHandler;
  });
  return {
    get url() {
      return live().url;
    },
    get requests() {
      return live().requests;
    },
    get handler() {
      return live().handler;
    },
    set handler(handler: RecordingHandler) {
      live().handler = handler;
    },
    nextRequest: () => live().nextRequest(),
    abortWhenReceived: (run) => live().abortWhenReceived(run),
    close: () => live().close(),
  };
}
