/**
 * In a worker started with an IPC channel: says 'ready' and waits for the parent's 'go', so
 * that all workers of a scenario start appending at the same moment. Without a channel, returns
 * at once.
 */
export function waitForGo(): Promise<void> {
  const send = process.send?.bind(process);
  if (send === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    process.once('message', () => resolve());
    send('ready');
  });
}
