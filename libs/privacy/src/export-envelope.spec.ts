import { exportKey, sealedExportPart } from '@lantern/contracts';
import { newRequestKeyPair, openFromRequest, sealToRequest } from './export-envelope';

describe('an export part sealed to its request\'s key', () => {
  const request = newRequestKeyPair();

  it('opens with the request\'s private key only, and fits the published schemas', () => {
    const sealed = sealToRequest(request.publicKey, { details: 'Two children, pick-up at 16:30' });
    expect(sealed).not.toContain('children');
    expect(exportKey.safeParse(request.publicKey).success).toBe(true);
    expect(sealedExportPart.safeParse(sealed).success).toBe(true);
    expect(openFromRequest(request.privateKey, sealed)).toEqual({ details: 'Two children, pick-up at 16:30' });
    expect(openFromRequest(newRequestKeyPair().privateKey, sealed)).toBeNull();
    expect(openFromRequest(request.privateKey, sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA'))).toBeNull();
  });
});
