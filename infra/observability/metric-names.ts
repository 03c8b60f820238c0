import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const here = __dirname;
export const ALERT_RULES_FILE = join(here, 'prometheus', 'alerts.yml');
export const PROMETHEUS_CONFIG_FILE = join(here, 'prometheus', 'prometheus.yml');
export const DASHBOARD_FILE = join(here, 'grafana', 'dashboards', 'lantern-operations.json');

/** Metrics Prometheus itself makes (not exported by a service). */
const PROMETHEUS_OWN = new Set(['up']);

interface RuleFile {
  groups: { name: string; rules: { alert?: string; record?: string; expr: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[];
}

export const alertRules = (): RuleFile => parse(readFileSync(ALERT_RULES_FILE, 'utf8')) as RuleFile;

/** Every PromQL expression of the alert rules and the dashboard's panels and variables. */
export function promqlExpressions(): { where: string; expr: string }[] {
  const found: { where: string; expr: string }[] = [];
  for (const group of alertRules().groups) for (const rule of group.rules) found.push({ where: `alert ${rule.alert}`, expr: rule.expr });
  const dashboard = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as {
    panels: { title: string; targets?: { expr: string }[] }[];
    templating: { list: { name: string; query: { query: string } }[] };
  };
  for (const panel of dashboard.panels) for (const target of panel.targets ?? []) found.push({ where: `panel "${panel.title}"`, expr: target.expr });
  for (const variable of dashboard.templating.list) found.push({ where: `variable $${variable.name}`, expr: variable.query.query });
  return found;
}

/**
 * The metric names an expression reads: identifiers standing where a series selector stands
 * (before `{`, `[`, `)`, `,` or an operator), minus PromQL's functions, keywords and label
 * names. Histogram series (`_bucket`, `_sum`, `_count`) are reported by their metric's name.
 */
export function metricNames(expr: string): string[] {
  const withoutStrings = expr
    .replace(/"(?:\\.|[^"\\])*"/g, '""')
    .replace(/\{[^}]*\}/g, '{}')
    // Grafana's label_values(metric, label): the second argument is a label.
    .replace(/label_values\(([^,)]+),\s*\w+\)/g, 'label_values($1)');
  const names = new Set<string>();
  for (const match of withoutStrings.matchAll(/(?<![\w$.])([a-zA-Z_:][a-zA-Z0-9_:]*)\b(?!\s*\()/g)) {
    const name = match[1];
    const before = withoutStrings.slice(0, match.index);
    // Label lists of by/without/on/ignoring/group_left/group_right, and keywords.
    if (/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*$/.test(before)) continue;
    if (/^(by|without|on|ignoring|group_left|group_right|and|or|unless|bool|offset|inf|nan)$/i.test(name)) continue;
    if (/^(sum|min|max|avg|count|group|stddev|stdvar|topk|bottomk|quantile|count_values|limitk|limit_ratio)$/.test(name)) continue;
    if (PROMETHEUS_OWN.has(name)) continue;
    names.add(name.replace(/_(bucket|sum|count)$/, ''));
  }
  return [...names];
}
