import { Inject, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { EventContract, EventEnvelope, MessageContext } from '@maillage/contracts';
import { inTenantTransaction, readAcrossTenants } from '@maillage/database';
import { Outbox } from '@maillage/messaging';
import { SERVICE_DATA_SOURCE, SERVICE_IDENTITY, ServiceIdentity } from './service-runtime';

export interface Transaction {
  manager: EntityManager;
  /** the event is committed with the state change, or not at all */
  emit<P extends object>(contract: EventContract<P>, payload: P): Promise<EventEnvelope<P>>;
}

/** A state change and its events in one tenant-scoped transaction. */
@Injectable()
export class UnitOfWork {
  private readonly outbox: Outbox;

  constructor(
    @Inject(SERVICE_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(SERVICE_IDENTITY) identity: ServiceIdentity,
  ) {
    this.outbox = new Outbox(identity.schema);
  }

  run<T>(context: MessageContext, work: (tx: Transaction) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.dataSource, context.tenantId, (manager) =>
      work({
        manager,
        emit: (contract, payload) => this.outbox.emit(manager, contract, payload, context),
      }),
    );
  }

  /** Read-only work scoped to a tenant (row-level security sees the tenant). */
  read<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return inTenantTransaction(this.dataSource, tenantId, work);
  }

  /**
   * The explicit door for a read that spans tenants by nature (a partner's
   * radar over the CPTS it works with, a clock scanning due records): a
   * read-only transaction that sees the rows of `tenants` (`'*'`: all). Any
   * change goes through `run`, in its own tenant's transaction.
   */
  readAcrossTenants<T>(
    tenants: readonly string[] | '*',
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<T> {
    return readAcrossTenants(this.dataSource, tenants, work);
  }
}
