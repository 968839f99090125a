export { startOtlpCollector, type CollectedSpan, type OtlpCollector } from '@gym/testing';
