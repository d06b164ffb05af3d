import { registerEnumType } from '@nestjs/graphql';

/** Which of a segment's key lists an operation reads or changes. */
export enum SegmentKeyList {
  INCLUDED = 'included',
  EXCLUDED = 'excluded',
}

registerEnumType(SegmentKeyList, {
  name: 'SegmentKeyList',
  valuesMap: {
    INCLUDED: { description: 'targetingKeys always in the segment.' },
    EXCLUDED: { description: 'targetingKeys never in the segment, whatever the rules say.' },
  },
});
