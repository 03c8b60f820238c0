import { sourcesOf, StationVillages } from './report-scope';

const stations: StationVillages = {
  villageOf: async (stationId) => ({ 'lizhoujiao-centre': 'lizhoujiao', 'xiahui-north': 'xiahui' })[stationId] ?? null,
  villages: async () => ['lizhoujiao', 'xiahui'],
};

describe('where a report finds its entries', () => {
  it("a village: its own day documents, where its orders' entries are written", async () => {
    expect(await sourcesOf({ kind: 'village', id: 'xiahui' }, stations)).toEqual([{ scope: { kind: 'village', id: 'xiahui' } }]);
  });

  it("a station: its own documents (entries written before), and its entries in its village's", async () => {
    expect(await sourcesOf({ kind: 'station', id: 'lizhoujiao-centre' }, stations)).toEqual([
      { scope: { kind: 'station', id: 'lizhoujiao-centre' } },
      { scope: { kind: 'village', id: 'lizhoujiao' }, station: 'lizhoujiao-centre' },
    ]);
    // A station nobody knows has only what may have been written under its name.
    expect(await sourcesOf({ kind: 'station', id: 'nowhere' }, stations)).toEqual([{ scope: { kind: 'station', id: 'nowhere' } }]);
  });

  it("the town: its own documents (hours, coverage and entries written before) and every village's", async () => {
    expect(await sourcesOf({ kind: 'town' }, stations)).toEqual([
      { scope: { kind: 'town' } },
      { scope: { kind: 'village', id: 'lizhoujiao' } },
      { scope: { kind: 'village', id: 'xiahui' } },
    ]);
  });
});
