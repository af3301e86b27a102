/**
 * The translation commands: {@code nmt4j translate} (line-aligned translation of files or
 * stdin), {@code nmt4j score} (forced-decoding scores and perplexity) and the decoding benchmark.
 */
package org.nmt4j.cli.translate;
