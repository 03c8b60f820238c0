import { computeFigures } from '../domain/report-figures';
import { csvLanguage, reportCsv } from './report-csv';
import { ReportResponse } from './report.response.dto';

const report = (service: string): ReportResponse => ({
  scope: { kind: 'station', id: 'lizhoujiao-east' },
  period: { kind: 'day', from: '2026-12-01', to: '2026-12-01', timeZone: 'Asia/Shanghai' },
  figures: computeFigures([
    {
      service,
      category: 'children',
      kind: 'regular',
      urgency: 'normal',
      claimMinutes: 3,
      claimedOnTime: true,
      escalations: [],
      socialWorkerId: 'sw-1',
      fulfiller: null,
      end: null,
      cancelledBy: null,
      fulfilledOnTime: null,
      rating: null,
      followUp: null,
    },
  ]),
});

describe('a report as CSV', () => {
  it('starts with a byte-order mark and the headings of the language asked for; rows end in CRLF', () => {
    const csv = reportCsv(report('meals'), 'zh-CN');
    expect(csv.startsWith('\uFEFF范围,开始日期,结束日期,指标,分项,数值\r\n')).toBe(true);
    expect(csv).toContain('station:lizhoujiao-east,2026-12-01,2026-12-01,响应率,,1\r\n');
    expect(reportCsv(report('meals'), 'en')).toContain('\r\nstation:lizhoujiao-east,2026-12-01,2026-12-01,By service,meals,1\r\n');
  });

  it('a cell a spreadsheet would run as a formula is defused, and commas and quotes are quoted', () => {
    expect(reportCsv(report('=HYPERLINK("x")'), 'en')).toContain(`,By service,"'=HYPERLINK(""x"")",1\r\n`);
    expect(reportCsv(report('a,b'), 'en')).toContain(',By service,"a,b",1\r\n');
  });

  it('zh-CN unless lang or Accept-Language asks for English', () => {
    expect(csvLanguage(undefined, undefined)).toBe('zh-CN');
    expect(csvLanguage(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(csvLanguage(undefined, 'zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(csvLanguage('zh-CN', 'en')).toBe('zh-CN');
  });
});
