export * from './test-environment';
export * from './service-harness';
export * from './nats-server-process';
export * from './ledger-service';
