export * from './test-environment';
export * from './service-harness';
export * from './nats-server-process';
export * from './ledger-service';
export * from './postgres-server-process';
export * from './tcp-fault-proxy';
export * from './ledger-consumer-process';
