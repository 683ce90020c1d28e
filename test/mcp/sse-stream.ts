// Reads a legacy HTTP+SSE stream on the raw wire, event by event (comments are counted, not returned).

export interface SseEvent {
  event: string;
  data: string;
}

export type OpenStream = Awaited<ReturnType<typeof openStream>>;

export async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let comments = 0;
  const next = async (): Promise<SseEvent> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end !== -1) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(':')) {
          comments++;
          continue;
        }
        const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
        const data = block.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
        return { event, data };
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += value;
    }
  };
  /** Resolves when the server ends the stream (keep-alives and events until then are read and dropped). */
  const ended = async (): Promise<void> => {
    for (;;) {
      const { done } = await reader.read();
      if (done) return;
    }
  };
  return { response, next, ended, comments: () => comments, close: () => controller.abort() };
}
