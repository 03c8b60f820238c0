import { compareFigures, meanFigures } from './flat-with-data';

type Figures = Parameters<typeof meanFigures>[0][number];

const figures = (existingOrders: number, journeysPerSecond: number, dbCommandsPerJourney: number, machineCpuMsPerJourney: number): Figures => ({
  existingOrders,
  journeysPerSecond,
  offeredP99: 200,
  dbCommandsPerJourney,
  kafkaRecordsPerJourney: 19,
  machineCpuMsPerJourney,
  cpuMsPerJourney: { orders: machineCpuMsPerJourney / 4 },
  foreignRecords: 0,
});

describe('flat with data: the larger size measured before and after the first size', () => {
  it('cancels a steady drift of the machine: the same stack, slower each minute, reads as flat', () => {
    // 12, 11, 10 journeys/s in the order run: larger, first, larger — the data cost nothing.
    const comparison = compareFigures(figures(1_000, 11, 70, 110), [figures(50_000, 12, 70, 100), figures(50_240, 10, 70, 120)], 8);
    expect(comparison.journeysPerSecondChangePercent).toBe(0);
    expect(comparison.large.machineCpuMsPerJourney).toBe(110);
    expect(comparison.large.existingOrders).toBe(50_000);
    expect(comparison.largeRuns).toHaveLength(2);
  });

  it('still shows what the data costs: both larger runs slower than the first size', () => {
    const comparison = compareFigures(figures(1_000, 12, 70, 100), [figures(50_000, 9, 77, 130), figures(50_240, 9, 77, 130)], 8);
    expect(comparison.journeysPerSecondChangePercent).toBe(-25);
    expect(comparison.dbCommandsPerJourneyChangePercent).toBe(10);
  });

  it('averages each process and adds up the records of other runs', () => {
    const mean = meanFigures([
      { ...figures(50_000, 10, 70, 100), cpuMsPerJourney: { orders: 20, kafka: 6 }, foreignRecords: 2 },
      { ...figures(50_240, 12, 72, 110), cpuMsPerJourney: { orders: 30 }, foreignRecords: 1 },
    ]);
    expect(mean).toMatchObject({ journeysPerSecond: 11, dbCommandsPerJourney: 71, machineCpuMsPerJourney: 105, cpuMsPerJourney: { orders: 25, kafka: 3 }, foreignRecords: 3 });
  });
});
