import { describe, expect, it } from '@jest/globals';
import { sdkKeyCredential } from './sdk-key-credential.js';

const SERVER = 'fss_0123456789abcdefghijABCDEFGHIJ-_xyz';
const CLIENT = 'fsc_0123456789abcdefghijABCDEFGHIJ-_xyz';

describe('the SDK key a request names', () => {
  it('reads a server or client key from a Bearer header', () => {
    expect(sdkKeyCredential(`Bearer ${SERVER}`, undefined)).toEqual({ secret: SERVER, inQuery: false });
    expect(sdkKeyCredential(`bearer  ${CLIENT} `, undefined)).toEqual({ secret: CLIENT, inQuery: false });
  });

  it('reads a client key from ?key= when there is no Authorization header', () => {
    expect(sdkKeyCredential(undefined, CLIENT)).toEqual({ secret: CLIENT, inQuery: true });
  });

  it('never takes a server key from the URL', () => {
    expect(sdkKeyCredential(undefined, SERVER)).toBeUndefined();
  });

  it('does not fall back to ?key= when the header holds something else', () => {
    expect(sdkKeyCredential('Bearer fsa_admin', CLIENT)).toBeUndefined();
  });

  it.each([
    'Bearer fsa_0123456789',
    'Bearer fsp_0123456789',
    'Basic Zm9vOmJhcg==',
    'Bearer',
    'Bearer fss_',
    'Bearer fss_has space',
    `Bearer ${SERVER}${'x'.repeat(200)}`,
  ])('finds no SDK key in %j', (header) => {
    expect(sdkKeyCredential(header, undefined)).toBeUndefined();
  });

  it.each([undefined, '', ['fsc_a', 'fsc_b'], 42])('finds no key in the query value %j', (value) => {
    expect(sdkKeyCredential(undefined, value)).toBeUndefined();
  });
});
