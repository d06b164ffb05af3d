import { Module } from '@nestjs/common';
import { ConfigurationModule } from '../configuration/configuration.module.js';
import { ChangeFeed } from './change-feed.js';
import { DeliveryStats } from './delivery-stats.js';
import { SdkKeyAuthenticator } from './sdk-key-authenticator.js';
import { SnapshotBuilder } from './snapshot-builder.js';
import { SnapshotCache } from './snapshot-cache.js';
import { SnapshotController } from './snapshot.controller.js';
import { StreamController } from './stream.controller.js';
import { StreamHub } from './stream-hub.js';
import { VersionWatcher } from './version-watcher.js';

/**
 * SDK delivery (docs/delivery-protocol.md): snapshots and SSE streams for SDK keys. Exports what
 * other SDK-facing parts build on: keys, snapshots (the preview and OFREP evaluate them), the
 * current versions, and the counters for /metrics.
 */
@Module({
  imports: [ConfigurationModule],
  controllers: [SnapshotController, StreamController],
  providers: [
    DeliveryStats,
    SdkKeyAuthenticator,
    SnapshotBuilder,
    VersionWatcher,
    SnapshotCache,
    ChangeFeed,
    StreamHub,
  ],
  exports: [DeliveryStats, SdkKeyAuthenticator, SnapshotBuilder, VersionWatcher, SnapshotCache],
})
export class DeliveryModule {}
