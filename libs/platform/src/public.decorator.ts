import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'maillage:public';

/** A route anyone may call (health, docs, the dev issuer): the gateway's guard lets it through. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
