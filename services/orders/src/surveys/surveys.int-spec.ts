import { SurveyAnsweredV1 } from '@lantern/contracts';
import { tokenFor, waitFor } from '@lantern/testing';
import { OrdersFixture, people, startOrders } from '../../test/orders-fixture';

const text = (en: string) => ({ 'zh-CN': `中文：${en}`, en });
const options = ['meals', 'cleaning', 'company'].map((optionId) => ({ optionId, text: text(optionId) }));
const survey = {
  title: text('What do our elderly residents need?'),
  group: 'elderly',
  villageIds: ['lizhoujiao', 'xiahui'],
  anonymous: true,
  questions: [
    { questionId: 'q1', kind: 'single_choice', text: text('Most needed'), options },
    { questionId: 'q2', kind: 'multiple_choice', text: text('Also needed'), options },
    { questionId: 'q3', kind: 'scale', text: text('How lonely do you feel?') },
    { questionId: 'q4', kind: 'free_text', text: text('Anything else?'), required: false },
  ],
};
const SECRET_TEXT = 'My neighbour Wang at 3 Harbour Lane needs help, phone 13900000000';

describe('needs surveys', () => {
  let fx: OrdersFixture;
  let surveyId: string;
  const resident = (sub: string) => tokenFor({ sub, roles: ['resident'] });
  const answer = async (sub: string, body: Record<string, unknown>) => fx.orders.http('POST', `/v1/surveys/${surveyId}/answers`, { token: await resident(sub), body });

  beforeAll(async () => {
    fx = await startOrders();
  });
  afterAll(() => fx.stop());

  it('a supervisor drafts a survey; a draft is invisible to residents and only supervisors and admins open it, once', async () => {
    const created = await fx.orders.http('POST', '/v1/surveys', { token: await people.supervisorLizhoujiao(), body: survey });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'DRAFT', group: 'elderly', anonymous: true, villageIds: ['lizhoujiao', 'xiahui'], version: 1 });
    surveyId = created.body.id;

    expect((await fx.orders.http('GET', `/v1/surveys/${surveyId}`, { token: await resident('res-a') })).status).toBe(404);
    expect((await answer('res-a', { villageId: 'lizhoujiao', answers: [{ questionId: 'q1', optionIds: ['meals'] }] })).status).toBe(404);
    expect((await fx.orders.http('POST', `/v1/surveys/${surveyId}/open`, { token: await people.committeeLizhoujiao() })).status).toBe(403);
    expect((await fx.orders.http('POST', `/v1/surveys/${surveyId}/open`, { token: await people.supervisorLizhoujiao() })).body.status).toBe('OPEN');
    const again = await fx.orders.http('POST', `/v1/surveys/${surveyId}/open`, { token: await people.admin() });
    expect(again.status).toBe(409);
    expect((await fx.orders.http('GET', `/v1/surveys/${surveyId}`, { token: await resident('res-a') })).body.status).toBe('OPEN');
  });

  it('a bad survey or bad answers are a 400 naming each field', async () => {
    const badSurvey = await fx.orders.http('POST', '/v1/surveys', {
      token: await people.admin(),
      body: { ...survey, villageIds: ['lizhoujiao', 'atlantis'], questions: [{ ...survey.questions[0], options: options.slice(0, 1) }, survey.questions[0]] },
    });
    expect(badSurvey.status).toBe(400);
    expect(badSurvey.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['body.questions.0.options', 'body.questions.1.questionId', 'body.villageIds.1']);
    // Without a title or a question's text (the fuzzer's case: it answered 500 reading title['zh-CN']).
    const { title: _title, ...untitled } = survey;
    const missing = await fx.orders.http('POST', '/v1/surveys', { token: await people.admin(), body: { ...untitled, questions: [{ questionId: 'q1', kind: 'scale' }] } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['body.questions.0.text', 'body.title']);

    const bad = await answer('res-z', {
      villageId: 'meisha',
      answers: [
        { questionId: 'q1', optionIds: ['meals', 'cleaning'] },
        { questionId: 'q2', optionIds: ['flying'] },
        { questionId: 'q3', scale: 6 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.answers.2.scale']);
    const unfit = await answer('res-z', { villageId: 'meisha', answers: [{ questionId: 'q1', optionIds: ['meals', 'cleaning'] }, { questionId: 'q2', optionIds: ['flying'] }, { questionId: 'q9', scale: 3 }] });
    expect(unfit.body.errors.map((error: { field: string }) => error.field)).toEqual([
      'body.villageId',
      'body.answers.0.optionIds',
      'body.answers.1.optionIds',
      'body.answers.2.questionId',
      'body.answers', // q3 is required
    ]);
  });

  it('20 concurrent submissions by the same resident: one is stored, 19 are 409, and one answer event is published', async () => {
    const body = { villageId: 'lizhoujiao', answers: [{ questionId: 'q1', optionIds: ['meals'] }, { questionId: 'q2', optionIds: ['meals', 'company'] }, { questionId: 'q3', scale: 4 }, { questionId: 'q4', text: SECRET_TEXT }] };
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => answer('res-a', body)))).map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    expect(await fx.database.collection('events').countDocuments({ type: SurveyAnsweredV1.type })).toBe(1);
  });

  it('results by village and overall; free text never leaves the service, and an anonymous answer names nobody', async () => {
    expect((await answer('res-b', { villageId: 'xiahui', answers: [{ questionId: 'q1', optionIds: ['company'] }, { questionId: 'q2', optionIds: ['company'] }, { questionId: 'q3', scale: 5 }] })).status).toBe(201);
    expect((await answer('res-c', { villageId: 'lizhoujiao', answers: [{ questionId: 'q1', optionIds: ['meals'] }, { questionId: 'q2', optionIds: ['cleaning'] }, { questionId: 'q3', scale: 1 }] })).status).toBe(201);

    const results = await waitFor(
      async () => {
        const response = await fx.orders.http('GET', `/v1/surveys/${surveyId}/results`, { token: await people.committeeLizhoujiao() });
        return response.body.total?.answers === 3 ? response.body : undefined;
      },
      { timeoutMs: 20_000, description: 'three answers in the results' },
    );
    expect(results.total.questions).toEqual([
      { questionId: 'q1', kind: 'single_choice', answered: 3, options: { meals: 2, cleaning: 0, company: 1 } },
      { questionId: 'q2', kind: 'multiple_choice', answered: 3, options: { meals: 1, cleaning: 1, company: 2 } },
      { questionId: 'q3', kind: 'scale', answered: 3, scale: { counts: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 1 }, mean: 3.33 } },
      { questionId: 'q4', kind: 'free_text', answered: 1 },
    ]);
    expect(results.byVillage.lizhoujiao.answers).toBe(2);
    expect(results.byVillage.xiahui.questions[0].options).toEqual({ meals: 0, cleaning: 0, company: 1 });
    expect((await fx.orders.http('GET', `/v1/surveys/${surveyId}/results`, { token: await resident('res-a') })).status).toBe(403);

    const published = await fx.probe.waitForEvent((event) => event.type === SurveyAnsweredV1.type && JSON.stringify(event.data).includes('"q4"'));
    expect(JSON.stringify(published)).not.toContain('Harbour');
    expect(JSON.stringify(published)).not.toContain('res-a');
    const texts = await fx.database.collection('survey_answer_texts').find({ surveyId }).toArray();
    expect(texts).toEqual([expect.objectContaining({ texts: [{ questionId: 'q4', text: SECRET_TEXT }] })]);
    expect(texts[0].residentId ?? null).toBeNull();
  });

  it('a closed survey takes no more answers', async () => {
    expect((await fx.orders.http('POST', `/v1/surveys/${surveyId}/close`, { token: await people.supervisorLizhoujiao() })).body.status).toBe('CLOSED');
    const late = await answer('res-d', { villageId: 'lizhoujiao', answers: [{ questionId: 'q1', optionIds: ['meals'] }, { questionId: 'q2', optionIds: ['meals'] }, { questionId: 'q3', scale: 3 }] });
    expect(late.status).toBe(409);
  });

  it('an admin links a menu service to the findings; the public menu shows which needs it answers', async () => {
    const finding = { surveyId, questionId: 'q1', optionId: 'meals', finding: text('2 of 3 elderly residents asked for meals first') };
    const linked = await fx.orders.http('PUT', '/v1/catalogue/after-school-care/needs', { token: await people.admin(), body: { needs: [finding] } });
    expect(linked.status).toBe(200);
    const menu = await fx.orders.http('GET', '/v1/catalogue');
    expect(menu.body.items.find((item: { code: string }) => item.code === 'after-school-care').needs).toEqual([finding]);

    const wrong = await fx.orders.http('PUT', '/v1/catalogue/after-school-care/needs', { token: await people.admin(), body: { needs: [{ ...finding, optionId: 'flying' }, { ...finding, questionId: 'q9' }] } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors.map((error: { field: string }) => error.field)).toEqual(['body.needs.0.optionId', 'body.needs.1.questionId']);
    expect((await fx.orders.http('PUT', '/v1/catalogue/after-school-care/needs', { token: await people.supervisorLizhoujiao(), body: { needs: [] } })).status).toBe(403);
  });
});
