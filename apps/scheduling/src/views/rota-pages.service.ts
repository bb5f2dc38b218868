import { Injectable } from '@nestjs/common';
import { ProblemError, RenderRotaPage, RenderRotaPageV1, RotaPageV1 } from '@maillage/contracts';
import { OnRequest, RequestContext } from '@maillage/messaging';
import { UnitOfWork } from '@maillage/platform';
import { administers, requireSelfOrCoordinator, requireReader } from '../rota/access';
import { displayNames, loadRota } from '../rota/rota-store';
import { rotaView } from '../rota/rota-view';
import { renderRotaPage } from './rota-page';

/** The HTML page of a rota for one site or one member (served by the gateway). */
@Injectable()
export class RotaPagesService {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  @OnRequest(RenderRotaPage)
  async render(query: RenderRotaPageV1, context: RequestContext): Promise<RotaPageV1> {
    requireReader(context);
    if (query.memberId)
      requireSelfOrCoordinator(context, query.memberId, 'reads a personal rota page');
    return this.unitOfWork.read(context.tenantId, async (manager) => {
      const loaded = await loadRota(manager, context.tenantId, query.rotaId);
      if (!administers(context) && loaded.rota.status === 'draft')
        throw ProblemError.notFound(`no rota ${query.rotaId} in this CPTS`);
      const names = await displayNames(
        manager,
        context.tenantId,
        loaded.assignments.map((a) => a.memberId),
      );
      const view = rotaView(loaded, names);
      if (query.siteId) {
        const site = loaded.rota.problem.sites?.find((s) => s.id === query.siteId);
        if (!site) throw ProblemError.notFound(`the rota does not cover site ${query.siteId}`);
        return {
          html: renderRotaPage(view, {
            title: site.name,
            subtitle: 'Planning du site',
            siteId: query.siteId,
          }),
        };
      }
      if (query.memberId) {
        const name =
          names.get(query.memberId) ??
          loaded.rota.problem.members.find((m) => m.id === query.memberId)?.name;
        if (!name)
          throw ProblemError.notFound(`member ${query.memberId} is not in this rota's staff pool`);
        return {
          html: renderRotaPage(view, {
            title: name,
            subtitle: 'Mes gardes',
            memberId: query.memberId,
          }),
        };
      }
      const sites = (loaded.rota.problem.sites ?? []).map((s) => s.name).join(', ');
      return {
        html: renderRotaPage(view, { title: 'Planning', subtitle: sites || 'Tous les sites' }),
      };
    });
  }
}
