export * from './service-data-source';
export * from './row-security';
