import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeController, type OpenAPIObject } from '@nestjs/swagger';
import { OpenApiDocumentHolder } from './openapi-document-holder.js';

/** The hooks' OpenAPI 3 document, as JSON, without a token (it holds no data). */
@ApiExcludeController()
@Controller('api/docs')
export class OpenApiController {
  constructor(private readonly holder: OpenApiDocumentHolder) {}

  @Get()
  document(): OpenAPIObject {
    return this.current();
  }

  @Get('openapi.json')
  file(): OpenAPIObject {
    return this.current();
  }

  private current(): OpenAPIObject {
    if (!this.holder.document) throw new ServiceUnavailableException('the API document is being built');
    return this.holder.document;
  }
}
