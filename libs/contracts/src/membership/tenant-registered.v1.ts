import { defineEvent } from '../common/contract';
import { TenantSnapshotV1 } from './tenant-profile';

/** A CPTS was opened on the platform by an operator: its whole snapshot, territory included. */
export class TenantRegisteredV1 extends TenantSnapshotV1 {}

export const TenantRegistered = defineEvent('membership.tenant.registered.v1', TenantRegisteredV1);
