import { TaggedJson, taggedJson } from '@lantern/http';

/**
 * A response body serialised once per snapshot of the data it shows, with its entity tag: while
 * the snapshot stays the same, every request gets the same string and tag, with no database
 * command, no serialising and no hashing. The body is what the controller returned before
 * (`JSON.stringify`, as fastify serialises a returned object), so the bytes on the wire are the
 * same; the tag is made from those bytes, so a refresh that read the same data gives the same tag.
 */
export class JsonPerSnapshot<Snapshot extends object> {
  private last?: { snapshot: Snapshot; body: TaggedJson };

  constructor(private readonly body: (snapshot: Snapshot) => unknown) {}

  render(snapshot: Snapshot): TaggedJson {
    if (this.last?.snapshot !== snapshot) this.last = { snapshot, body: taggedJson(JSON.stringify(this.body(snapshot))) };
    return this.last.body;
  }
}
