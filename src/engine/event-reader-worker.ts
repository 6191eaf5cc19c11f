/**
 * A worker thread of event-reader.ts: decodes one byte range of an events file into batches and
 * posts them, at most `maxInFlight` ahead of what the main thread has applied.
 */
import fs from "node:fs";
import type { MessagePort } from "node:worker_threads";
import { scanRange } from "./event-reader";
import { EventLineError } from "./events";
import { LineDecoder } from "./line-decoder";
import { RecordBatch } from "./record-batch";

export interface EventsWorkerData {
  file: string;
  start: number;
  end: number;
  actionKeys: string[];
  boostKeys: string[];
  port: MessagePort;
  /** [batches posted, batches consumed] */
  signal: Int32Array;
  maxInFlight: number;
}

export function runEventsWorker(data: EventsWorkerData): void {
  const { port, signal } = data;
  const post = (message: unknown, transfer: ArrayBuffer[] = []) => {
    port.postMessage(message, transfer);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
  };
  let fd: number | undefined;
  try {
    fd = fs.openSync(data.file, "r");
    const decoder = new LineDecoder(data.actionKeys, data.boostKeys);
    let posted = 0;
    const lines = scanRange(fd, data.start, data.end, decoder, (batch) => {
      for (;;) {
        const consumed = Atomics.load(signal, 1);
        if (posted - consumed < data.maxInFlight) break;
        Atomics.wait(signal, 1, consumed, 1000);
      }
      const { parts, transfer } = batch.toMessage();
      post({ type: "batch", parts }, transfer);
      posted++;
      return new RecordBatch();
    });
    post({ type: "done", lines });
  } catch (e) {
    post({
      type: "error",
      message: e instanceof EventLineError ? e.reason : (e as Error).message,
      line: e instanceof EventLineError ? e.line : undefined,
    });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
