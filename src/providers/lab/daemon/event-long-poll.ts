// The lab's long poll of Scheduled Events. Each agent's events watcher asks every second
// (eventPollSeconds, as on Azure, where the metadata service is local to each host); in the lab
// one daemon answers every node, and at 1+50 answering 50 requests a second that nothing changed
// cost it and the watchers ~0.1 cores (docs/scale.md). So a node that was already answered the
// current document, when that document holds no event, gets its next answer when the board
// changes (or the daemon stops) or after the hold, not at once. The answer is the document Azure
// would give at that moment; only its timing differs (Azure's own first call may take up to two
// minutes, and the watcher waits that long). A document with an event is answered at once, so a
// watcher waiting for the other VMs of a scale-in to leave still looks every poll. One request
// per node is held at a time (a second one is answered at once): at most one per node is open.
import type { IncomingMessage } from 'node:http';

interface EventDocument {
  DocumentIncarnation: number;
  Events: unknown[];
}

interface EventSource<Node, Document extends EventDocument> {
  documentFor(node: Node): Document;
  /** Calls `listener` once, at the next change or the close; returns the cancel. */
  onNextChange(listener: () => void): () => void;
}

export class EventLongPoll<Node extends { name: string }, Document extends EventDocument> {
  /** Per node, the incarnation it was last answered. */
  private readonly answered = new Map<string, number>();
  private readonly held = new Set<string>();

  /** `holdMs` 0: every answer at once, as Azure's. */
  constructor(private readonly source: EventSource<Node, Document>, private readonly holdMs: number) {}

  /** The document to answer `req` with, when it is due; undefined when the asker went away meanwhile. */
  async answer(req: IncomingMessage, node: Node): Promise<Document | undefined> {
    let document = this.source.documentFor(node);
    const unchanged = this.answered.get(node.name) === document.DocumentIncarnation;
    if (this.holdMs > 0 && unchanged && document.Events.length === 0 && !this.held.has(node.name)) {
      this.held.add(node.name);
      await this.changeOrHold(req);
      this.held.delete(node.name);
      if (req.socket.destroyed) return undefined; // the watcher went away (killed, or its node stopped)
      document = this.source.documentFor(node);
    }
    this.answered.set(node.name, document.DocumentIncarnation);
    return document;
  }

  private changeOrHold(req: IncomingMessage): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        cancel();
        clearTimeout(timer);
        req.socket.off('close', done);
        resolve();
      };
      const cancel = this.source.onNextChange(done);
      const timer = setTimeout(done, this.holdMs);
      req.socket.once('close', done);
    });
  }
}
