/**
 * Implementations of {@link org.nmt4j.corpora.ParallelCorpusReader}: aligned plain-text files,
 * TSV and TMX 1.4, over {@link org.nmt4j.tokenization.io.TextInput} (transparent gzip) and the
 * strict {@link org.nmt4j.tokenization.io.Utf8LineReader}. Callers normally go through {@link
 * org.nmt4j.corpora.CorpusSpec#open()} instead of naming these classes.
 */
package org.nmt4j.corpora.read;
