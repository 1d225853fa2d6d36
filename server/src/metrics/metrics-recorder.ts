/**
 * What job and render code records, without importing the metrics module (which reads the
 * job and package tables): provided by MetricsService when metrics are on, absent otherwise.
 */
export abstract class MetricsRecorder {
  abstract observeJob(job: string, state: 'completed' | 'failed', seconds: number): void;
  abstract observeRender(outcome: 'ok' | 'failed', seconds: number): void;
}
