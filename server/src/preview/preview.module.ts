import { Module } from '@nestjs/common';
import { ProjectsModule } from '../projects/projects.module.js';
import { PreviewResolver } from './preview.resolver.js';
import { PreviewService } from './preview.service.js';

@Module({ imports: [ProjectsModule], providers: [PreviewService, PreviewResolver] })
export class PreviewModule {}
