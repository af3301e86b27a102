/**
 * Parallel corpora: reading, checking, filtering, splitting and reporting.
 *
 * <p>The entry points are:
 *
 * <ul>
 *   <li>{@link org.nmt4j.corpora.CorpusSpec} says where a corpus is and in which format, and
 *       {@link org.nmt4j.corpora.CorpusSpec#open()} streams it as {@link
 *       org.nmt4j.corpora.SentencePair}s through a {@link org.nmt4j.corpora.ParallelCorpusReader}
 *       (aligned text files, TSV or TMX, each optionally gzip-compressed).
 *   <li>Bad input stops with a {@link org.nmt4j.corpora.CorpusException} whose message is one
 *       line naming the file and line; nothing is repaired silently.
 *   <li>{@link org.nmt4j.corpora.FilterChain} drops pairs by named rules ({@link
 *       org.nmt4j.corpora.FilterConfig}) and counts each drop; {@link
 *       org.nmt4j.corpora.CorpusCheck} runs a reader through the filters into a {@link
 *       org.nmt4j.corpora.CorpusReport} (what {@code nmt4j corpus check} prints).
 *   <li>{@link org.nmt4j.corpora.TextCleaner} normalises text (NFC, control characters,
 *       whitespace) before filtering.
 *   <li>{@link org.nmt4j.corpora.CorpusSplitter} makes a seeded train/valid/test split of one or
 *       more corpora through a cleaning and filtering pipeline, written (optionally gzipped)
 *       with {@link org.nmt4j.corpora.AlignedCorpusWriter}.
 * </ul>
 *
 * <p>Batching of encoded pairs is in {@link org.nmt4j.corpora.batch}, generated toy corpora in
 * {@link org.nmt4j.corpora.toy}; the reader and filter implementations are in {@code read} and
 * {@code filter}.
 */
package org.nmt4j.corpora;
