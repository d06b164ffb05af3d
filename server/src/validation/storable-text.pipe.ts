import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { InvalidInputError } from '../errors/invalid-input-error.js';
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextAt } from './storable-text.js';

/**
 * Refuses, for every GraphQL argument, text Postgres cannot store (NUL, unpaired surrogates) with
 * the path of the offending value, so no service has to remember it and no insert fails with a 500.
 */
@Injectable()
export class StorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const at = unstorableTextAt(value, metadata.data ? `/${metadata.data}` : '');
    if (at !== undefined) throw InvalidInputError.at(at, 'INVALID_TEXT', UNSTORABLE_TEXT_MESSAGE);
    return value;
  }
}
