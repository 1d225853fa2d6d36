import { describe, expect, it } from 'vitest';
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { ERROR_MESSAGES, ErrorCode } from '@zipin/shared';
import { describeError, toApiError } from './errors.js';

const refusal = (extensions: Record<string, unknown>, message = '材料处于“草稿”阶段，不能审核通过') =>
  new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });

describe('server refusals in the chosen language', () => {
  it('shows the server’s English beside its Chinese', () => {
    const e = refusal({ code: 'TRANSITION_NOT_ALLOWED', messageEn: 'A draft cannot be approved', details: { from: 'DRAFT', action: 'APPROVE' } });
    expect(describeError(e, 'en').message).toBe('A draft cannot be approved');
    expect(describeError(e, 'zh-CN').message).toBe('材料处于“草稿”阶段，不能审核通过');
    expect(toApiError(e).details).toEqual({ from: 'DRAFT', action: 'APPROVE' });
  });

  it('takes a workflow reason’s English from its details when no messageEn came', () => {
    const e = refusal({ code: 'TRANSITION_NOT_ALLOWED', details: { reasonEn: 'Only the claimant may return it' } });
    expect(describeError(e, 'en').message).toBe('Only the claimant may return it');
  });

  it('falls back to the code’s own English, never to the Chinese, when the server sent none', () => {
    const e = refusal({ code: 'NOT_EDITABLE' });
    expect(describeError(e, 'en').message).toBe(ERROR_MESSAGES[ErrorCode.NOT_EDITABLE].en);
    expect(describeError(e, 'en').hint).toMatch(/^[\x20-\x7e’]+$/);
  });
});
