export * from './common/contract';
export * from './common/envelope';
export * from './common/request';
export * from './membership/member-profile';
export * from './membership/member-registered.v1';
export * from './membership/register-member.v1';
export * from './scheduling/staff.v1';
