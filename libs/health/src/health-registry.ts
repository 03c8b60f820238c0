import { Injectable } from '@nestjs/common';

export interface HealthCheckResult {
  ok: boolean;
  detail?: string;
}

export interface HealthIndicator {
  name: string;
  check(): Promise<HealthCheckResult> | HealthCheckResult;
}

const CHECK_TIMEOUT_MS = 2000;

/** The dependencies a replica needs before it should receive traffic. */
@Injectable()
export class HealthRegistry {
  private readonly indicators: HealthIndicator[] = [];

  register(indicator: HealthIndicator): void {
    this.indicators.push(indicator);
  }

  async checkAll(): Promise<{ ok: boolean; checks: Record<string, HealthCheckResult> }> {
    const results = await Promise.all(
      this.indicators.map(async (indicator) => {
        const timeout = new Promise<HealthCheckResult>((resolve) =>
          setTimeout(() => resolve({ ok: false, detail: `no answer within ${CHECK_TIMEOUT_MS} ms` }), CHECK_TIMEOUT_MS).unref(),
        );
        const result = await Promise.race([
          Promise.resolve()
            .then(() => indicator.check())
            .catch((error: unknown) => ({ ok: false, detail: error instanceof Error ? error.message : String(error) })),
          timeout,
        ]);
        return [indicator.name, result] as const;
      }),
    );
    return { ok: results.every(([, result]) => result.ok), checks: Object.fromEntries(results) };
  }
}
