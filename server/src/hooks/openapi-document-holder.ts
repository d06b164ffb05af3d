import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

/**
 * The hooks' OpenAPI document, built once the application exists (server.ts): generating it needs
 * the whole application, which no provider can see while the application is being made.
 */
@Injectable()
export class OpenApiDocumentHolder {
  document: OpenAPIObject | undefined;
}
