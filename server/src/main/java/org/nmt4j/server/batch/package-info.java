/**
 * Dynamic batching: sentences of concurrent requests wait in one bounded queue and are decoded
 * together, up to a batch size or a delay, then each request gets its own translations back in
 * order ({@link org.nmt4j.server.batch.DynamicBatcher}).
 */
package org.nmt4j.server.batch;
