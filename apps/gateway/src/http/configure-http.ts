import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, urlencoded } from 'express';
import helmet from 'helmet';

export interface HttpOptions {
  corsOrigins?: string[];
}

/** What the gateway adds to a bare Nest app: limits, headers, CORS, OpenAPI. */
export function configureGatewayHttp(app: INestApplication, options: HttpOptions = {}): void {
  app.use(json({ limit: '256kb' }));
  app.use(urlencoded({ extended: false, limit: '64kb' }));
  app.use(helmet({ contentSecurityPolicy: false }));
  if (options.corsOrigins?.length) app.enableCors({ origin: options.corsOrigins, exposedHeaders: ['ETag', 'Location', 'x-correlation-id'] });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Maillage API')
      .setDescription('The platform French CPTS run on: members, rotas, campaigns, partners.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
