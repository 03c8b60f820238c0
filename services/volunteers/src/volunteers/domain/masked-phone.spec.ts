import { maskedPhone } from './masked-phone';

describe('maskedPhone', () => {
  it('keeps only the last four digits and the length', () => {
    expect(maskedPhone('13912345678')).toBe('*******5678');
    expect(maskedPhone('+8613912345678')).toBe('**********5678');
  });

  it('a number of four digits or fewer is shown as it is: there is nothing left to hide it behind', () => {
    expect(maskedPhone('1234')).toBe('1234');
  });
});
