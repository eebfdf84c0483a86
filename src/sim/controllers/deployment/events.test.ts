import { describe, expect, it } from 'vitest';
import { createdReplicaSetEventMessage, scalingReplicaSetEventMessage, SCALING_REPLICASET_REASON } from './events.ts';

describe('ScalingReplicaSet messages', () => {
  it('has the reason the describe/events tables show', () => {
    expect(SCALING_REPLICASET_REASON).toBe('ScalingReplicaSet');
  });

  it.each<['v1.31' | 'v1.32', string]>([
    ['v1.31', 'Scaled up replica set nginx-deployment-75675f5897 to 3'],
    ['v1.32', 'Scaled up replica set nginx-deployment-75675f5897 from 0 to 3'],
  ])('creation, %s wording', (wording, want) => {
    expect(createdReplicaSetEventMessage('nginx-deployment-75675f5897', 3, wording)).toBe(want);
  });

  it.each<[number, number, 'v1.31' | 'v1.32', string | undefined]>([
    [0, 1, 'v1.31', 'Scaled up replica set web-6b474476c4 to 1 from 0'],
    [3, 2, 'v1.31', 'Scaled down replica set web-6b474476c4 to 2 from 3'],
    [3, 2, 'v1.32', 'Scaled down replica set web-6b474476c4 from 3 to 2'],
    [1, 2, 'v1.32', 'Scaled up replica set web-6b474476c4 from 1 to 2'],
    [2, 2, 'v1.31', undefined],
  ])('%i -> %i (%s)', (from, to, wording, want) => {
    expect(scalingReplicaSetEventMessage('web-6b474476c4', from, to, wording)).toBe(want);
  });

  it('defaults to the v1.31 wording the simulator targets', () => {
    expect(scalingReplicaSetEventMessage('rs', 4, 0)).toBe('Scaled down replica set rs to 0 from 4');
    expect(createdReplicaSetEventMessage('rs', 4)).toBe('Scaled up replica set rs to 4');
  });
});
