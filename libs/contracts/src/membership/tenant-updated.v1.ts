import { defineEvent } from '../common/contract';
import { TenantSnapshotV1 } from './tenant-profile';

/** A CPTS changed (name, territory, ACI date, contact): the whole new snapshot, to replace the old one. */
export class TenantUpdatedV1 extends TenantSnapshotV1 {}

export const TenantUpdated = defineEvent('membership.tenant.updated.v1', TenantUpdatedV1);
