import { ApiProperty } from '@nestjs/swagger';

// The OpenAPI schemas of the three strategies (deployment-strategy.ts reads and checks them).

const INSTANCE_COUNT = {
  oneOf: [
    { type: 'integer', minimum: 0, maximum: 100_000 },
    { type: 'string', pattern: '^(100|[1-9]?[0-9])%$' },
  ],
  description: 'A number of instances, or a share of them such as "25%" (Kubernetes\' int-or-percent).',
};

export class RollingStrategySchema {
  @ApiProperty({ enum: ['rolling'] })
  type!: 'rolling';

  @ApiProperty({ ...INSTANCE_COUNT, required: false, default: '25%' })
  maxSurge?: number | string;

  @ApiProperty({ ...INSTANCE_COUNT, required: false, default: '25%' })
  maxUnavailable?: number | string;
}

export class BlueGreenStrategySchema {
  @ApiProperty({ enum: ['blue-green'] })
  type!: 'blue-green';
}

export class CanaryStrategySchema {
  @ApiProperty({ enum: ['canary'] })
  type!: 'canary';

  @ApiProperty({
    type: [Number],
    minItems: 1,
    description: 'Traffic weights in percent, integers from 1 to 100, each above the last.',
    example: [5, 25, 50, 100],
  })
  steps!: number[];
}

export const STRATEGY_SCHEMAS = [RollingStrategySchema, BlueGreenStrategySchema, CanaryStrategySchema];
