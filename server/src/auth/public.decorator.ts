import { SetMetadata } from '@nestjs/common';

export const PUBLIC_KEY = 'flagstaff:public';

/** Marks a GraphQL operation that answers without an admin token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
