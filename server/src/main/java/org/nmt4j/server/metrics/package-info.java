/** The server's Prometheus metrics, kept with Micrometer ({@link org.nmt4j.server.metrics.ServerMetrics}). */
package org.nmt4j.server.metrics;
