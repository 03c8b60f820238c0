/**
 * The alert rules and the Prometheus configuration shipped for docker-compose.yml, checked by
 * Prometheus' own `promtool` (Debian package `prometheus`). Without promtool the rules are only
 * checked for shape, and the test's name says so: it does not pass as if promtool had run.
 * That every metric they name is exported is checked against running services in
 * infra/observability/operations-metrics.int-spec.ts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { alertRules, ALERT_RULES_FILE, metricNames, PROMETHEUS_CONFIG_FILE, promqlExpressions } from './metric-names';

const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const hasPromtool = promtool.status === 0;

describe('Prometheus alert rules', () => {
  if (hasPromtool) {
    it('promtool check rules accepts infra/observability/prometheus/alerts.yml', () => {
      const checked = spawnSync('promtool', ['check', 'rules', ALERT_RULES_FILE], { encoding: 'utf8' });
      expect({ status: checked.status, output: checked.stdout + checked.stderr }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
    });

    it('promtool check config accepts the scrape configuration (syntax; the rules path is the container\'s)', () => {
      const checked = spawnSync('promtool', ['check', 'config', '--syntax-only', PROMETHEUS_CONFIG_FILE], { encoding: 'utf8' });
      expect({ status: checked.status, output: checked.stdout + checked.stderr }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
    });

    it('promtool is a real check: it rejects a rule with a broken expression', () => {
      const broken = join(mkdtempSync(join(tmpdir(), 'lantern-rules-')), 'broken.yml');
      writeFileSync(broken, 'groups: [{name: broken, rules: [{alert: Broken, expr: "sum(lantern_timers_due"}]}]\n');
      const checked = spawnSync('promtool', ['check', 'rules', broken], { encoding: 'utf8' });
      expect({ status: checked.status, output: checked.stdout + checked.stderr }).toEqual({ status: 1, output: expect.stringContaining('unclosed left parenthesis') });
    });
  } else {
    it('PROMTOOL IS NOT INSTALLED (apt-get install prometheus): the rules were NOT validated by promtool, only their shape below', () => {
      expect(promtool.error ?? promtool.stderr).toBeTruthy();
    });
  }

  it('every alert has an expression, a severity, a summary and a description an operator can act on', () => {
    const alerts = alertRules().groups.flatMap((group) => group.rules);
    expect(alerts.length).toBeGreaterThanOrEqual(10);
    for (const rule of alerts) {
      expect({ alert: rule.alert, expr: typeof rule.expr, severity: rule.labels?.severity }).toEqual({
        alert: expect.stringMatching(/^Lantern[A-Z]\w+$/),
        expr: 'string',
        severity: expect.stringMatching(/^(page|warn|info)$/),
      });
      expect(rule.annotations?.summary).toBeTruthy();
      expect(rule.annotations?.description).toBeTruthy();
    }
  });

  it('the rules cover what operators alert on first: lag, outbox, dead letters, timers, webhooks, database latency', () => {
    const named = new Set(promqlExpressions().filter(({ where }) => where.startsWith('alert')).flatMap(({ expr }) => metricNames(expr)));
    for (const metric of [
      'lantern_consumer_lag_records',
      'lantern_outbox_backlog_events',
      'lantern_outbox_oldest_unpublished_age_seconds',
      'lantern_dead_letter_records_total',
      'lantern_timers_overdue_seconds',
      'lantern_timers_due',
      'lantern_webhook_attempts_total',
      'lantern_webhook_deliveries_pending',
      'lantern_db_command_duration_seconds',
    ]) {
      expect({ metric, alerted: named.has(metric) }).toEqual({ metric, alerted: true });
    }
  });

  it('reads metric names out of PromQL: selectors yes; functions, aggregations and label names no', () => {
    expect(metricNames('histogram_quantile(0.99, sum by (job, le) (rate(lantern_db_command_duration_seconds_bucket{job=~"a|b"}[5m]))) > 0.25').sort()).toEqual([
      'lantern_db_command_duration_seconds',
    ]);
    expect(metricNames('sum by (job) (a_total) > 0 unless on (job) sum by (job) (increase(b_total[10m])) > 0').sort()).toEqual(['a_total', 'b_total']);
    expect(metricNames('label_values(lantern_events_published_total, job)')).toEqual(['lantern_events_published_total']);
  });
});
