/**
 * {@code nmt4j serve} (the HTTP translation server of module {@code server}) and {@code nmt4j
 * bench serve} (its throughput and latency under concurrent clients).
 */
package org.nmt4j.cli.serve;
