import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FieldErrorDocument, ProblemDocument, PUBLIC_OPERATION_EXTENSION } from '@lantern/http';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { createReadStream } from 'node:fs';
import { dirname, join } from 'node:path';
import { documentPlatformStatuses } from './platform-statuses';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

/** Operations marked @Public() override the document-wide bearer requirement with `security: []`. */
function markPublicOperations(document: OpenAPIObject): void {
  for (const path of Object.values(document.paths)) {
    for (const operation of Object.values(path) as Record<string, unknown>[]) {
      if (operation && typeof operation === 'object' && operation[PUBLIC_OPERATION_EXTENSION]) {
        operation.security = [];
        delete operation[PUBLIC_OPERATION_EXTENSION];
      }
    }
  }
}

const PAGE = (title: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="stylesheet" href="/docs/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/docs-json', dom_id: '#swagger-ui', persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: 'StandaloneLayout' });</script>
</body></html>`;

/**
 * OpenAPI JSON at `/docs-json` and Swagger UI at `/docs`. The UI's assets are served straight
 * from swagger-ui-dist, which avoids @fastify/static (whose current major wants Node 22).
 *
 * Memory: swagger-ui-dist's main module runs the 1.5 MB browser bundle inside Node, so only the
 * folder is looked up (require.resolve loads nothing); the assets are streamed from disk when
 * asked for (browsers cache them a day) instead of 1.9 MB held by every idle service.
 */
export function installSwagger(app: NestFastifyApplication, service: string, description: string): void {
  const config = new DocumentBuilder()
    .setTitle(`Lantern ${service}`)
    .setDescription(description)
    .setVersion('1.0.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDocument, FieldErrorDocument] });
  markPublicOperations(document);
  documentPlatformStatuses(document);
  SwaggerModule.setup('docs', app, document, { ui: false, jsonDocumentUrl: 'docs-json', yamlDocumentUrl: 'docs-yaml' });

  const fastify = app.getHttpAdapter().getInstance();
  const assetsDir = dirname(require.resolve('swagger-ui-dist/swagger-ui-bundle.js'));
  const page = PAGE(`Lantern ${service} API`);
  fastify.get('/docs', (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  for (const [file, type] of Object.entries(ASSETS)) {
    const path = join(assetsDir, file);
    fastify.get(`/docs/${file}`, (_request, reply) => reply.type(type).header('cache-control', 'public, max-age=86400').send(createReadStream(path)));
  }
}
