/**
 * The camera floor's worker: reads every camera frame from the stream it is
 * handed and closes it at once, counting them.
 */

export type FloorRequest =
  { type: 'stream'; readable: ReadableStream<VideoFrame> } | { type: 'count'; id: number };

export type FloorReply = { type: 'first-frame' } | { type: 'count'; id: number; frames: number };

/** The little of a dedicated worker's global scope used here (this folder is checked with the DOM lib). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (e: MessageEvent<FloorRequest>) => void): void;
  postMessage(message: FloorReply): void;
}

const scope = self as unknown as WorkerScope;
let frames = 0;

async function drain(readable: ReadableStream<VideoFrame>): Promise<void> {
  const reader = readable.getReader();
  for (;;) {
    const { value: frame, done } = await reader.read();
    if (done) break;
    frame.close();
    if (frames++ === 0) scope.postMessage({ type: 'first-frame' });
  }
}

scope.addEventListener('message', (e) => {
  const request = e.data;
  if (request.type === 'stream') {
    void drain(request.readable);
    return;
  }
  scope.postMessage({ type: 'count', id: request.id, frames });
});
