import { Module } from '@nestjs/common';
import { ChangeWriter } from './change-writer.js';

@Module({ providers: [ChangeWriter], exports: [ChangeWriter] })
export class ChangesModule {}
