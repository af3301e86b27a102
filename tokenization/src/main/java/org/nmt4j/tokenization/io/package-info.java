/**
 * The file mechanisms every module shares, each defined once: atomic writes with fsync and the
 * cleanup of stale temporary files ({@link org.nmt4j.tokenization.io.AtomicFiles}), opening plain
 * or gzip text ({@link org.nmt4j.tokenization.io.TextInput}), and the one strict UTF-8 line
 * reader that reports the line of a bad byte ({@link org.nmt4j.tokenization.io.Utf8LineReader}).
 */
package org.nmt4j.tokenization.io;
