import { compareFigures, meanFigures } from './flat-with-data';

type Figures = Parameters<typeof meanFigures>[0][number];

const figures = (existingOrders: number, journeysPerSecond: number, dbCommandsPerJourney: number, stackCpuMsPerJourney: number): Figures => ({
  existingOrders,
  journeysPerSecond,
  offeredP99: 200,
  dbCommandsPerJourney,
  kafkaRecordsPerJourney: 19,
  stackCpuMsPerJourney,
  cpuMsPerJourney: { orders: stackCpuMsPerJourney / 4 },
  foreignRecords: 0,
});

describe('flat with data: the larger size measured at the same moments as the first, on a twin stack', () => {
  it('reads as flat when both sizes slow down together: the machine, not the data', () => {
    // Round 2 caught a slow minute: both stacks lost a third of their speed at once.
    const comparison = compareFigures([figures(1_000, 6, 70, 100), figures(1_100, 4, 70, 150)], [figures(50_000, 6, 70, 100), figures(50_100, 4, 70, 150)], 8);
    expect(comparison.journeysPerSecondChangePercent).toBe(0);
    expect(comparison.large).toMatchObject({ existingOrders: 50_000, journeysPerSecond: 5, stackCpuMsPerJourney: 125 });
    expect(comparison.small).toMatchObject({ existingOrders: 1_000, journeysPerSecond: 5 });
    expect(comparison.smallRuns).toHaveLength(2);
    expect(comparison.largeRuns).toHaveLength(2);
  });

  it('shows what the data costs: the larger size slower than its twin in the same rounds', () => {
    const comparison = compareFigures([figures(1_000, 6, 70, 100), figures(1_100, 6, 70, 100)], [figures(50_000, 4.5, 77, 130), figures(50_100, 4.5, 77, 130)], 8);
    expect(comparison.journeysPerSecondChangePercent).toBe(-25);
    expect(comparison.dbCommandsPerJourneyChangePercent).toBe(10);
  });

  it('averages each process and adds up the records of other runs', () => {
    const mean = meanFigures([
      { ...figures(50_000, 10, 70, 100), cpuMsPerJourney: { orders: 20, kafka: 6 }, foreignRecords: 2 },
      { ...figures(50_240, 12, 72, 110), cpuMsPerJourney: { orders: 30 }, foreignRecords: 1 },
    ]);
    expect(mean).toMatchObject({ journeysPerSecond: 11, dbCommandsPerJourney: 71, stackCpuMsPerJourney: 105, cpuMsPerJourney: { orders: 25, kafka: 3 }, foreignRecords: 3 });
  });
});
