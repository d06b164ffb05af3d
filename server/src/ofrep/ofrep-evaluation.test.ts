import { describe, expect, it } from '@jest/globals';
import { booleanFlag, compile, snapshotOf, type Flag } from '@flagstaff/sdk-core';
import { MAX_CONTEXT_DEPTH, OfrepRequestError, readOfrepContext } from './ofrep-context.js';
import { ofrepEvaluation, ofrepStatus } from './ofrep-evaluation.js';

describe('OFREP evaluation results', () => {
  const enabled = booleanFlag('on-flag', { metadata: { owner: 'team' } });
  // Disabled, with no off variation: the caller's default is served.
  const { offVariation: _, ...codeDefault }: Flag = booleanFlag('off-flag', { enabled: false });
  const evaluator = compile(snapshotOf(enabled, codeDefault));

  it('reports a served variation with its value, variant, reason and metadata', () => {
    const result = ofrepEvaluation('on-flag', evaluator.evaluate('on-flag', {}));
    expect(result).toEqual({
      key: 'on-flag',
      value: true,
      reason: 'STATIC',
      variant: 'on',
      metadata: { owner: 'team' },
    });
    expect(ofrepStatus(result)).toBe(200);
  });

  it('leaves the value out when the caller’s default is served', () => {
    const result = ofrepEvaluation('off-flag', evaluator.evaluate('off-flag', {}));
    expect(result).toEqual({ key: 'off-flag', reason: 'DISABLED', metadata: {} });
    expect(JSON.parse(JSON.stringify(result))).not.toHaveProperty('value');
    expect(ofrepStatus(result)).toBe(200);
  });

  it('turns an unknown flag into 404 and other errors into 400', () => {
    const missing = ofrepEvaluation('nope', evaluator.evaluate('nope', {}));
    expect(missing).toEqual({ key: 'nope', errorCode: 'FLAG_NOT_FOUND', errorDetails: expect.any(String) });
    expect(ofrepStatus(missing)).toBe(404);
    const general = ofrepEvaluation('x', {
      value: null,
      reason: 'ERROR',
      errorCode: 'TYPE_MISMATCH',
      errorMessage: 'odd',
      flagMetadata: {},
    });
    expect(general).toEqual({ key: 'x', errorCode: 'GENERAL', errorDetails: 'odd' });
    expect(ofrepStatus(general)).toBe(400);
  });
});

describe('OFREP request context', () => {
  it('reads the context of a body, and an empty one from no body, {} or a null context', () => {
    expect(readOfrepContext({ context: { targetingKey: 'u1', plan: 'pro' } })).toEqual({
      targetingKey: 'u1',
      plan: 'pro',
    });
    for (const body of [undefined, null, {}, { context: null }]) expect(readOfrepContext(body)).toEqual({});
  });

  it('refuses bodies and contexts that are not objects, and a targetingKey that is not a string', () => {
    const code = (body: unknown) => {
      try {
        readOfrepContext(body);
        return undefined;
      } catch (error) {
        if (!(error instanceof OfrepRequestError)) throw error;
        return error.errorCode;
      }
    };
    expect(code('text')).toBe('PARSE_ERROR');
    expect(code([])).toBe('PARSE_ERROR');
    expect(code({ context: 'u1' })).toBe('INVALID_CONTEXT');
    expect(code({ context: [] })).toBe('INVALID_CONTEXT');
    expect(code({ context: { targetingKey: 7 } })).toBe('INVALID_CONTEXT');
    const nested = (depth: number): unknown => (depth === 0 ? 'leaf' : { a: nested(depth - 1) });
    expect(code({ context: nested(MAX_CONTEXT_DEPTH) })).toBeUndefined();
    expect(code({ context: nested(MAX_CONTEXT_DEPTH + 1) })).toBe('INVALID_CONTEXT');
  });
});
