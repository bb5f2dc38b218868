import { Provider } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  InProcessWorkQueue,
  JetStreamTransport,
  JetStreamWorkQueue,
  MessageTransport,
} from '@maillage/messaging';
import { SERVICE_TRANSPORT } from '@maillage/platform';
import { CalendarFeedsService } from '../calendar/calendar-feeds.service';
import { OpenShiftsService } from '../callouts/open-shifts.service';
import { ROTA_WORK_QUEUE, RotaJobItem, RotaJobs, SCHEDULING_INSTANCE } from '../jobs/rota-jobs';
import { SitesAndRotas1764600000000 } from '../migrations/1764600000000-sites-and-rotas';
import { OpenShiftAudience1764600000001 } from '../migrations/1764600000001-open-shift-audience';
import { SitesService } from '../sites/sites.service';
import { SwapsService } from '../swaps/swaps.service';
import { RotaPagesService } from '../views/rota-pages.service';
import { RotaService } from './rota.service';
import { CampaignChangesRepair } from './campaign-changes.handler';
import { StaffChangesRepair } from './staff-changes.handler';

/** Sites, rota jobs, rotas, call-outs, swaps, calendars and pages: the providers carrying handlers. */
export const ROTA_HANDLERS = [
  SitesService,
  RotaJobs,
  RotaService,
  StaffChangesRepair,
  CampaignChangesRepair,
  OpenShiftsService,
  SwapsService,
  CalendarFeedsService,
  RotaPagesService,
];

export const ROTA_MIGRATIONS = [SitesAndRotas1764600000000, OpenShiftAudience1764600000001];

export const ROTA_PROVIDERS: Provider[] = [
  { provide: SCHEDULING_INSTANCE, useFactory: () => `scheduling-${randomUUID().slice(0, 8)}` },
  {
    // distributed: a JetStream work queue shared by every replica; standalone: in process
    provide: ROTA_WORK_QUEUE,
    inject: [SERVICE_TRANSPORT],
    useFactory: (transport: MessageTransport) =>
      transport instanceof JetStreamTransport
        ? new JetStreamWorkQueue<RotaJobItem>(transport, {
            name: 'scheduling-rota-jobs',
            ackWaitMs: 30_000,
          })
        : new InProcessWorkQueue<RotaJobItem>(),
  },
];
