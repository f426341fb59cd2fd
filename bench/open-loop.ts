/**
 * Sends `total` requests at `ratePerSecond` in an open loop: request i is due at start + i / rate
 * whatever the answers before it, and its latency counts from that moment, so a slow server shows
 * as latency rather than as a lower rate. `send` answers with an HTTP status (0: no answer).
 */
export async function openLoop(
  ratePerSecond: number,
  total: number,
  send: (index: number) => Promise<number>,
): Promise<{ index: number; ms: number; status: number }[]> {
  const samples: { index: number; ms: number; status: number }[] = [];
  const inFlight: Promise<void>[] = [];
  const interval = 1000 / ratePerSecond;
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const planned = start + i * interval;
    const wait = planned - performance.now();
    if (wait > 0) await sleep(wait);
    inFlight.push(
      send(i).then(
        (status) => {
          samples.push({ index: i, ms: performance.now() - planned, status });
        },
        () => {
          samples.push({ index: i, ms: performance.now() - planned, status: 0 });
        },
      ),
    );
  }
  await Promise.all(inFlight);
  return samples;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
