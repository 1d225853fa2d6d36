import { Global, Module } from '@nestjs/common';
import { RenderService } from './render.service.js';

@Global()
@Module({ providers: [RenderService], exports: [RenderService] })
export class RenderModule {}
