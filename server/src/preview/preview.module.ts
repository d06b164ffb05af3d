import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { PreviewResolver } from './preview.resolver.js';
import { PreviewService } from './preview.service.js';

@Module({ imports: [ProjectsModule, DeliveryModule], providers: [PreviewService, PreviewResolver] })
export class PreviewModule {}
