const MARK = 'BENCH_RESULT ';

/** Prints a child's result on stdout, with its own peak resident memory (VmHWM) attached. */
export function sendResult(result) {
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`\n${MARK}${JSON.stringify({ ...result, maxRssMb })}\n`);
}

export function parseResult(stdout) {
  const line = stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(MARK));
  return line ? JSON.parse(line.slice(MARK.length)) : null;
}

export function childArgs() {
  return JSON.parse(process.argv[2] ?? '{}');
}
