/**
 * A response body serialised once per snapshot of the data it shows: while the snapshot stays
 * the same, every request gets the same string, with no database command and no serialising.
 * The body is what the controller returned before (`JSON.stringify`, as fastify serialises a
 * returned object), so the bytes on the wire are the same.
 */
export class JsonPerSnapshot<Snapshot extends object> {
  private last?: { snapshot: Snapshot; json: string };

  constructor(private readonly body: (snapshot: Snapshot) => unknown) {}

  render(snapshot: Snapshot): string {
    if (this.last?.snapshot !== snapshot) this.last = { snapshot, json: JSON.stringify(this.body(snapshot)) };
    return this.last.json;
  }
}
