export * from './test-environment';
export * from './service-harness';
