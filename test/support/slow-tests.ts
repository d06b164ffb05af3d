import { jest } from '@jest/globals';

// Integration and end-to-end tests start databases and server processes: seconds, not millis.
jest.setTimeout(60_000);
