import { retryUpsertRace } from './upsert-by-id';

const duplicateKey = () => Object.assign(new Error('E11000 duplicate key error'), { code: 11000 });

describe('retryUpsertRace', () => {
  it('runs the write once more after a duplicate key, and answers what the second run answers', async () => {
    const write = jest.fn().mockRejectedValueOnce(duplicateKey()).mockResolvedValueOnce('updated');
    await expect(retryUpsertRace(write)).resolves.toBe('updated');
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('throws a second duplicate key: that is not the race', async () => {
    const write = jest.fn().mockRejectedValue(duplicateKey());
    await expect(retryUpsertRace(write)).rejects.toMatchObject({ code: 11000 });
    expect(write).toHaveBeenCalledTimes(2);
  });

  it('throws any other error at once, without running the write again', async () => {
    const write = jest.fn().mockRejectedValue(new Error('connection closed'));
    await expect(retryUpsertRace(write)).rejects.toThrow('connection closed');
    expect(write).toHaveBeenCalledTimes(1);
  });
});
