export * from './service-data-source';
export * from './row-security';
export * from './service-login';
