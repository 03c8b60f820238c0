import { asOfPast } from '@lantern/clock';
import { DEMO_VILLAGES, placementTime } from '@lantern/demo-history';
import { ProblemException } from '@lantern/http';
import { Principal } from '@lantern/identity';
import { Injectable } from '@nestjs/common';
import { AnswerSurveyHandler } from '../surveys/answer-survey/answer-survey.handler';
import { ChangeSurveyStatusHandler } from '../surveys/change-status/change-survey-status.handler';
import { CreateSurveyHandler } from '../surveys/create-survey/create-survey.handler';
import { CreateSurveyRequest } from '../surveys/create-survey/create-survey.request.dto';
import { SurveyRepository } from '../surveys/survey.repository';
import { resident } from './demo-principals';

/** The demo survey's id: fixed, so a restart finds it. */
export const DEMO_SURVEY_ID = 'svy_de30000000000001';

const ADMIN: Principal = { sub: 'admin-demo', roles: ['admin'], stations: [] };
const text = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const options = (...pairs: [string, string, string][]) => pairs.map(([optionId, zh, en]) => ({ optionId, text: text(zh, en) }));

const SURVEY: CreateSurveyRequest = {
  title: text('长者服务需求调查', 'What older residents need'),
  group: 'elderly',
  villageIds: DEMO_VILLAGES.map((village) => village.id),
  anonymous: true,
  questions: [
    {
      questionId: 'most-needed',
      kind: 'single_choice',
      text: text('您最需要哪项服务？', 'Which service do you need most?'),
      options: options(['meals', '助餐送餐', 'Meals delivered'], ['visits', '上门探访', 'Home visits'], ['health', '健康检查', 'Health checks'], ['company', '陪伴聊天', 'Company']),
    },
    {
      questionId: 'when',
      kind: 'multiple_choice',
      text: text('您方便的时间？', 'When suits you?'),
      options: options(['morning', '上午', 'Mornings'], ['afternoon', '下午', 'Afternoons'], ['weekend', '周末', 'Weekends']),
    },
    { questionId: 'satisfaction', kind: 'scale', text: text('您对服务中心满意吗？', 'How satisfied are you with the centre?') },
    { questionId: 'else', kind: 'free_text', text: text('还有什么建议？', 'Anything else?'), required: false },
  ],
};

const CHOICES = ['meals', 'meals', 'visits', 'health', 'meals', 'company', 'visits', 'meals'];

/**
 * The demo history's needs survey: created and opened three weeks back, four older residents a
 * village answer over the following week, closed ten days back. Idempotent: a restart finds the
 * survey by its fixed id, and an answer given before is a 409 it takes as done.
 */
@Injectable()
export class DemoSurvey {
  constructor(
    private readonly surveys: SurveyRepository,
    private readonly create: CreateSurveyHandler,
    private readonly status: ChangeSurveyStatusHandler,
    private readonly answer: AnswerSurveyHandler,
  ) {}

  async play(today: Date): Promise<void> {
    const at = (daysAgo: number, hour: number) => placementTime({ daysAgo, minuteOfDay: hour * 60 }, today);
    let { state } = await this.surveys.load(DEMO_SURVEY_ID);
    if (!state.exists) await asOfPast(at(21, 9), () => this.create.execute(SURVEY, ADMIN, DEMO_SURVEY_ID));
    ({ state } = await this.surveys.load(DEMO_SURVEY_ID));
    if (state.status === 'DRAFT') await asOfPast(at(21, 10), () => this.status.open(DEMO_SURVEY_ID, ADMIN));
    ({ state } = await this.surveys.load(DEMO_SURVEY_ID));
    if (state.status !== 'OPEN') return;
    for (const [v, village] of DEMO_VILLAGES.entries()) {
      for (let r = 0; r < 4; r += 1) {
        const n = v * 4 + r;
        const answers = [
          { questionId: 'most-needed', optionIds: [CHOICES[n % CHOICES.length]] },
          { questionId: 'when', optionIds: n % 3 === 0 ? ['morning'] : ['afternoon', 'weekend'] },
          { questionId: 'satisfaction', scale: 3 + (n % 3) },
          ...(n % 4 === 0 ? [{ questionId: 'else', text: '希望增加长者饭堂的送餐次数' }] : []),
        ];
        await asOfPast(at(20 - (n % 8), 10 + r), () => this.answer.execute(DEMO_SURVEY_ID, resident(`res-${village.id}-${r + 1}`), { villageId: village.id, answers })).catch((error: unknown) => {
          if (!(error instanceof ProblemException && error.problem.status === 409)) throw error; // answered before this restart
        });
      }
    }
    await asOfPast(at(10, 17), () => this.status.close(DEMO_SURVEY_ID, ADMIN));
  }
}
